import { describe, expect, it } from 'vitest';
import { g191AlawCompress } from '../../test/support/g191.js';
import { ALAW_FROM_LINEAR16, alawFromLinear16 } from './g711-alaw.js';

describe('A-law compression', () => {
  it('matches the G.191 reference alaw_compress for all 65536 16-bit values', () => {
    const mismatches: number[] = [];
    for (let sample = -32768; sample <= 32767; sample++) {
      if (alawFromLinear16(sample) !== g191AlawCompress(sample)) mismatches.push(sample);
      if (ALAW_FROM_LINEAR16[sample + 32768] !== g191AlawCompress(sample)) mismatches.push(sample);
    }
    expect(mismatches).toEqual([]);
  });

  it('gives the reference codes at the anchors of the G.711 tables', () => {
    expect(alawFromLinear16(0)).toBe(0xd5);
    expect(alawFromLinear16(-1)).toBe(0x55); // one's complement: -1 is the smallest negative step, not -16
    expect(alawFromLinear16(15)).toBe(0xd5); // the 12-bit reference ignores the 4 low bits
    expect(alawFromLinear16(16)).toBe(0xd4);
    expect(alawFromLinear16(32767)).toBe(0xaa);
    expect(alawFromLinear16(-32768)).toBe(0x2a);
  });

  it('is monotonic: a larger sample never gets a smaller quantization level', () => {
    const level = (code: number) => {
      const toggled = code ^ 0x55;
      const magnitude = toggled & 0x7f;
      return toggled & 0x80 ? magnitude : -magnitude - 1;
    };
    let previous = -Infinity;
    for (let sample = -32768; sample <= 32767; sample++) {
      const current = level(alawFromLinear16(sample));
      expect(current).toBeGreaterThanOrEqual(previous);
      previous = current;
    }
  });
});
