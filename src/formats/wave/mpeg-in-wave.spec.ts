import { describe, expect, it } from 'vitest';
import { decodeAll, fixture } from '../../../test/fixtures/compressed/reference.js';
import { buildRiff, fmtBody } from '../../../test/support/wav-builder.js';
import { checkBytes } from '../../check/check-bytes.js';
import { isVoiceprepError } from '../../errors.js';
import { convertBytes } from '../../pipeline/convert-bytes.js';
import { bytesSource } from '../../source/byte-source.js';
import { waveReader } from './wave-reader.js';

/** An MPEG stream in a WAVE file, as Windows' ACM codec writes one: block align 1, the bitrate as the byte rate. */
function mpegInWave(stream: Uint8Array, options: { tag?: number; sampleRate?: number; channels?: number; bytesPerSecond?: number; blockAlign?: number; fact?: number } = {}) {
  const fmt = fmtBody({
    formatTag: options.tag ?? 0x55,
    channels: options.channels ?? 1,
    sampleRate: options.sampleRate ?? 44100,
    bitsPerSample: 0,
    blockAlign: options.blockAlign ?? 1,
    byteRate: options.bytesPerSecond ?? 8000,
    cbSize: 0,
  });
  const fact = new Uint8Array(4);
  if (options.fact !== undefined) new DataView(fact.buffer).setUint32(0, options.fact, true);
  return buildRiff([{ id: 'fmt ', body: fmt }, ...(options.fact !== undefined ? [{ id: 'fact', body: fact }] : []), { id: 'data', body: stream }]);
}

const same = (a: Uint8Array, b: Uint8Array) => Buffer.from(a).equals(Buffer.from(b));

