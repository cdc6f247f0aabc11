import { invalidArgument } from '../arguments.js';

/**
 * G.711 mu-law compression exactly as the ITU-T G.191 reference (`ulaw_compress` in g711.c) does it: the 14 most
 * significant bits of a 16-bit sample (one's complement for negative values), biased by 33, clipped to 0x1FFF, then
 * a segment (the position of the leading one) and the four bits below it, inverted. The encoder's kernel
 * (src/encode/kernels/sample-encode.ts) computes the same; this is its scalar statement, judged in the tests by a
 * literal transcription of the reference's loop.
 */
export function mulawFromLinear16(sample: number): number {
  if (!Number.isInteger(sample) || sample < -32768 || sample > 32767) {
    throw invalidArgument('sample', 'a 16-bit sample, a whole number from -32768 to 32767', sample);
  }
  const negative = sample < 0;
  const biased = Math.min(((negative ? ~sample : sample) >> 2) + 33, 0x1fff); // 33 .. 8191
  const segment = 27 - Math.clz32(biased); // the leading one at bit 5 .. 12 gives segment 1 .. 8
  const code = 0x7f ^ (((segment - 1) << 4) | ((biased >> segment) & 0x0f));
  return negative ? code : code | 0x80;
}
