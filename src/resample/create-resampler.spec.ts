import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { resampleSignal } from '../../test/support/resample-signal.js';
import { withKernels } from '../wasm/kernels.js';
import { FLAT_TO, PASS_EDGE, STOP_EDGE, createResampler, planStages } from './create-resampler.js';

const noise = (length: number, seed: number) => {
  let state = seed;
  return Float32Array.from({ length }, () => {
    state = (state * 1103515245 + 12345) >>> 0;
    return state / 2 ** 31 - 1;
  });
};

const RATES = [1000, 5512, 7999, 8000, 8001, 11025, 15999, 16000, 16001, 22050, 24000, 24001, 32000, 32001, 37800, 44100, 44101, 48000, 88200, 96000, 176400, 192000, 384000, 767999, 768000];

describe('createResampler', () => {
  it.each([8000, 16000])('gives exactly round(frames x %d / rate) samples, for any rate and length', async (outputRate) => {
    for (const rate of RATES) {
      for (const frames of [0, 1, 2, 3, 7, 100, 1234, rate + 1]) {
        const out = await resampleSignal(rate, noise(frames, frames + rate), [8192], outputRate);
        expect(out.length, `${rate} Hz, ${frames} frames`).toBe(Math.round((frames * outputRate) / rate));
      }
    }
  });

  it('passes the output rate through untouched', async () => {
    const input = noise(999, 1);
    expect(await resampleSignal(8000, input)).toEqual(input);
    expect(await resampleSignal(16000, input, [8192], 16000)).toEqual(input);
  });

  it('gives the same samples however the input is split into blocks', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(8000, 11025, 22050, 37800, 44100, 48000, 96000, 7999, 767999),
        fc.constantFrom(8000, 16000),
        fc.array(fc.integer({ min: 1, max: 3000 }), { minLength: 1, maxLength: 8 }),
        async (rate, outputRate, sizes) => {
          const input = noise(Math.round(rate * 0.1), rate);
          const whole = await resampleSignal(rate, input, [input.length], outputRate);
          expect(await resampleSignal(rate, input, sizes, outputRate)).toEqual(whole);
        },
      ),
      { numRuns: 40, seed: 20261125 },
    );
    const input = noise(4410, 3);
    expect(await resampleSignal(44100, input, [1])).toEqual(await resampleSignal(44100, input, [input.length]));
  });

  it('comes down to twice the output rate with a wide filter, then takes one sharp stage at the band edge', () => {
    const route = (rate: number, out = 8000) => planStages(rate, out).map((d) => `${d.inputRate}>${d.outputRate} ${+d.passHz.toFixed(2)}-${+d.stopHz.toFixed(2)}`);
    expect(route(48000)).toEqual(['48000>16000 4000-12000', '16000>8000 3725-3935']);
    expect(route(44100)).toEqual(['44100>16000 4000-12000', '16000>8000 3725-3935']);
    expect(route(192000)).toEqual(['192000>16000 4000-12000', '16000>8000 3725-3935']);
    expect(route(22050)).toEqual(['22050>16000 4000-12000', '16000>8000 3725-3935']);
    expect(route(16000)).toEqual(['16000>8000 3725-3935']);
    expect(route(11025)).toEqual(['11025>8000 3725-3935']);
    // below 8 kHz the band's edge is the input's own Nyquist frequency, where its images start
    expect(route(6000)).toEqual(['6000>8000 2793.75-2951.25']);
    // the same shape, twice as wide, for 16 kHz out; 8 kHz in keeps its own band
    expect(route(48000, 16000)).toEqual(['48000>32000 8000-24000', '32000>16000 7450-7870']);
    expect(route(32000, 16000)).toEqual(['32000>16000 7450-7870']);
    expect(route(22050, 16000)).toEqual(['22050>16000 7450-7870']);
    expect(route(11025, 16000)).toEqual(['11025>16000 5133.52-5422.92']);
    expect(route(8000, 16000)).toEqual(['8000>16000 3725-3935']);
    // flat to 3750 Hz lies inside the design's transition, which ends before the output's Nyquist frequency
    expect([PASS_EDGE * 4000, FLAT_TO * 4000, STOP_EDGE * 4000]).toEqual([3725, 3750, 3935]);
  });

  it('refuses an output rate other than 8000 or 16000 Hz and a rate that is not a positive integer', async () => {
    await withKernels(async (kernels) => {
      expect(() => createResampler(kernels, 44100, 22050, 1024)).toThrow(RangeError);
      expect(() => createResampler(kernels, 44100, 11025, 1024)).toThrow(RangeError);
      expect(() => createResampler(kernels, 0, 8000, 1024)).toThrow(RangeError);
      expect(() => createResampler(kernels, 44100.5, 8000, 1024)).toThrow(RangeError);
    });
  });
});
