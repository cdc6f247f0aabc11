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
  private highest = 0;
  private lowest = 0;
  private clipped = 0;
  private count = 0;

  /** Encodes `block` into `out` starting at `offset`; `out` must have room for `block.length` bytes. */
  encode(block: Float32Array, out: Uint8Array, offset = 0): void {
    const table = ALAW_FROM_LINEAR16;
    let highest = this.highest;
    let lowest = this.lowest;
    let clipped = 0;
    for (let i = 0; i < block.length; i++) {
      const value = block[i] * 32768;
      if (value > highest) highest = value;
      else if (value < lowest) lowest = value;
      // Math.floor(value + 0.5) is Math.round(value), offset into the table; V8 runs Math.round three times slower.
      // The sum is exact for every float32 sample that could round differently, so the result is bit for bit the same.
      let index = Math.floor(value + 32768.5);
      if (index > 65535) {
        index = 65535;
        clipped++;
      } else if (index < 0) {
        index = 0;
        clipped++;
      }
      out[offset + i] = table[index];
    }
    this.highest = highest;
    this.lowest = lowest;
    this.clipped += clipped;
    this.count += block.length;
  }

  stats(): EncoderStats {
    return { peak: Math.max(this.highest, -this.lowest) / 32768, clippedSamples: this.clipped, samples: this.count };
  }
}
