import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/compressed/reference.js';
import { cafFile, dataOf, signed8, swapBytes } from '../../../test/support/aiff-au-caf-builder.js';
import { refusalOf } from '../../../test/support/refusal.js';
import { sine } from '../../../test/support/tone-analysis.js';
import { type SampleFormat, waveFile } from '../../../test/support/wav-builder.js';
import { checkBytes } from '../../check/check-bytes.js';
import { convertBytes } from '../../pipeline/convert-bytes.js';
import { bytesSource } from '../../source/byte-source.js';
import { cafReader } from './caf-reader.js';

const wave = (format: SampleFormat) => {
  const tone = sine(997, 16000, 1600);
  const samples = new Float32Array(tone.length * 2);
  tone.forEach((value, i) => samples.set([0.5 * value, 0.25 * value], 2 * i));
  return waveFile({ format, channels: 2, sampleRate: 16000, samples });
};

const LITTLE = 2;
const FLOAT = 1;

/** The same samples as CAF stores them: format, flags, bytes per frame (two channels), bits. */
const STORED: Array<[string, SampleFormat, (data: Uint8Array) => Uint8Array, string, number, number, number]> = [
  ['8-bit PCM (signed)', 'u8', (data) => signed8(data), 'lpcm', 0, 2, 8],
  ['16-bit PCM, big-endian', 's16', (data) => swapBytes(data, 2), 'lpcm', 0, 4, 16],
  ['16-bit PCM, little-endian', 's16', (data) => data, 'lpcm', LITTLE, 4, 16],
  ['24-bit PCM, big-endian', 's24', (data) => swapBytes(data, 3), 'lpcm', 0, 6, 24],
  ['32-bit PCM, little-endian', 's32', (data) => data, 'lpcm', LITTLE, 8, 32],
  ['32-bit float, big-endian', 'f32', (data) => swapBytes(data, 4), 'lpcm', FLOAT, 8, 32],
  ['64-bit float, little-endian', 'f64', (data) => data, 'lpcm', FLOAT | LITTLE, 16, 64],
  ['A-law', 'alaw', (data) => data, 'alaw', 0, 2, 8],
  ['mu-law', 'mulaw', (data) => data, 'ulaw', 0, 2, 8],
];

