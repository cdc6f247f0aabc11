import { describe, expect, it } from 'vitest';
import { codecOf, compressedFormat, decodeAll, decodeInPieces, referenceSamples, waveFixture } from '../../test/support/codec-fixtures.js';
import { seededRandom } from '../../test/support/mutate-wave.js';
import type { WaveFormat } from '../formats/wave/wave-header.js';
import { createGsm610Codec } from './gsm610.js';

function gsmFormat(overrides: Partial<WaveFormat> = {}): WaveFormat {
  return compressedFormat({ formatTag: 0x31, encodingName: 'GSM 6.10', bitsPerSample: 0, validBitsPerSample: 0, blockAlign: 65, byteRate: 1625, samplesPerBlock: 320, ...overrides });
}

const codecFor = (format: WaveFormat) => codecOf(createGsm610Codec, format);

describe('GSM 6.10 (WAV49)', () => {
  it('decodes gsm.wav exactly as libgsm does (GSM 06.10 is bit-exact by definition)', async () => {
    const { header, codec, data } = await waveFixture('gsm.wav');
    // nine blocks, and the pad byte sox counts in the data size, which is no damage
    expect(header.dataSize).toBe(9 * 65 + 1);
    expect(header.frames).toBe(9 * 320);
    expect(header.warnings).toEqual([]);
    expect(decodeAll(codec, data)).toEqual(referenceSamples('gsm.libgsm.s16'));
  });

  it("decodes random bits (gsm-noise.wav) exactly as libgsm does, through the saturating arithmetic's every corner", async () => {
    // ffmpeg's own gsm_ms decoder parts from libgsm on such input; its libgsm_ms wrapper agrees with this reference
    const { codec, data } = await waveFixture('gsm-noise.wav');
    expect(decodeAll(codec, data)).toEqual(referenceSamples('gsm-noise.libgsm.s16'));
  });

  it('carries its state from block to block and from call to call; reset starts a new pass', async () => {
    const { codec, data } = await waveFixture('gsm.wav');
    const whole = decodeAll(codec, data);
    codec.reset();
    expect(decodeInPieces(codec, data, 1)).toEqual(whole);
    // without a reset, the same blocks decode differently: the filters remember the end of the first pass
    expect(decodeAll(codec, data)).not.toEqual(whole);
    codec.reset();
    expect(decodeAll(codec, data)).toEqual(whole);
  });

  it('decodes the first frame of a block cut off after it (33 bytes hold its 260 bits)', async () => {
    const { codec, data } = await waveFixture('gsm.wav');
    const whole = decodeAll(codec, data);
    expect(codec.framesIn(65 + 32)).toBe(320);
    expect(codec.framesIn(65 + 33)).toBe(480);
    codec.reset();
    expect(decodeAll(codec, data.subarray(0, 65 + 40))).toEqual(whole.subarray(0, 480));
  });

  it('leaves the 3 lowest bits of every sample clear, as the final upscaling does, whatever the bits', () => {
    const random = seededRandom(610);
    const blocks = Uint8Array.from({ length: 65 * 40 }, () => Math.floor(random() * 256));
    blocks.fill(0xff, 0, 65 * 5);
    const samples = decodeAll(codecFor(gsmFormat()), blocks);
    expect(samples.length).toBe(40 * 320);
    expect(samples.every((sample) => (sample & 7) === 0)).toBe(true);
  });

  it('is null for anything but mono in 65-byte blocks', () => {
    expect(createGsm610Codec(gsmFormat({ channels: 2, blockAlign: 130 }))).toBeNull();
    expect(createGsm610Codec(gsmFormat({ blockAlign: 33 }))).toBeNull();
  });
});
