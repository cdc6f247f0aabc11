import { describe, expect, it } from 'vitest';
import { codecOf, compressedFormat, decodeAll, decodeInPieces, referenceSamples, waveFixture } from '../../test/support/codec-fixtures.js';
import { VoiceprepError } from '../errors.js';
import type { WaveFormat } from '../formats/wave/wave-header.js';
import { createMsAdpcmCodec } from './ms-adpcm.js';

const STANDARD_COEFFICIENTS = [256, 0, 512, -256, 0, 0, 192, 64, 240, 0, 460, -208, 392, -232];

function msFormat(channels: number, blockAlign: number, overrides: Partial<WaveFormat> = {}): WaveFormat {
  return compressedFormat({ formatTag: 0x02, encodingName: 'Microsoft ADPCM', channels, blockAlign, fmtSize: 50, extraSize: 32, ...overrides });
}

const codecFor = (format: WaveFormat) => codecOf(createMsAdpcmCodec, format);

describe('Microsoft ADPCM', () => {
  it.each(['ms-mono', 'ms-stereo'])('decodes %s.wav exactly as ffmpeg does (Microsoft ADPCM is bit-exact by definition)', async (name) => {
    const { header, codec, data } = await waveFixture(`${name}.wav`);
    const samples = decodeAll(codec, data);
    expect(samples.length).toBe(header.frames * header.format.channels);
    expect(samples).toEqual(referenceSamples(`${name}.ffmpeg.s16`));
  });

  it('decodes block by block, or a few blocks at a time, to the same samples (blocks are independent)', async () => {
    const { codec, data } = await waveFixture('ms-mono.wav');
    const whole = decodeAll(codec, data);
    expect(decodeInPieces(codec, data, 1)).toEqual(whole);
    expect(decodeInPieces(codec, data, 2)).toEqual(whole);
  });

  it('decodes a final partial block as far as it goes', async () => {
    const { codec, data } = await waveFixture('ms-mono.wav');
    const whole = decodeAll(codec, data);
    // a mono block of 256 bytes holds 2 + 249 x 2 = 500 frames; 100 bytes hold 2 + 93 x 2
    expect(codec.framesIn(256 + 100)).toBe(500 + 188);
    expect(decodeAll(codec, data.subarray(0, 256 + 100))).toEqual(whole.subarray(0, 688));
    expect(codec.framesIn(256 + 6)).toBe(500);
  });

  it('predicts with the coefficient table of the fmt chunk', async () => {
    const { header, data } = await waveFixture('ms-mono.wav');
    const whole = decodeAll(codecFor(header.format), data);
    // the same blocks with the table listed backwards and every block's predictor index turned around to match
    const reversed: number[] = [];
    for (let pair = 6; pair >= 0; pair--) reversed.push(STANDARD_COEFFICIENTS[2 * pair], STANDARD_COEFFICIENTS[2 * pair + 1]);
    const remapped = data.slice();
    for (let at = 0; at < remapped.length; at += 256) remapped[at] = 6 - remapped[at];
    expect(decodeAll(codecFor({ ...header.format, adpcmCoefficients: reversed }), remapped)).toEqual(whole);
    expect(decodeAll(codecFor({ ...header.format, adpcmCoefficients: undefined }), remapped)).not.toEqual(whole);
  });

  it("divides the prediction by 256 toward zero, as Microsoft's description and ffmpeg do (sox rounds down)", () => {
    // predictor 3 (192, 64), delta 16, sample 1 = -1, sample 2 = 0, then two codes of 0
    const block = Uint8Array.of(3, 16, 0, 0xff, 0xff, 0, 0, 0x00);
    // -192 / 256 is 0 toward zero (sox: -1); then -64 / 256 is 0 again (sox: -256 >> 8 = -1)
    expect([...decodeAll(codecFor(msFormat(1, 8)), block)]).toEqual([0, -1, 0, 0]);
  });

  it('reads the header field by field across the channels, plays sample 2 first, and takes the channels nibble by nibble', () => {
    // predictors 0 and 0, deltas 16 and 16, samples 1: 100 and -100, samples 2: 50 and -50; then codes 1 (left), 0 (right)
    const block = Uint8Array.of(0, 0, 16, 0, 16, 0, 100, 0, 0x9c, 0xff, 50, 0, 0xce, 0xff, 0x10);
    expect([...decodeAll(codecFor(msFormat(2, 15)), block)]).toEqual([50, -50, 100, -100, 116, -100]);
  });

  it('decodes a predictor index outside the table with the first pair, as sox does, and counts the block', () => {
    const codec = codecFor(msFormat(1, 8));
    const good = decodeAll(codec, Uint8Array.of(0, 16, 0, 0xff, 0xff, 0, 0, 0x12));
    expect(decodeAll(codec, Uint8Array.of(7, 16, 0, 0xff, 0xff, 0, 0, 0x12))).toEqual(good);
    expect(codec.badBlockHeaders).toBe(1);
  });

  it('is null for other than 4 bits per sample, and refuses blocks that contradict their header as malformed', () => {
    expect(createMsAdpcmCodec(msFormat(1, 256, { bitsPerSample: 8 }))).toBeNull();
    expect(() => createMsAdpcmCodec(msFormat(2, 13))).toThrow(VoiceprepError);
    expect(() => createMsAdpcmCodec(msFormat(1, 256, { samplesPerBlock: 501 }))).toThrow(/501 samples per block.*at most 500/);
    expect(createMsAdpcmCodec(msFormat(2, 512, { samplesPerBlock: 500 }))?.framesPerBlock).toBe(500);
  });
});
