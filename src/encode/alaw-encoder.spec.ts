import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { AlawEncoder } from './alaw-encoder.js';
import { ALAW_FROM_LINEAR16, alawFromLinear16 } from './g711-alaw.js';

describe('AlawEncoder', () => {
  it('rounds full-scale floats to the nearest 16-bit value before compressing', () => {
    const encoder = new AlawEncoder();
    const out = new Uint8Array(3);
    encoder.encode(Float32Array.from([1000.4 / 32768, -1000.6 / 32768, 0]), out);
    expect(Array.from(out)).toEqual([alawFromLinear16(1000), alawFromLinear16(-1001), alawFromLinear16(0)]);
  });

  it('clips to the 16-bit range, counts the clipped samples and keeps the unclipped peak', () => {
    const encoder = new AlawEncoder();
    const out = new Uint8Array(4);
    encoder.encode(Float32Array.from([1.5, -2, 32767 / 32768, -1]), out);
    expect(Array.from(out)).toEqual([0xaa, 0x2a, 0xaa, 0x2a]);
    expect(encoder.stats()).toEqual({ peak: 2, clippedSamples: 2, samples: 4 });
  });

  it('accumulates statistics over blocks and writes at an offset', () => {
    const encoder = new AlawEncoder();
    const out = new Uint8Array(4);
    encoder.encode(Float32Array.from([0.5]), out, 1);
    encoder.encode(Float32Array.from([-0.75, 1.25]), out, 2);
    expect(out[0]).toBe(0);
    expect(out[1]).toBe(alawFromLinear16(16384));
    expect(encoder.stats()).toEqual({ peak: 1.25, clippedSamples: 1, samples: 3 });
  });

  it('rounds every float exactly as Math.round would, ties and tiny values included', () => {
    const nearClipping = fc.oneof(fc.integer({ min: -32780, max: -32760 }), fc.integer({ min: 32760, max: 32780 }));
    const steps = fc.oneof(fc.integer({ min: -40000, max: 40000 }), nearClipping);
    const nearTies = steps.map((n) => Math.fround((n + 0.5) / 32768));
    const wholes = steps.map((n) => n / 32768);
    const anyFloat = fc.float({ min: -2, max: 2, noNaN: true });
    const tiny = fc.float({ min: Math.fround(-1e-4), max: Math.fround(1e-4), noNaN: true });
    fc.assert(
      fc.property(fc.array(fc.oneof(nearTies, wholes, anyFloat, tiny), { minLength: 1, maxLength: 200 }), (values) => {
        const block = Float32Array.from(values);
        const out = new Uint8Array(block.length);
        const encoder = new AlawEncoder();
        encoder.encode(block, out);
        const rounded = Array.from(block, (x) => Math.round(x * 32768));
        const expected = rounded.map((sample) => ALAW_FROM_LINEAR16[Math.min(32767, Math.max(-32768, sample)) + 32768]);
        expect(Array.from(out)).toEqual(expected);
        expect(encoder.stats().clippedSamples).toBe(rounded.filter((sample) => sample < -32768 || sample > 32767).length);
        expect(encoder.stats().peak).toBe(Math.max(0, ...Array.from(block, Math.abs)));
      }),
      { numRuns: 500, seed: 20261125 },
    );
  });
});
