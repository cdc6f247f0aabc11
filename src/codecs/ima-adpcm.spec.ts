import { describe, expect, it } from 'vitest';
import { codecOf, compressedFormat, decodeAll, decodeInPieces, referenceSamples, waveFixture } from '../../test/support/codec-fixtures.js';
import { VoiceprepError } from '../errors.js';
import type { WaveFormat } from '../formats/wave/wave-header.js';
import { createImaAdpcmCodec } from './ima-adpcm.js';

function imaFormat(channels: number, blockAlign: number, overrides: Partial<WaveFormat> = {}): WaveFormat {
  return compressedFormat({ formatTag: 0x11, encodingName: 'IMA ADPCM', channels, blockAlign, byteRate: 4055, ...overrides });
}

const codecFor = (format: WaveFormat) => codecOf(createImaAdpcmCodec, format);

describe('IMA ADPCM', () => {
  it.each(['ima-mono', 'ima-stereo'])('decodes %s.wav exactly as sox does (the IMA arithmetic is bit-exact by definition)', async (name) => {
    const { header, codec, data } = await waveFixture(`${name}.wav`);
    const samples = decodeAll(codec, data);
    expect(samples.length).toBe(header.frames * header.format.channels);
    expect(samples).toEqual(referenceSamples(`${name}.sox.s16`));
  });

  it('decodes block by block, or a few blocks at a time, to the same samples (blocks are independent)', async () => {
    const { codec, data } = await waveFixture('ima-stereo.wav');
    const whole = decodeAll(codec, data);
    expect(decodeInPieces(codec, data, 1)).toEqual(whole);
    expect(decodeInPieces(codec, data, 3)).toEqual(whole);
  });

  it('decodes a final partial block as far as its whole groups of 4 bytes go', async () => {
    const { codec, data } = await waveFixture('ima-mono.wav');
    const whole = decodeAll(codec, data);
    const cut = data.subarray(0, 256 + 100);
    // a block of 256 bytes holds 505 frames; 100 bytes hold the header's sample and 24 groups of 8
    expect(codec.framesIn(cut.length)).toBe(505 + 1 + 24 * 8);
    expect(decodeAll(codec, cut)).toEqual(whole.subarray(0, 505 + 193));
    expect(codec.framesIn(256 + 3)).toBe(505);
  });

  it("decodes only wSamplesPerBlock frames of each block when the fmt chunk asks for fewer than it holds, as sox does", async () => {
    const { header, data } = await waveFixture('ima-mono.wav');
    const whole = decodeAll(codecFor(header.format), data);
    const codec = codecFor({ ...header.format, samplesPerBlock: 500 });
    const samples = decodeAll(codec, data);
    expect(samples.length).toBe(5 * 500);
    for (let block = 0; block < 5; block++) {
      expect(samples.subarray(500 * block, 500 * (block + 1))).toEqual(whole.subarray(505 * block, 505 * block + 500));
    }
  });

  it("follows the IMA recommendation's arithmetic step by step (a block worked out by hand)", () => {
    // header: sample 0, step index 0; codes 7, 0, -7 (0xF), 4, then four 0s, low nibble first
    const block = Uint8Array.of(0, 0, 0, 0, 0x07, 0x4f, 0x00, 0x00);
    expect([...decodeAll(codecFor(imaFormat(1, 8)), block)]).toEqual([0, 11, 13, -12, 22, 26, 30, 33, 36]);
  });

  it('takes the channels in turn, 4 bytes each, after the headers of all channels', () => {
    // left starts at 100, right at -100; the left group's first code is 7 (+11), the right group is all 0 (+0)
    const block = Uint8Array.of(100, 0, 0, 0, 0x9c, 0xff, 0, 0, 0x07, 0, 0, 0, 0, 0, 0, 0);
    const samples = [...decodeAll(codecFor(imaFormat(2, 16)), block)];
    expect(samples.filter((_, i) => i % 2 === 1)).toEqual(Array(9).fill(-100));
    expect(samples.slice(0, 6)).toEqual([100, -100, 111, -100, 113, -100]);
  });

  it('clamps to 16 bits', () => {
    // sample 32760 at the largest step: +7 would overshoot
    const block = Uint8Array.of(0xf8, 0x7f, 88, 0, 0x77, 0x77, 0x77, 0x77);
    expect(Math.max(...decodeAll(codecFor(imaFormat(1, 8)), block))).toBe(32767);
  });

  it('decodes a step index over 88 from index 0, as sox does, and counts the block', () => {
    const codec = codecFor(imaFormat(1, 8));
    const good = decodeAll(codec, Uint8Array.of(0, 0, 0, 0, 0x07, 0x4f, 0, 0));
    expect(codec.badBlockHeaders).toBe(0);
    expect(decodeAll(codec, Uint8Array.of(0, 0, 200, 0, 0x07, 0x4f, 0, 0))).toEqual(good);
    expect(codec.badBlockHeaders).toBe(1);
  });

  it('is null for other than 4 bits per sample, and refuses blocks that contradict their header as malformed', () => {
    expect(createImaAdpcmCodec(imaFormat(1, 256, { bitsPerSample: 3 }))).toBeNull();
    expect(() => createImaAdpcmCodec(imaFormat(2, 7))).toThrow(VoiceprepError);
    expect(() => createImaAdpcmCodec(imaFormat(1, 256, { samplesPerBlock: 506 }))).toThrow(/506 samples per block.*at most 505/);
    expect(createImaAdpcmCodec(imaFormat(1, 256, { samplesPerBlock: 505 }))?.framesPerBlock).toBe(505);
  });

  it('refuses an output array too small for what the bytes decode to', () => {
    expect(() => codecFor(imaFormat(1, 8)).decode(new Uint8Array(8), new Int16Array(8))).toThrow(RangeError);
  });
});
