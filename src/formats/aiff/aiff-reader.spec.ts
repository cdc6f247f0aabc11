import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/compressed/reference.js';
import { aiffFile, dataOf, signed8, swapBytes } from '../../../test/support/aiff-au-caf-builder.js';
import { refusalOf } from '../../../test/support/refusal.js';
import { sine } from '../../../test/support/tone-analysis.js';
import { type SampleFormat, waveFile } from '../../../test/support/wav-builder.js';
import { checkBytes } from '../../check/check-bytes.js';
import { convertBytes } from '../../pipeline/convert-bytes.js';
import { aiffReader } from './aiff-reader.js';
import { bytesSource } from '../../source/byte-source.js';

/** A two-channel 997 Hz tone at 22.05 kHz, the left a little louder: both channels count in the mix. */
function stereoTone(frames = 2205): Float32Array {
  const tone = sine(997, 22050, frames);
  const samples = new Float32Array(frames * 2);
  tone.forEach((value, i) => {
    samples[2 * i] = 0.5 * value;
    samples[2 * i + 1] = 0.3 * value;
  });
  return samples;
}

const wave = (format: SampleFormat, samples = stereoTone()) => waveFile({ format, channels: 2, sampleRate: 22050, samples });

/** The same samples as AIFF stores them, under each compression type voiceprep reads. */
const STORED: Array<[string, SampleFormat, (wav: Uint8Array) => Uint8Array, number, string | undefined]> = [
  ['8-bit AIFF (signed)', 'u8', (data) => signed8(data), 8, undefined],
  ['16-bit AIFF', 's16', (data) => swapBytes(data, 2), 16, undefined],
  ['24-bit AIFF', 's24', (data) => swapBytes(data, 3), 24, undefined],
  ['32-bit AIFF', 's32', (data) => swapBytes(data, 4), 32, undefined],
  ['AIFF-C NONE', 's16', (data) => swapBytes(data, 2), 16, 'NONE'],
  ['AIFF-C twos', 's16', (data) => swapBytes(data, 2), 16, 'twos'],
  ['AIFF-C sowt (little-endian)', 's16', (data) => data, 16, 'sowt'],
  ['AIFF-C sowt 24-bit', 's24', (data) => data, 24, 'sowt'],
  ['AIFF-C in24', 's24', (data) => swapBytes(data, 3), 24, 'in24'],
  ['AIFF-C raw (unsigned 8-bit)', 'u8', (data) => data, 8, 'raw '],
  ['AIFF-C fl32', 'f32', (data) => swapBytes(data, 4), 32, 'fl32'],
  ['AIFF-C fl64', 'f64', (data) => swapBytes(data, 8), 64, 'fl64'],
  ['AIFF-C alaw', 'alaw', (data) => data, 16, 'alaw'],
  ['AIFF-C ulaw', 'mulaw', (data) => data, 16, 'ulaw'],
];

