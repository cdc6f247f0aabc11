import { ALAW_FROM_LINEAR16 } from './g711-alaw.js';

/** What the encoder saw: the basis of the report's peak level and clipping count. */
export interface EncoderStats {
  /** Largest absolute sample before clipping, in full-scale units (1.0 = 0 dBFS; may exceed 1). */
  peak: number;
  /** Samples that were outside the 16-bit range and were clipped to it. */
  clippedSamples: number;
  samples: number;
}

/**
 * The last step before the bytes: full-scale floats become 16-bit integers (rounded to nearest, clipped and
 * counted), and 16-bit integers become A-law through the G.191 table.
 */
export class AlawEncoder {
  private peak = 0;
  private clipped = 0;
  private count = 0;

  /** Encodes `block` into `out` starting at `offset`; `out` must have room for `block.length` bytes. */
  encode(block: Float32Array, out: Uint8Array, offset = 0): void {
    const table = ALAW_FROM_LINEAR16;
    let peak = this.peak;
    let clipped = 0;
    for (let i = 0; i < block.length; i++) {
      const value = block[i] * 32768;
      const magnitude = value < 0 ? -value : value;
      if (magnitude > peak) peak = magnitude;
      let sample = Math.round(value);
      if (sample > 32767) {
        sample = 32767;
        clipped++;
      } else if (sample < -32768) {
        sample = -32768;
        clipped++;
      }
      out[offset + i] = table[sample + 32768];
    }
    this.peak = peak;
    this.clipped += clipped;
    this.count += block.length;
  }

  stats(): EncoderStats {
    return { peak: this.peak / 32768, clippedSamples: this.clipped, samples: this.count };
  }
}
