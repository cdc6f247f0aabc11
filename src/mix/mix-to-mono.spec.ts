import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceDecodeToMono, referenceMixPlanar } from '../../test/support/kernel-reference.js';
import type { PcmBlock, SampleFormat } from '../source/audio-source.js';
import { withKernels } from '../wasm/kernels.js';
import { MonoMixer, bytesPerSample } from './mix-to-mono.js';

const FORMATS: SampleFormat[] = ['u8', 's16le', 's24le', 's32le', 'f32le', 'f64le', 's16be', 's24be', 's32be', 'f32be', 'f64be', 'alaw', 'mulaw'];

/**
 * Bit for bit, but for the sign of zero: an f64 too small for an f32 may round to -0 one way and +0 the other, and
 * both code as A-law silence, so the two zeros are one value here.
 */
const unsignedZero = (values: ArrayLike<number>) => Array.from(values, (x) => (x === 0 ? 0 : x));

/** Mixes `blocks` with one mixer of the given capacity, copying each mono piece out as it comes. */
function mixAll(channels: number, maxFrames: number, blocks: PcmBlock[]): Promise<number[]> {
  return withKernels(async (kernels) => {
    const mixer = new MonoMixer(kernels, channels, maxFrames);
    const out: number[] = [];
    for (const block of blocks) for (const mono of mixer.mix(block)) out.push(...mono);
    return unsignedZero(out);
  });
}

function randomBytes(length: number, seed: number): Uint8Array {
  let state = seed >>> 0;
  return Uint8Array.from({ length }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state >>> 24;
  });
}

/** Bytes that are extreme for every encoding: full scale both ways, zero, and the patterns around them. */
function edgeBytes(length: number): Uint8Array {
  const patterns = [0x00, 0xff, 0x80, 0x7f, 0x01, 0xfe];
  return Uint8Array.from({ length }, (_, i) => patterns[(i * 7 + (i >> 3)) % patterns.length]);
}

describe('MonoMixer: the decode kernels, against the reference, bit for bit', () => {
  it.each(FORMATS)('decodes and mixes %s for 1, 2, 3 and 6 channels, any frame count, split into any blocks', async (format) => {
    for (const channels of [1, 2, 3, 6]) {
      const frameBytes = bytesPerSample(format) * channels;
      for (const frames of [0, 1, 3, 4, 5, 7, 8, 9, 15, 16, 17, 33, 1000]) {
        for (const bytes of [randomBytes(frames * frameBytes, frames * 31 + channels), edgeBytes(frames * frameBytes)]) {
          const expected = unsignedZero(referenceDecodeToMono(bytes, format, channels));
          for (const maxFrames of [1, 7, 64, 4096]) {
            const block: PcmBlock = { layout: 'interleaved-bytes', bytes, sampleFormat: format, channels, frames };
            const got = await mixAll(channels, maxFrames, [block]);
            expect(got, `${format} x${channels}, ${frames} frames, pieces of ${maxFrames}`).toEqual(expected);
          }
        }
      }
    }
  });

  it('decodes known values of every encoding to the full-scale floats they stand for', async () => {
    const mono = (format: SampleFormat, bytes: number[]) =>
      mixAll(1, 16, [{ layout: 'interleaved-bytes', bytes: Uint8Array.from(bytes), sampleFormat: format, channels: 1, frames: bytes.length / bytesPerSample(format) }]);
    expect(await mono('u8', [0, 128, 255])).toEqual([-1, 0, 127 / 128]);
    expect(await mono('s16le', [0x00, 0x80, 0xff, 0xff, 0xff, 0x7f])).toEqual([-1, -1 / 32768, 32767 / 32768]);
    expect(await mono('s16be', [0x80, 0x00, 0xff, 0xff, 0x7f, 0xff])).toEqual([-1, -1 / 32768, 32767 / 32768]);
    expect(await mono('s24le', [0x00, 0x00, 0x80, 0x01, 0x00, 0x00])).toEqual([-1, 1 / 8388608]);
    expect(await mono('s24be', [0x80, 0x00, 0x00, 0x00, 0x00, 0x01])).toEqual([-1, 1 / 8388608]);
    expect(await mono('s32le', [0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x40])).toEqual([-1, 0.5]);
    expect(await mono('f64le', Array.from(new Uint8Array(new Float64Array([0.125, -1]).buffer)))).toEqual([0.125, -1]);
    expect(await mono('alaw', [0xd5, 0x55, 0xaa])).toEqual([8 / 32768, -8 / 32768, 32256 / 32768]);
    expect(await mono('mulaw', [0xff, 0x80, 0x00])).toEqual([0, 32124 / 32768, -32124 / 32768]);
  });

  it('decodes blocks that start at any byte offset (the kernels do not need aligned input)', async () => {
    const bytes = randomBytes(4 * 100 + 3, 5);
    for (const offset of [0, 1, 2, 3]) {
      const view = bytes.subarray(offset, offset + 400);
      const block: PcmBlock = { layout: 'interleaved-bytes', bytes: view, sampleFormat: 's16le', channels: 2, frames: 100 };
      expect(await mixAll(2, 64, [block])).toEqual(unsignedZero(referenceDecodeToMono(view, 's16le', 2)));
    }
  });

  it('turns NaN and infinities in float input into silence', async () => {
    const floats = Float32Array.from([NaN, Infinity, -Infinity, 0.5, 1e38, -0.25, NaN, 0.125, 0.5]);
    const block: PcmBlock = { layout: 'interleaved-bytes', bytes: new Uint8Array(floats.buffer), sampleFormat: 'f32le', channels: 1, frames: 9 };
    expect(await mixAll(1, 16, [block])).toEqual([0, 0, 0, 0.5, Math.fround(1e38), -0.25, 0, 0.125, 0.5]);
  });

  it('mixes planar channels (what codecs decode to) exactly as the reference does', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 6 }), fc.integer({ min: 0, max: 300 }), fc.integer({ min: 1, max: 128 }), async (channels, frames, maxFrames) => {
        const planes = Array.from({ length: channels }, (_, c) =>
          Float32Array.from(randomBytes(frames, c * 977 + frames), (b) => (b - 128) / 97),
        );
        const got = await mixAll(channels, maxFrames, [{ layout: 'planar', channels: planes, frames }]);
        expect(got).toEqual(unsignedZero(referenceMixPlanar(planes, frames)));
      }),
      { numRuns: 120, seed: 20261125 },
    );
  });

  it('keeps the level of a signal present in every channel, and cancels opposite ones', async () => {
    const tone = Float32Array.from({ length: 50 }, (_, i) => Math.sin(i) * 0.5);
    expect(await mixAll(2, 64, [{ layout: 'planar', channels: [tone, tone], frames: 50 }])).toEqual(Array.from(tone));
    const opposite = tone.map((x) => -x);
    expect(new Set(await mixAll(2, 64, [{ layout: 'planar', channels: [tone, opposite], frames: 50 }]))).toEqual(new Set([0]));
  });
});
