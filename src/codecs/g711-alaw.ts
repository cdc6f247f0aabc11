import { invalidArgument } from '../arguments.js';

/**
 * G.711 A-law compression exactly as the ITU-T G.191 reference (`alaw_compress` in g711.c) does it.
 *
 * G.191 takes the 12 most significant bits of a 16-bit sample and uses the one's complement for negative values,
 * so -1 and 0 both land on magnitude 0 (with opposite signs). sox, ffmpeg and alawmulaw round or truncate
 * differently and disagree with the reference on hundreds of inputs; this module is the reference, computed by the
 * position of the leading one bit instead of the reference's shifting loop, and checked against a literal
 * transcription of the loop in the tests.
 */
export function alawFromLinear16(sample: number): number {
  if (!Number.isInteger(sample) || sample < -32768 || sample > 32767) {
    throw invalidArgument('sample', 'a 16-bit sample, a whole number from -32768 to 32767', sample);
  }
  const negative = sample < 0;
  const magnitude = (negative ? ~sample : sample) >> 4; // 0 .. 2047
  let code: number;
  if (magnitude < 16) {
    code = magnitude;
  } else {
    // magnitude in [16 * 2^(e-1), 16 * 2^e) has exponent e (1..7) and a 4-bit mantissa below its leading one
    const exponent = 28 - Math.clz32(magnitude);
    const mantissa = (magnitude >> (exponent - 1)) & 0x0f;
    code = (exponent << 4) | mantissa;
  }
  const signed = negative ? code : code | 0x80;
  return signed ^ 0x55; // G.711 inverts the even bits
}

/** A-law byte for every 16-bit sample, indexed by `sample + 32768`: the encoder's hot path is one lookup. */
export const ALAW_FROM_LINEAR16: Uint8Array = buildTable();

function buildTable(): Uint8Array {
  const table = new Uint8Array(65536);
  for (let sample = -32768; sample <= 32767; sample++) {
    table[sample + 32768] = alawFromLinear16(sample);
  }
  return table;
}
