import { describe, expect, it } from 'vitest';
import { g191AlawExpand, g191UlawExpand } from '../../test/support/g191.js';
import { alawFromLinear16 } from './g711-alaw.js';
import { FLOAT_FROM_ALAW, FLOAT_FROM_MULAW, linear16FromAlaw, linear16FromMulaw } from './g711-expand.js';

describe('G.711 expansion', () => {
  it('matches G.191 alaw_expand and ulaw_expand for every code', () => {
    for (let code = 0; code < 256; code++) {
      expect(linear16FromAlaw(code)).toBe(g191AlawExpand(code));
      expect(linear16FromMulaw(code)).toBe(g191UlawExpand(code));
      expect(FLOAT_FROM_ALAW[code]).toBe(g191AlawExpand(code) / 32768);
      expect(FLOAT_FROM_MULAW[code]).toBe(g191UlawExpand(code) / 32768);
    }
  });

  it('round-trips every A-law code through expansion and compression unchanged', () => {
    for (let code = 0; code < 256; code++) expect(alawFromLinear16(linear16FromAlaw(code))).toBe(code);
  });

  it('gives the known end points of the mu-law table', () => {
    expect(linear16FromMulaw(0xff)).toBe(0);
    expect(linear16FromMulaw(0x7f)).toBe(0);
    expect(linear16FromMulaw(0x80)).toBe(32124);
    expect(linear16FromMulaw(0x00)).toBe(-32124);
  });
});
