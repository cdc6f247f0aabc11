// Issue 24 section 3: voiceprep's own Layer III decoder against mpg123 (mpg123-decoder), both in this process on
// the same 300 s 128 kbps stereo MP3 of the speech-like signal: mpg123 decoding it whole (all it can do), ours
// decoding only the band an 8 kHz output needs, folded to mono (what a conversion asks of it). CPU time of the
// decode alone (process.cpuUsage: user + system), the median of `runs` after a warm-up; the bar is 0.55.
import { rmSync } from 'node:fs';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { encodedSpeech, middle } from './tools.mjs';

/** Returns a row for the bench's ratio table. */
export async function mp3DecoderCost({ work, root, runs }) {
  const mp3 = encodedSpeech(join(work, 'speech-300s-128k-dec.mp3'), 300, ['libmp3lame', '-b:a', '128k']);
  const dist = (path) => import(pathToFileURL(join(root, 'dist', path)).href);
  const [{ readLayout }, { decodeMpeg }, { decodeLayer3 }, { openFileSource }] = await Promise.all([
    dist('formats/mp3/mp3-reader.js'),
    dist('formats/mp3/mpeg-decode.js'),
    dist('formats/mp3/layer3-decode.js'),
    dist('node/file-source.js'),
  ]);
  const source = await openFileSource(mp3);
  const layout = await readLayout(source);
  const decoders = {
    mpg123: (context) => decodeMpeg(source, layout.stream, context),
    ours: (context) => decodeLayer3(source, layout.stream, layout.header, { bandwidthHz: 4000, mono: true }, context),
  };
  const cpu = {};
  for (const [name, pass] of Object.entries(decoders)) {
    const times = [];
    for (let run = 0; run <= runs; run++) {
      const owned = [];
      const context = { own: (decoder) => owned.push(decoder), warn: () => undefined };
      const start = process.cpuUsage();
      let samples = 0;
      for await (const chunk of pass(context)) samples += chunk[0].length;
      const used = process.cpuUsage(start);
      for (const decoder of owned) decoder.free();
      if (samples < 44100 * 299) throw new Error(`${name} decoded ${samples} samples of 300 s`);
      if (run > 0) times.push((used.user + used.system) / 1000);
    }
    cpu[name] = middle(times);
  }
  await source.close();
  return {
    what: '300 s 128 kbps stereo MP3, decode alone: ours (8 kHz band, mono) vs mpg123 (whole), CPU',
    ours: cpu.ours,
    theirs: cpu.mpg123,
    bar: 0.55,
    who: 'mpg123',
  };
}
