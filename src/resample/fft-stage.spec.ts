import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { concat } from '../stage/chain.js';
import { type Kernels, withKernels } from '../wasm/kernels.js';
import { planStages } from './create-resampler.js';
import { FftHalvingStage, takesFft } from './fft-stage.js';
import type { LowpassDesign } from './filter-bank.js';
import { PolyphaseStage } from './polyphase-stage.js';

function random(length: number, seed: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

/** The sharp stages that halve the rate: 16 kHz to 8 kHz, and 32 kHz to 16 kHz. */
const SHARP_8K = planStages(16000, 8000)[0];
const SHARP_16K = planStages(32000, 16000)[0];

type StageKind = typeof FftHalvingStage | typeof PolyphaseStage;

/** `input` through a fresh stage, in blocks of `sizes` (cycled), drained to `end` outputs (or its natural end). */
function run(kernels: Kernels, Kind: StageKind, design: LowpassDesign, input: Float32Array, sizes: number[], end?: number, lead = 0, first = 0) {
  kernels.reset();
  const stage = new Kind(kernels, design, Math.max(...sizes), first, lead);
  const parts: Float32Array[] = [];
  for (let at = 0, i = 0; at < input.length; i++) {
    const size = sizes[i % sizes.length];
    parts.push(stage.flow(input.subarray(at, at + size)).slice());
    at += size;
  }
  parts.push(stage.drain(end).slice());
  return concat(parts);
}

/** The error's energy against the signal's, dB. */
function errorDb(got: Float32Array, expected: Float32Array): number {
  let error = 0;
  let signal = 0;
  expected.forEach((x, i) => {
    error += (got[i] - x) ** 2;
    signal += x * x;
  });
  return 10 * Math.log10(error / signal);
}

describe('FftHalvingStage', () => {
  it('takes only the long filters that halve the rate', () => {
    expect(takesFft(SHARP_8K)).toBe(true);
    expect(takesFft(SHARP_16K)).toBe(true);
    // the wide first stage (40 taps), a rational ratio, and upsampling stay with the direct kernel
    expect(takesFft(planStages(48000, 8000)[0])).toBe(false);
    expect(takesFft(planStages(44100, 8000)[0])).toBe(false);
    expect(takesFft(planStages(8000, 16000)[0])).toBe(false);
  });

  it("gives the direct filter's outputs, to float rounding, and the same number of them", async () => {
    await withKernels(async (kernels) => {
      for (const design of [SHARP_8K, SHARP_16K]) {
        for (const length of [1, 5, 400, 1665, 1666, 3332, 3333, 20011]) {
          const input = random(length, length);
          const direct = run(kernels, PolyphaseStage, design, input, [4096]);
          const fast = run(kernels, FftHalvingStage, design, input, [4096]);
          expect(fast.length, `${length} inputs`).toBe(direct.length);
          expect(errorDb(fast, direct), `${length} inputs`).toBeLessThan(-120);
        }
      }
    });
  });

  it("ends exactly where it is told to, and starts where a cascade's lead says", async () => {
    await withKernels(async (kernels) => {
      const input = random(9000, 7);
      for (const [end, lead, first] of [[4500, 0, 0], [4480, 0, 0], [4600, 0, 0], [4511, 37, 0], [4520, 0, -12]]) {
        const direct = run(kernels, PolyphaseStage, SHARP_8K, input, [1000], end, lead, first);
        const fast = run(kernels, FftHalvingStage, SHARP_8K, input, [1000], end, lead, first);
        expect(fast.length).toBe(direct.length);
        expect(errorDb(fast, direct)).toBeLessThan(-120);
      }
    });
  });

  it('gives the same samples however the input is split into blocks', async () => {
    const input = random(12000, 3);
    await withKernels(async (kernels) => {
      const whole = run(kernels, FftHalvingStage, SHARP_8K, input, [input.length]);
      await fc.assert(
        fc.asyncProperty(fc.array(fc.integer({ min: 1, max: 5000 }), { minLength: 1, maxLength: 6 }), async (sizes) => {
          expect(run(kernels, FftHalvingStage, SHARP_8K, input, sizes)).toEqual(whole);
        }),
        { numRuns: 30, seed: 20261203 },
      );
    });
  });
});
