import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat } from '../pipeline/chain.js';
import { createResampler, planStages } from './create-resampler.js';

/** Runs a whole signal through a fresh resampler, split into blocks of the given sizes (cycled). */
function resample(rate: number, input: Float32Array, blockSizes: number[] = [4096]): Float32Array {
  const resampler = createResampler(rate, 8000);
  const parts: Float32Array[] = [];
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = Math.max(0, blockSizes[i % blockSizes.length]);
    parts.push(resampler.flow(input.subarray(at, at + size)).slice());
    at += size;
    if (size === 0 && blockSizes.every((s) => s === 0)) break;
  }
  parts.push(resampler.drain().slice());
  return concat(parts);
}

const noise = (length: number, seed: number) => {
  let state = seed;
  return Float32Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state / 2 ** 31 - 1;
  });
};

const RATES = [1000, 5512, 7999, 8000, 8001, 11025, 16000, 22050, 24000, 32000, 44100, 44101, 48000, 88200, 96000, 176400, 192000, 384000, 768000];

describe('createResampler', () => {
  it('gives exactly round(frames x 8000 / rate) samples, for any rate and length', () => {
    for (const rate of RATES) {
      for (const frames of [0, 1, 2, 3, 7, 100, 1234, rate + 1]) {
        const out = resample(rate, noise(frames, frames + rate));
        expect(out.length, `${rate} Hz, ${frames} frames`).toBe(Math.round((frames * 8000) / rate));
      }
    }
  });

  it('passes 8000 Hz through untouched', () => {
    const input = noise(999, 1);
    expect(resample(8000, input)).toEqual(input);
  });

  it('gives the same samples however the input is split into blocks', () => {
    fc.assert(
      fc.property(fc.constantFrom(11025, 22050, 44100, 48000, 96000, 7999), fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }), (rate, sizes) => {
        const input = noise(Math.round(rate * 0.25), rate);
        const whole = resample(rate, input, [input.length]);
        expect(resample(rate, input, sizes)).toEqual(whole);
      }),
      { numRuns: 60 },
    );
    const input = noise(4410, 3);
    expect(resample(44100, input, [1])).toEqual(resample(44100, input, [input.length]));
  });

  it('takes the cheap route for each family of rates', () => {
    const route = (rate: number) => planStages(rate).map((stage) => stage.constructor.name);
    expect(route(48000)).toEqual(['IntegerDecimator', 'HalfbandDecimator']);
    expect(route(96000)).toEqual(['HalfbandDecimator', 'IntegerDecimator', 'HalfbandDecimator']);
    expect(route(44100)).toEqual(['HalfbandDecimator', 'RationalResampler', 'HalfbandDecimator']);
    expect(route(32000)).toEqual(['HalfbandDecimator', 'HalfbandDecimator']);
    expect(route(16000)).toEqual(['HalfbandDecimator']);
    expect(route(11025)).toEqual(['RationalResampler', 'HalfbandDecimator']);
  });

  it('refuses an output rate other than 8000 Hz and a rate that is not a positive integer', () => {
    expect(() => createResampler(44100, 16000)).toThrow(RangeError);
    expect(() => createResampler(0, 8000)).toThrow(RangeError);
    expect(() => createResampler(44100.5, 8000)).toThrow(RangeError);
  });
});
