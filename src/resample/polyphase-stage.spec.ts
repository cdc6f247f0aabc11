import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceFirBank, referenceFirInterpolated } from '../../test/support/kernel-reference.js';
import { withKernels } from '../wasm/kernels.js';
import { designFilterBank } from './filter-bank.js';

function random(length: number, seed: number): Float32Array {
  let state = seed >>> 0;
  return Float32Array.from({ length }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 31 - 1;
  });
}

interface Case {
  taps: number;
  up: number;
  down: number;
  count: number;
  start: number;
  phase: number;
  density: number;
}

/** Runs the kernel on random inputs and coefficients; returns its outputs and the reference's. */
function runKernel({ taps, up, down, count, start, phase, density }: Case, interpolated: boolean) {
  const rows = interpolated ? density + 1 : up;
  const reach = start * up + phase + Math.max(0, count - 1) * down;
  const x = random(Math.floor(reach / up) + taps + 1, taps * 31 + count);
  const bank = random(rows * taps, up * 7 + down);
  return withKernels(async (kernels) => {
    const xAt = kernels.alloc(x.byteLength);
    const bankAt = kernels.alloc(bank.byteLength);
    const outAt = kernels.alloc(count * 4);
    kernels.f32(xAt, x.length).set(x);
    kernels.f32(bankAt, bank.length).set(bank);
    const whole = Math.floor(down / up);
    const part = down % up;
    if (interpolated) kernels.exports.fir_interpolated(xAt, bankAt, taps, outAt, count, start, phase, whole, part, up, density);
    else kernels.exports.fir_bank(xAt, bankAt, taps, outAt, count, start, phase, whole, part, up);
    const got = Array.from(kernels.f32(outAt, count));
    const expected = interpolated
      ? referenceFirInterpolated(x, bank, taps, count, start, phase, up, down, density)
      : referenceFirBank(x, bank, taps, count, start, phase, up, down);
    return { got, expected: Array.from(expected), taps };
  });
}

/** f32 products summed in another order than the reference's f64 sum: within a few f32 steps of the sum of |terms|. */
function expectClose({ got, expected, taps }: { got: number[]; expected: number[]; taps: number }) {
  expect(got.length).toBe(expected.length);
  got.forEach((value, k) => expect(Math.abs(value - expected[k])).toBeLessThan(taps * 4e-7));
}

const ratio = fc.constantFrom<[number, number]>([1, 2], [1, 3], [1, 6], [160, 441], [320, 441], [2, 3], [8000, 7999], [3, 1]);
const caseOf = (density: number) =>
  fc.record({
    taps: fc.constantFrom(4, 8, 12, 16, 28, 32, 132, 136),
    ratio,
    count: fc.integer({ min: 0, max: 40 }),
    start: fc.integer({ min: 0, max: 50 }),
    phaseFraction: fc.double({ min: 0, max: 0.999, noNaN: true }),
  }).map(({ taps, ratio: [up, down], count, start, phaseFraction }) => ({ taps, up, down, count, start, phase: Math.floor(phaseFraction * up), density }));

describe('the polyphase FIR kernel, against the reference', () => {
  it('computes every output from its own inputs and row of a bank: any ratio, start, phase and count', async () => {
    await fc.assert(fc.asyncProperty(caseOf(0), async (c) => expectClose(await runKernel(c, false))), { numRuns: 200, seed: 20261125 });
  });

  it('blends the two rows around each output\'s fraction when the bank is a table', async () => {
    await fc.assert(fc.asyncProperty(caseOf(64), async (c) => expectClose(await runKernel(c, true))), { numRuns: 200, seed: 20261125 });
  });

  it('reads exactly the first and the last tap of the first and the last output', async () => {
    // one-hot inputs at the edges of the window find any off-by-one in where a row starts or ends
    await withKernels(async (kernels) => {
      const taps = 16;
      const count = 5;
      const xAt = kernels.alloc((count * 3 + taps) * 4);
      const bankAt = kernels.alloc(taps * 4);
      const outAt = kernels.alloc(count * 4);
      kernels.f32(bankAt, taps).set(Float32Array.from({ length: taps }, (_, t) => t + 1));
      for (const hot of [0, taps - 1, 3 * (count - 1), 3 * (count - 1) + taps - 1, 3 * (count - 1) + taps]) {
        const x = kernels.f32(xAt, count * 3 + taps);
        x.fill(0);
        x[hot] = 1;
        kernels.exports.fir_bank(xAt, bankAt, taps, outAt, count, 0, 0, 3, 0, 1);
        const expected = Array.from({ length: count }, (_, k) => (hot >= 3 * k && hot < 3 * k + taps ? hot - 3 * k + 1 : 0));
        expect(Array.from(kernels.f32(outAt, count)), `input ${hot}`).toEqual(expected);
      }
    });
  });
});

describe('designFilterBank', () => {
  it('pads rows to a multiple of four taps with zeros, each row with unit gain at DC', () => {
    const bank = designFilterBank({ inputRate: 44100, outputRate: 16000, passHz: 3400, stopHz: 12000, attenuationDb: 80 });
    expect(bank).toMatchObject({ up: 160, down: 441, interpolated: false });
    expect(bank.taps % 4).toBe(0);
    for (let r = 0; r < bank.up; r++) {
      const row = bank.coefficients.subarray(r * bank.taps, (r + 1) * bank.taps);
      expect(row.reduce((a, b) => a + b, 0)).toBeCloseTo(1, 5);
      expect(Array.from(row.subarray(2 * bank.reach))).toEqual(new Array(bank.taps - 2 * bank.reach).fill(0));
    }
  });

  it('interpolates between rows instead of building a bank of millions of coefficients', () => {
    const bank = designFilterBank({ inputRate: 767999, outputRate: 16000, passHz: 3400, stopHz: 12000, attenuationDb: 80 });
    expect(bank.interpolated).toBe(true);
    expect(bank.coefficients.length).toBe((bank.density + 1) * bank.taps);
  });
});
