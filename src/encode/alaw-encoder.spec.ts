import { describe, expect, it } from 'vitest';
import { AlawEncoder } from './alaw-encoder.js';
import { alawFromLinear16 } from './g711-alaw.js';

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
});