describe('AIFF and AIFF-C', () => {
  it.each(STORED)('%s converts exactly as a WAV file of the same samples', async (_name, format, store, bitsPerSample, compression) => {
    const wav = wave(format);
    const aiff = aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample, samples: store(dataOf(wav)), compression, declaredFrames: 2205 });
    const fromWave = await convertBytes(wav);
    const fromAiff = await convertBytes(aiff, { name: 'prompt.aiff' });
    expect(Buffer.from(fromAiff.bytes).equals(Buffer.from(fromWave.bytes))).toBe(true);
    expect(fromAiff.report.warnings).toEqual([]);
    expect(fromAiff.report.input).toMatchObject({ sampleRate: 22050, channels: 2, frames: 2205 });
  });

  it('reads samples narrower than their bytes as the full width (12 bits in 2 bytes, left-justified)', async () => {
    const wav = wave('s16', stereoTone().map((x) => Math.round(x * 2048) / 2048));
    const aiff = aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 12, samples: swapBytes(dataOf(wav), 2) });
    expect(Buffer.from((await convertBytes(aiff)).bytes).equals(Buffer.from((await convertBytes(wav)).bytes))).toBe(true);
  });

  it('skips to the samples past SSND\'s offset', async () => {
    const wav = wave('s16');
    const aiff = aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples: swapBytes(dataOf(wav), 2), ssndOffset: 12 });
    expect(Buffer.from((await convertBytes(aiff)).bytes).equals(Buffer.from((await convertBytes(wav)).bytes))).toBe(true);
  });

  it('made by sox and ffmpeg (16 and 24-bit, sowt, float, from one tone): the same output as sox\'s WAV of it', async () => {
    const expected = Buffer.from((await convertBytes(fixture('tone.wav'))).bytes);
    for (const name of ['tone.aiff', 'tone-24bit.aiff', 'tone-sowt.aifc', 'tone-float.aifc']) {
      const { bytes, report } = await convertBytes(fixture(name));
      expect(Buffer.from(bytes).equals(expected), name).toBe(true);
      expect(report.output.samples, name).toBe(800);
    }
  });

  it('describes itself to check, which gives the convert command', async () => {
    const probed = await aiffReader.probe(bytesSource(fixture('tone-float.aifc')), {});
    expect(probed).toEqual({
      format: { container: 'AIFF-C', encoding: 'IEEE float', formatTag: null, extensible: false, sampleRate: 8000, channels: 1, bitsPerSample: 32 },
      seconds: 0.1,
    });
    const record = await checkBytes(fixture('tone.aiff'), 'prompts/hello.aiff');
    expect(record.problems).toContainEqual({
      code: 'not-wav',
      message: expect.stringMatching(/^AIFF audio \(PCM\), not a WAV file: fix with "voiceprep convert prompts\/hello\.aiff -o <folder>"$/),
    });
  });

  it('converts what a file cut short holds, with a warning', async () => {
    const wav = wave('s16');
    const samples = swapBytes(dataOf(wav), 2);
    const aiff = aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples: samples.subarray(0, 1000 * 4), declaredFrames: 2205 });
    const { report } = await convertBytes(aiff);
    expect(report.input.frames).toBe(1000);
    // 45 ms of tone is too short for P.56 to find speech in it: the written file is also `silent`
    expect(report.warnings.map((warning) => warning.code)).toEqual(['data-truncated', 'silent']);
    // and a cut inside a frame keeps the whole frames only
    const cut = aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples: samples.subarray(0, 1000 * 4 + 3), declaredFrames: 2205 });
    expect((await convertBytes(cut)).report.input.frames).toBe(1000);
  });

  it('converts all that SSND holds when COMM declares fewer, as sox, ffmpeg and libsndfile do, with a warning', async () => {
    const samples = swapBytes(dataOf(wave('s16')), 2);
    const { report } = await convertBytes(aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples, declaredFrames: 2000 }));
    expect(report.input.frames).toBe(2205);
    expect(report.warnings).toEqual([
      { code: 'frame-count', message: 'the COMM chunk declares 2000 frames but the SSND chunk holds 2205; converted all of them, as sox and ffmpeg do' },
    ]);
  });

  it('reads a file written to a pipe (COMM declares 0 frames, SSND a size of 0) to its end, as ffmpeg writes one', async () => {
    const wav = wave('s16');
    const samples = swapBytes(dataOf(wav), 2);
    const piped = aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples, declaredFrames: 0, ssndDeclaredSize: 0 });
    const { bytes, report } = await convertBytes(piped);
    expect(Buffer.from(bytes).equals(Buffer.from((await convertBytes(wav)).bytes))).toBe(true);
    expect(report.warnings.map((warning) => warning.code)).toEqual(['data-size-unset']);
    expect((await aiffReader.probe(bytesSource(piped), {})).seconds).toBeCloseTo(0.1, 6);
    // COMM's 0 alone (the SSND size set) is read the same way
    const zeroFrames = await convertBytes(aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples, declaredFrames: 0 }));
    expect(zeroFrames.report.input.frames).toBe(2205);
    expect(zeroFrames.report.warnings.map((warning) => warning.code)).toEqual(['frame-count']);
  });

  it('finds the samples behind hundreds of other chunks', async () => {
    const wav = wave('s16');
    const aiff = aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples: swapBytes(dataOf(wav), 2), otherChunks: 300 });
    expect(Buffer.from((await convertBytes(aiff)).bytes).equals(Buffer.from((await convertBytes(wav)).bytes))).toBe(true);
  });

  it('refuses what it cannot read with a typed, one-line reason', async () => {
    const samples = swapBytes(dataOf(wave('s16')), 2);
    const refusal = (bytes: Uint8Array) => refusalOf(bytes, 'old.aifc');
    const ima4 = aiffFile({ channels: 1, sampleRate: 8000, bitsPerSample: 16, samples: new Uint8Array(340), compression: 'ima4', declaredFrames: 640 });
    const [code, message] = await refusal(ima4);
    expect(code).toBe('unsupported-encoding');
    expect(message).toContain('an AIFF-C file of IMA ADPCM');
    expect(message).toContain('ffmpeg -i old.aifc old.wav');
    // check says what convert would
    expect((await aiffReader.probe(bytesSource(ima4), { name: 'old.aifc' })).undecodable).toBe(message);

    expect(await refusal(aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples, without: 'COMM' }))).toEqual([
      'malformed',
      'the COMM chunk (the format) is missing or cut short',
    ]);
    expect(await refusal(aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples, without: 'SSND' }))).toEqual([
      'malformed',
      'there is no SSND chunk (the samples)',
    ]);
    expect((await refusal(aiffFile({ channels: 0, sampleRate: 22050, bitsPerSample: 16, samples })))[0]).toBe('malformed');
    // check calls the same files broken, rather than sending them to convert
    for (const broken of [aiffFile({ channels: 0, sampleRate: 22050, bitsPerSample: 16, samples }), aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples, without: 'SSND' })]) {
      const record = await checkBytes(broken, 'old.aiff');
      expect(record.problems.find((problem) => problem.code === 'not-wav')?.message).toMatch(/^a broken AIFF file, not a WAV file: /);
      expect(record.seconds).toBeNull();
    }
    expect(await refusal(aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 40, samples }))).toEqual([
      'malformed',
      'the COMM chunk gives 40 bits per sample (PCM has 1 to 32)',
    ]);
    expect((await refusal(aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 0, samples })))[0]).toBe('malformed');
    // an AIFF-C whose COMM ends before its compression type
    const cut = aiffFile({ channels: 1, sampleRate: 8000, bitsPerSample: 32, samples, compression: 'fl32' });
    const commBody = 12 + 12 + 8; // after the FORM header, the FVER chunk and COMM's own header
    expect((await refusal(cut.subarray(0, commBody + 18)))[1]).toBe('the COMM chunk (the format) is missing or cut short');
    const unknown = await refusal(aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 16, samples, compression: 'XYZW' }));
    expect(unknown[0]).toBe('unsupported-encoding');
    expect(unknown[1]).toMatch(/^an AIFF-C file of compression type 'XYZW', which voiceprep does not read/);
  });

  it('converts an AIFF of no frames to an empty playback file', async () => {
    const { report } = await convertBytes(aiffFile({ channels: 1, sampleRate: 8000, bitsPerSample: 16, samples: new Uint8Array(0), without: 'SSND' }));
    expect(report.output.samples).toBe(0);
  });

  it('never hands the caller\'s own bytes back changed (signed 8-bit samples are flipped in a copy)', async () => {
    const aiff = aiffFile({ channels: 2, sampleRate: 22050, bitsPerSample: 8, samples: signed8(dataOf(wave('u8'))) });
    const before = aiff.slice();
    await convertBytes(aiff);
    await convertBytes(aiff, { level: -26 });
    expect(Buffer.from(aiff).equals(Buffer.from(before))).toBe(true);
  });
});