describe('MPEG audio in a WAVE file', () => {
  it.each([
    ['speech-cbr.mp3', 0x55, 44100, 'MPEG-1 Layer III'],
    ['speech-no-gapless.mp3', 0x55, 44100, 'MPEG-1 Layer III'],
    ['speech-mpeg25-8k.mp3', 0x55, 8000, 'MPEG-2.5 Layer III'],
    ['speech-layer2.mp2', 0x50, 32000, 'MPEG-1 Layer II'],
  ])('%s in a WAVE file (tag %i) converts exactly as the MP3 file itself', async (name, tag, sampleRate, encoding) => {
    const stream = fixture(name);
    const { bytes, report } = await convertBytes(mpegInWave(stream, { tag, sampleRate }));
    expect(same(bytes, (await convertBytes(stream)).bytes)).toBe(true);
    expect(report.input).toMatchObject({ container: 'RIFF', formatTag: tag, encoding, sampleRate, channels: 1 });
  });

  it('is decoded as narrowly as an MP3 file when the caller asks (the band of an output, the channels folded to their mean)', async () => {
    const file = mpegInWave(fixture('l3-speech-joint.mp3'), { channels: 2 });
    const audio = await waveReader.open(bytesSource(file), { bandwidthHz: 4000, mono: true });
    const [left, right] = await decodeAll(audio);
    audio.close();
    expect(left.length).toBeGreaterThan(30000);
    expect(Buffer.from(left.buffer).equals(Buffer.from(right.buffer))).toBe(true);
  });

  it('made by ffmpeg (-c:a libmp3lame -f wav: block align 576, a fact chunk): checked from its header, converted to ffmpeg\'s length', async () => {
    const file = fixture('speech-mp3-in.wav');
    const record = await checkBytes(file, 'speech.wav');
    // what convert fixes, and nothing broken: the data is not blocks of 576 bytes
    expect(record.problems.map((problem) => problem.code)).toEqual(['encoding', 'sample-rate']);
    expect(record.problems[0].message).toBe('MPEG-2 Layer III, not A-law: fix with "voiceprep convert speech.wav -o <folder>"');
    // the stream's own length (ffmpeg's decode: 8064 samples at 16 kHz), not the fact chunk's 7505
    expect(record.seconds).toBeCloseTo(8064 / 16000, 6);
    const { report } = await convertBytes(file);
    // ffmpeg -i speech-mp3-in.wav -ar 8000 -ac 1 -c:a pcm_alaw printed duration_ts=4032 (its decode: 8064 at 16 kHz)
    expect(report.output.samples).toBe(4032);
    expect(report.warnings).toEqual([]);
  });

  it('believes the stream over the fmt chunk: its rate, channels, layer and length (ffmpeg writing to a pipe leaves no fact chunk and a byte rate of 0)', async () => {
    const stream = fixture('speech-cbr.mp3');
    const file = mpegInWave(stream, { sampleRate: 8000, channels: 2, bytesPerSecond: 0 });
    const probed = await waveReader.probe(bytesSource(file), {});
    expect(probed.format).toMatchObject({ container: 'RIFF', formatTag: 0x55, encoding: 'MPEG-1 Layer III', sampleRate: 44100, channels: 1, bitsPerSample: null });
    // exact: the LAME tag's count, which is what the decode yields
    expect(probed.seconds).toBe((await convertBytes(stream)).report.input.frames / 44100);
    const record = await checkBytes(file, 'speech.wav');
    expect(record.warnings.map((warning) => warning.code)).not.toContain('empty');
    expect(record.problems.map((problem) => problem.code)).toEqual(['encoding', 'sample-rate']);
  });

  it('made by ffmpeg writing VBR to a pipe: check guesses the length from the mean of the first frames, close to the decode', async () => {
    const file = fixture('speech-vbr-pipe.wav');
    const { report } = await convertBytes(file);
    // ffmpeg -i speech-vbr-pipe.wav -ar 8000 -ac 1 -c:a pcm_alaw printed duration_ts=5225 (the same decode, rounded up)
    expect(Math.abs(report.output.samples - 5225)).toBeLessThanOrEqual(1);
    const record = await checkBytes(file, 'speech.wav');
    // the first frame's bitrate alone said 0.37 s
    expect(Math.abs((record.seconds as number) - report.output.seconds)).toBeLessThan(0.02);
  });

  it('takes a block align, rate or channel count of 0 in fmt, which the stream says for itself', async () => {
    const stream = fixture('speech-cbr.mp3');
    const expected = (await convertBytes(stream)).bytes;
    for (const fields of [{ blockAlign: 0 }, { sampleRate: 0 }, { channels: 0 }]) {
      const { bytes, report } = await convertBytes(mpegInWave(stream, fields));
      expect(same(bytes, expected)).toBe(true);
      expect(report.warnings).toEqual([]);
    }
  });

  it('reads only the data chunk: what follows it is not taken for audio', async () => {
    const stream = fixture('speech-cbr.mp3');
    const fmt = fmtBody({ formatTag: 0x55, channels: 1, sampleRate: 44100, bitsPerSample: 0, blockAlign: 1, byteRate: 8000, cbSize: 0 });
    const trailing = buildRiff([{ id: 'fmt ', body: fmt }, { id: 'data', body: stream }, { id: 'LIST', body: stream.slice(0, 2000) }]);
    expect(same((await convertBytes(trailing)).bytes, (await convertBytes(stream)).bytes)).toBe(true);
  });

  it('calls a data chunk that holds no MPEG frame broken, in check as in convert', async () => {
    for (const [data, message] of [
      [new Uint8Array(3000).fill(0x41), 'the data chunk (MPEG audio): no MPEG audio frame was found in its first 3000 bytes'],
      [new Uint8Array(0), 'the data chunk (MPEG audio): no MPEG audio frame was found in its first 0 bytes'],
    ] as const) {
      const error = await convertBytes(mpegInWave(data)).catch((caught: unknown) => caught);
      expect(isVoiceprepError(error) && error.code).toBe('malformed');
      expect((error as Error).message).toBe(message);
      const record = await checkBytes(mpegInWave(data), 'broken.wav');
      expect(record.problems).toEqual([{ code: 'malformed', message: `the file is broken: ${message}` }]);
    }
  });
});
