import { describe, expect, it } from 'vitest';
import { besselI0, kaiserBeta, kaiserTaps, lowpassKernel } from './kaiser.js';

describe('Kaiser design', () => {
  it('computes I0 to double precision', () => {
    expect(besselI0(0)).toBe(1);
    expect(besselI0(1)).toBeCloseTo(1.2660658777520082, 15);
    expect(besselI0(10)).toBeCloseTo(2815.716628466254, 9);
  });

  it("follows Kaiser's formulas for beta and length", () => {
    expect(kaiserBeta(85)).toBeCloseTo(0.1102 * (85 - 8.7), 12);
    expect(kaiserBeta(30)).toBeCloseTo(0.5842 * 9 ** 0.4 + 0.07886 * 9, 12);
    expect(kaiserBeta(10)).toBe(0);
    // 85 dB over a transition of 1/16 of the rate (16 kHz, 3.5 to 4.5 kHz)
    expect(kaiserTaps(85, 1 / 16)).toBe(87);
    expect(kaiserTaps(80, 1 / 16)).toBe(82);
  });

  it('centres a lowpass on t = 0 with unit gain at DC', () => {
    const kernel = lowpassKernel(0.25, 20, 85);
    expect(kernel.at(0)).toBeCloseTo(0.5, 15);
    expect(kernel.at(2)).toBeCloseTo(0, 15);
    expect(kernel.at(3.5)).toBeCloseTo(kernel.at(-3.5), 15);
    expect(kernel.at(20)).toBe(0);
    let sum = 0;
    for (let t = -20; t <= 20; t++) sum += kernel.at(t);
    expect(sum).toBeCloseTo(1, 4);
  });
});
