import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resampleSignal } from '../../test/support/resample-signal.js';
import { withKernels } from '../wasm/kernels.js';
import { PASS_HZ, STOP_HZ, createResampler, planStages } from './create-resampler.js';

const noise = (length: number, seed: number) => {
  let state = seed;
  return Float32Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state / 2 ** 31 - 1;
  });
};

const RATES = [1000, 5512, 7999, 8000, 8001, 11025, 16000, 22050, 24000, 24001, 32000, 44100, 44101, 48000, 88200, 96000, 176400, 192000, 384000, 767999, 768000];

describe('createResampler', () => {
  it('gives exactly round(frames x 8000 / rate) samples, for any rate and length', async () => {
    for (const rate of RATES) {
      for (const frames of [0, 1, 2, 3, 7, 100, 1234, rate + 1]) {
        const out = await resampleSignal(rate, noise(frames, frames + rate));
        expect(out.length, `${rate} Hz, ${frames} frames`).toBe(Math.round((frames * 8000) / rate));
      }
    }
  });

  it('passes 8000 Hz through untouched', async () => {
    const input = noise(999, 1);
    expect(await resampleSignal(8000, input)).toEqual(input);
  });

  it('gives the same samples however the input is split into blocks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(11025, 22050, 44100, 48000, 96000, 7999, 767999),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }),
        async (rate, sizes) => {
          const input = noise(Math.round(rate * 0.1), rate);
          const whole = await resampleSignal(rate, input, [input.length]);
          expect(await resampleSignal(rate, input, sizes)).toEqual(whole);
        },
      ),
      { numRuns: 40, seed: 20261125 },
    );
    const input = noise(4410, 3);
    expect(await resampleSignal(44100, input, [1])).toEqual(await resampleSignal(44100, input, [input.length]));
  });

  it('comes down to 16 kHz with a wide filter above 24 kHz, then takes one sharp stage from 3.4 to 4 kHz', () => {
    const route = (rate: number) => planStages(rate).map((d) => `${d.inputRate}>${d.outputRate} ${d.passHz}-${d.stopHz}`);
    expect(route(48000)).toEqual(['48000>16000 3400-12000', '16000>8000 3400-4000']);
    expect(route(44100)).toEqual(['44100>16000 3400-12000', '16000>8000 3400-4000']);
    expect(route(192000)).toEqual(['192000>16000 3400-12000', '16000>8000 3400-4000']);
    expect(route(22050)).toEqual(['22050>8000 3400-4000']);
    expect(route(11025)).toEqual(['11025>8000 3400-4000']);
    expect(route(16000)).toEqual(['16000>8000 3400-4000']);
    // below 8 kHz the stopband starts where the input's own images do
    expect(route(6000)).toEqual(['6000>8000 2700-3300']);
    expect([PASS_HZ, STOP_HZ]).toEqual([3400, 4000]);
  });

  it('refuses an output rate other than 8000 Hz and a rate that is not a positive integer', async () => {
    await withKernels(async (kernels) => {
      expect(() => createResampler(kernels, 44100, 16000, 1024)).toThrow(RangeError);
      expect(() => createResampler(kernels, 0, 8000, 1024)).toThrow(RangeError);
      expect(() => createResampler(kernels, 44100.5, 8000, 1024)).toThrow(RangeError);
    });
  });
});
