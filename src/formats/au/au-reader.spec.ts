import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/compressed/reference.js';
import { auFile, dataOf, signed8, swapBytes } from '../../../test/support/aiff-au-caf-builder.js';
import { refusalOf } from '../../../test/support/refusal.js';
import { sine } from '../../../test/support/tone-analysis.js';
import { type SampleFormat, waveFile } from '../../../test/support/wav-builder.js';
import { checkBytes } from '../../check/check-bytes.js';
import { convertBytes } from '../../pipeline/convert-bytes.js';
import { auReader } from './au-reader.js';
import { bytesSource } from '../../source/byte-source.js';

const wave = (format: SampleFormat, channels = 2, sampleRate = 16000) => {
  const tone = sine(997, sampleRate, sampleRate / 10);
  const samples = new Float32Array(tone.length * channels);
  tone.forEach((value, i) => samples.fill(0.4 * value, i * channels, (i + 1) * channels));
  return waveFile({ format, channels, sampleRate, samples });
};

/** The AU encoding numbers voiceprep reads, with the same samples as a WAV file stores them. */
const ENCODINGS: Array<[string, number, SampleFormat, (data: Uint8Array) => Uint8Array]> = [
  ['mu-law', 1, 'mulaw', (data) => data],
  ['8-bit PCM (signed)', 2, 'u8', (data) => signed8(data)],
  ['16-bit PCM', 3, 's16', (data) => swapBytes(data, 2)],
  ['24-bit PCM', 4, 's24', (data) => swapBytes(data, 3)],
  ['32-bit PCM', 5, 's32', (data) => swapBytes(data, 4)],
  ['32-bit float', 6, 'f32', (data) => swapBytes(data, 4)],
  ['64-bit float', 7, 'f64', (data) => swapBytes(data, 8)],
  ['A-law', 27, 'alaw', (data) => data],
];

describe('Sun/NeXT AU', () => {
  it.each(ENCODINGS)('%s converts exactly as a WAV file of the same samples', async (_name, encoding, format, store) => {
    const wav = wave(format);
    const au = auFile({ channels: 2, sampleRate: 16000, encoding, samples: store(dataOf(wav)) });
    const fromAu = await convertBytes(au, { name: 'prompt.au' });
    expect(Buffer.from(fromAu.bytes).equals(Buffer.from((await convertBytes(wav)).bytes))).toBe(true);
    expect(fromAu.report.warnings).toEqual([]);
    expect(fromAu.report.input).toMatchObject({ sampleRate: 16000, channels: 2, frames: 1600 });
  });

  it('made by sox: 8 kHz A-law is copied sample for sample, 16-bit stereo converts as sox\'s WAV of the same tone', async () => {
    const alaw = fixture('tone-alaw.au');
    const { bytes, report } = await convertBytes(alaw);
    expect(report.passThrough).toBe(true);
    const dataOffset = new DataView(alaw.buffer, alaw.byteOffset).getUint32(4);
    expect(Buffer.from(dataOf(bytes)).equals(Buffer.from(alaw.subarray(dataOffset)))).toBe(true);

    const stereo = await convertBytes(fixture('tone-stereo.au'));
    expect(Buffer.from(stereo.bytes).equals(Buffer.from((await convertBytes(fixture('tone.wav'))).bytes))).toBe(true);
  });

  it('reads "size unknown" as the rest of the file, and converts what a file cut short holds, with a warning', async () => {
    const wav = wave('s16', 1, 8000);
    const samples = swapBytes(dataOf(wav), 2);
    const unknown = await convertBytes(auFile({ channels: 1, sampleRate: 8000, encoding: 3, samples, declaredSize: 0xffffffff }));
    expect(unknown.report.input.frames).toBe(800);
    expect(unknown.report.warnings).toEqual([]);
    const cut = await convertBytes(auFile({ channels: 1, sampleRate: 8000, encoding: 3, samples: samples.subarray(0, 999), declaredSize: samples.length }));
    expect(cut.report.input.frames).toBe(499);
    expect(cut.report.warnings.map((warning) => warning.code)).toEqual(['data-truncated']);
    // a size of 0 is read as the rest of the file, as sox and ffmpeg read it
    const zero = await convertBytes(auFile({ channels: 1, sampleRate: 8000, encoding: 3, samples, declaredSize: 0 }));
    expect(zero.report.input.frames).toBe(800);
    expect(zero.report.warnings.map((warning) => warning.code)).toEqual(['data-size-unset']);
  });

  it('describes its encoding to check, and which it cannot decode', async () => {
    const g721 = auFile({ channels: 1, sampleRate: 8000, encoding: 23, samples: new Uint8Array(400) });
    expect(await auReader.probe(bytesSource(g721), {})).toEqual({
      format: { container: 'AU', encoding: 'G.721 ADPCM', formatTag: null, extensible: false, sampleRate: 8000, channels: 1, bitsPerSample: 4 },
      seconds: 0.1,
      undecodable: expect.stringMatching(/^an AU file of G\.721 ADPCM, which voiceprep does not read .*ffmpeg -i in\.au in\.wav$/),
    });
    const probed = await auReader.probe(bytesSource(fixture('tone-alaw.au')), {});
    expect(probed.undecodable).toBeUndefined();
    expect(probed.seconds).toBeCloseTo(0.1, 6);
  });

  it('refuses what it cannot read with a typed, one-line reason, and billions of channels before the mixer sizes its blocks by them', async () => {
    const refusal = (bytes: Uint8Array) => refusalOf(bytes, 'old.au');
    const samples = new Uint8Array(1600);
    const [code, message] = await refusal(auFile({ channels: 1, sampleRate: 8000, encoding: 23, samples }));
    expect(code).toBe('unsupported-encoding');
    expect(message).toContain('ffmpeg -i old.au old.wav');
    expect((await refusal(auFile({ channels: 1, sampleRate: 8000, encoding: 0, samples })))[1]).toMatch(/^an AU file of unknown encoding 0, which voiceprep does not read/);
    expect(await refusal(auFile({ channels: 0, sampleRate: 8000, encoding: 3, samples }))).toEqual([
      'malformed',
      'the header declares 0 channels (voiceprep reads 1 to 65535)',
    ]);
    // four billion channels would be a block of gigabytes in the mixer
    expect((await refusal(auFile({ channels: 0xffffffff, sampleRate: 8000, encoding: 3, samples })))[0]).toBe('malformed');
    expect(await refusal(auFile({ channels: 1, sampleRate: 8000, encoding: 3, samples, dataOffset: 8 }))).toEqual([
      'malformed',
      'the header gives its size as 8 bytes (at least 24)',
    ]);
    expect((await refusal(auFile({ channels: 1, sampleRate: 0xffffffff, encoding: 3, samples })))[0]).toBe('unsupported-encoding');
    expect(await refusal(auFile({ channels: 1, sampleRate: 0, encoding: 3, samples }))).toEqual(['malformed', 'the header declares a sample rate of 0 Hz']);
    // check calls the same files broken, rather than sending them to convert
    const record = await checkBytes(auFile({ channels: 1, sampleRate: 8000, encoding: 3, samples, dataOffset: 8 }), 'old.au');
    expect(record.problems).toContainEqual({ code: 'not-wav', message: 'a broken AU file, not a WAV file: the header gives its size as 8 bytes (at least 24)' });
    expect((await refusal(auFile({ channels: 1, sampleRate: 8000, encoding: 3, samples }).subarray(0, 20)))[0]).toBe('malformed');
  });
});
