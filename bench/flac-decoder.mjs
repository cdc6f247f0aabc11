// Issue 24 section 3: voiceprep's own FLAC decoder against the path it replaced (libFLAC in WebAssembly,
// @wasm-audio-decoders/flac, fed frame by frame by codec-parser, floats scaled back to n / 2^(bits-1)), both in this
// process on the same 60 s 44.1 kHz stereo FLAC (ffmpeg -compression_level 5) of the speech-like signal, and
// against `ffmpeg -f null` (a whole process, native libavcodec, one thread). CPU time of the decode alone
// (process.cpuUsage: user + system), the median of `runs` after a warm-up; the bar is 0.35.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { FLACDecoder } from '@wasm-audio-decoders/flac';
import CodecParser from 'codec-parser';
import { encodedSpeech, median, middle, timeProcess } from './tools.mjs';

/** Returns rows for the bench's ratio table. */
export async function flacDecoderCost({ work, root, runs }) {
  const flac = encodedSpeech(join(work, 'speech-60s-44k-flacdec.flac'), 60, ['flac', '-compression_level', '5']);
  const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const [{ readFlacLayout }, { decodeFlac }, { openFileSource }] = await Promise.all([
    dist('formats/flac/flac-stream.js'),
    dist('formats/flac/flac-decode.js'),
    dist('node/file-source.js'),
  ]);
  const source = await openFileSource(flac);
  const layout = await readFlacLayout(source);
  const decoders = {
    libflac: () => decodeWithLibFlac(source, layout),
    ours: () => decodeFlac(source, layout, { own: () => undefined, warn: () => undefined }),
  };
  const cpu = {};
  for (const [name, pass] of Object.entries(decoders)) {
    const times = [];
    for (let run = 0; run <= runs; run++) {
      const start = process.cpuUsage();
      let samples = 0;
      for await (const chunk of pass()) samples += chunk[0].length;
      const used = process.cpuUsage(start);
      if (samples !== 44100 * 60) throw new Error(`${name} decoded ${samples} samples of 60 s`);
      if (run > 0) times.push((used.user + used.system) / 1000);
    }
    cpu[name] = middle(times);
  }
  await source.close();
  const ffmpeg = await median(runs, () => timeProcess('ffmpeg', ['-v', 'error', '-threads', '1', '-i', flac, '-f', 'null', '-']), 1);
  rmSync(flac);
  return [
    { what: '60 s 44.1 kHz stereo FLAC (level 5), decode alone: ours vs libFLAC + codec-parser, CPU', ours: cpu.ours, theirs: cpu.libflac, bar: 0.35, who: 'libFLAC path' },
    { what: '  the same: ours (decode alone) vs ffmpeg -f null (whole process), CPU (for the record)', ours: cpu.ours, theirs: ffmpeg.cpu, bar: null, who: 'ffmpeg' },
  ];
}

/** The decoder voiceprep used before its own (src/formats/flac/flac-decode.ts until issue 24 section 3). */
async function* decodeWithLibFlac(source, layout) {
  const decoder = new FLACDecoder();
  await decoder.ready;
  const parser = new CodecParser('audio/flac', { enableFrameCRC32: false });
  // 'fLaC' and STREAMINFO alone, marked the last metadata block: some frame headers leave rate or depth to it
  const head = (await source.read(0, 42)).slice();
  head[4] |= 0x80;
  await decoder.decodeFrames([head]);
  const read = 64 * 1024;
  try {
    for (let offset = layout.framesStart; offset < layout.framesEnd; offset += read) {
      const bytes = (await source.read(offset, Math.min(read, layout.framesEnd - offset))).slice();
      for (const frame of parser.parseChunk(bytes)) yield toFullScale(await decoder.decodeFrames([frame.data]));
    }
    for (const frame of parser.flush()) yield toFullScale(await decoder.decodeFrames([frame.data]));
  } finally {
    decoder.free();
  }
}

const ROUNDER = 6755399441055744;

function toFullScale(decoded) {
  const half = 2 ** (decoded.bitDepth - 1);
  const divisor = half - 1;
  const inverse = 1 / half;
  for (const channel of decoded.channelData) {
    for (let i = 0; i < channel.length; i++) channel[i] = (channel[i] * divisor + ROUNDER - ROUNDER) * inverse;
  }
  return decoded.channelData;
}