describe('Apple CAF', () => {
  it.each(STORED)('%s converts exactly as a WAV file of the same samples', async (_name, format, store, formatId, flags, bytesPerPacket, bits) => {
    const wav = wave(format);
    const caf = cafFile({ channels: 2, sampleRate: 16000, formatId, flags, bytesPerPacket, bitsPerChannel: bits, samples: store(dataOf(wav)) });
    const fromCaf = await convertBytes(caf, { name: 'prompt.caf' });
    expect(Buffer.from(fromCaf.bytes).equals(Buffer.from((await convertBytes(wav)).bytes))).toBe(true);
    expect(fromCaf.report.warnings).toEqual([]);
    expect(fromCaf.report.input).toMatchObject({ container: 'CAF', sampleRate: 16000, channels: 2, frames: 1600 });
  });

  it('made by ffmpeg (16-bit little-endian, 24-bit, float, A-law, from one tone): the same output as sox\'s WAV of it', async () => {
    const expected = Buffer.from((await convertBytes(fixture('tone.wav'))).bytes);
    for (const name of ['tone-s16le.caf', 'tone-24bit.caf', 'tone-float.caf']) {
      expect(Buffer.from((await convertBytes(fixture(name))).bytes).equals(expected), name).toBe(true);
    }
    // A-law at 8 kHz mono: copied sample for sample
    const alaw = await convertBytes(fixture('tone-alaw.caf'));
    expect(alaw.report.passThrough).toBe(true);
    expect(alaw.report.output.samples).toBe(800);
  });

  it('describes itself to check: its length from the data, and the convert command', async () => {
    expect(await cafReader.probe(bytesSource(fixture('tone-s16le.caf')), {})).toEqual({
      format: { container: 'CAF', encoding: 'PCM', formatTag: null, extensible: false, sampleRate: 8000, channels: 1, bitsPerSample: 16 },
      seconds: 0.1,
    });
    const record = await checkBytes(fixture('tone-float.caf'), 'hello.caf');
    expect(record.problems).toContainEqual({ code: 'not-wav', message: 'CAF audio (PCM), not a WAV file: fix with "voiceprep convert hello.caf -o <folder>"' });
  });

  it('reads a data chunk of unknown size (-1, a recording to a pipe) to the end of the file, and what a file cut short holds', async () => {
    const wav = wave('s16');
    const samples = dataOf(wav);
    const piped = await convertBytes(cafFile({ channels: 2, sampleRate: 16000, formatId: 'lpcm', flags: LITTLE, bytesPerPacket: 4, bitsPerChannel: 16, samples, declaredDataSize: -1n }));
    expect(Buffer.from(piped.bytes).equals(Buffer.from((await convertBytes(wav)).bytes))).toBe(true);
    expect(piped.report.warnings).toEqual([]); // -1 is CAF's own word for it: no fault
    const whole = cafFile({ channels: 2, sampleRate: 16000, formatId: 'lpcm', flags: LITTLE, bytesPerPacket: 4, bitsPerChannel: 16, samples });
    const cut = await convertBytes(whole.subarray(0, whole.length - 1002));
    expect(cut.report.input.frames).toBe(1600 - 251);
    expect(cut.report.warnings.map((warning) => warning.code)).toEqual(['data-truncated']);
  });

  it('refuses compressed codecs with the command that converts them, and broken descriptions as malformed', async () => {
    const refusal = (bytes: Uint8Array) => refusalOf(bytes, 'memo.caf');
    const [code, message] = await refusal(fixture('tone-alac.caf'));
    expect(code).toBe('unsupported-encoding');
    expect(message).toMatch(/^a CAF file of ALAC, which voiceprep does not read .*ffmpeg -i memo.caf memo.wav$/);
    expect((await cafReader.probe(bytesSource(fixture('tone-alac.caf')), { name: 'memo.caf' })).undecodable).toBe(message);

    const samples = new Uint8Array(800);
    const lpcm = (fields: Partial<Parameters<typeof cafFile>[0]>) =>
      cafFile({ channels: 2, sampleRate: 16000, formatId: 'lpcm', flags: LITTLE, bytesPerPacket: 4, bitsPerChannel: 16, samples, ...fields });
    expect(await refusal(lpcm({ bytesPerPacket: 0 }))).toEqual(['malformed', "the desc chunk's 0 bytes per packet do not hold 2 channel(s) of 16-bit samples"]);
    expect((await refusal(lpcm({ bytesPerPacket: 5 })))[0]).toBe('malformed');
    expect((await refusal(lpcm({ bitsPerChannel: 24 })))[0]).toBe('malformed');
    expect((await refusal(lpcm({ channels: 0 })))[0]).toBe('malformed');
    // four billion channels would be a block of gigabytes in the mixer
    expect((await refusal(lpcm({ channels: 0xffffffff })))[0]).toBe('malformed');
    expect((await refusal(lpcm({ sampleRate: Number.NaN })))[0]).toBe('malformed');
    expect(await refusal(lpcm({}).subarray(0, 30))).toEqual(['malformed', 'the desc chunk (the format) is cut short']);
    // check calls the same files broken, rather than sending them to convert
    const noData = lpcm({}).subarray(0, 8 + 12 + 32);
    expect(await refusal(noData)).toEqual(['malformed', 'there is no data chunk (the samples)']);
    const record = await checkBytes(noData, 'memo.caf');
    expect(record.problems).toContainEqual({ code: 'not-wav', message: 'a broken CAF file, not a WAV file: there is no data chunk (the samples)' });
  });
});
