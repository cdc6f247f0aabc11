import { describe, expect, it } from 'vitest';
import { g191UlawCompress, g191UlawExpand } from '../../test/support/g191.js';
import { linear16FromMulaw } from './g711-expand.js';
import { mulawFromLinear16 } from './g711-ulaw.js';

describe('mulawFromLinear16', () => {
  it('matches the G.191 reference ulaw_compress for all 65536 16-bit values', () => {
    const mismatches: number[] = [];
    for (let sample = -32768; sample <= 32767; sample++) {
      if (mulawFromLinear16(sample) !== g191UlawCompress(sample)) mismatches.push(sample);
    }
    expect(mismatches).toEqual([]);
  });

  it('round-trips every code through G.191 expansion (0x7F, the negative zero, comes back as 0xFF)', () => {
    for (let code = 0; code < 256; code++) {
      const back = mulawFromLinear16(g191UlawExpand(code));
      expect(back === code || (code === 0x7f && back === 0xff)).toBe(true);
      expect(linear16FromMulaw(code)).toBe(g191UlawExpand(code));
    }
  });

  it('refuses what is not a 16-bit sample', () => {
    expect(() => mulawFromLinear16(32768)).toThrow(/16-bit sample/);
    expect(() => mulawFromLinear16(0.5)).toThrow(/16-bit sample/);
  });
});
