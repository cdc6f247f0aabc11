import { invalidArgument } from '../arguments.js';

/**
 * G.711 expansion as the ITU-T G.191 reference (`alaw_expand`, `ulaw_expand`) does it: each code maps to the middle
 * of its quantization step, in 16-bit units. Expanding an A-law code and compressing it again gives the same code,
 * which is what lets A-law input go through the generic pipeline without change.
 */
export function linear16FromAlaw(code: number): number {
  if (!isByte(code)) throw invalidArgument('code', 'an A-law byte, a whole number from 0 to 255', code);
  const toggled = (code ^ 0x55) & 0x7f;
  const exponent = toggled >> 4;
  let mantissa = toggled & 0x0f;
  if (exponent > 0) mantissa += 16; // the leading one that compression removed
  mantissa = (mantissa << 4) + 8; // left-justify and add half a step
  if (exponent > 1) mantissa <<= exponent - 1;
  return code > 127 ? mantissa : -mantissa;
}

export function linear16FromMulaw(code: number): number {
  if (!isByte(code)) throw invalidArgument('code', 'a mu-law byte, a whole number from 0 to 255', code);
  const complement = ~code & 0xff;
  const exponent = (complement >> 4) & 0x07;
  const mantissa = complement & 0x0f;
  const step = 4 << (exponent + 1);
  const magnitude = (0x80 << exponent) + step * mantissa + step / 2 - 4 * 33;
  return code < 0x80 ? 0 - magnitude : magnitude; // 0 - 0 is +0, so code 0x7F expands to the same zero as 0xFF
}

function isByte(code: number): boolean {
  return Number.isInteger(code) && code >= 0 && code <= 255;
}

function tableOf(expand: (code: number) => number): Float32Array {
  const table = new Float32Array(256);
  for (let code = 0; code < 256; code++) table[code] = expand(code) / 32768;
  return table;
}

/** Full-scale float for every A-law code. */
export const FLOAT_FROM_ALAW: Float32Array = tableOf(linear16FromAlaw);
/** Full-scale float for every mu-law code. */
export const FLOAT_FROM_MULAW: Float32Array = tableOf(linear16FromMulaw);
