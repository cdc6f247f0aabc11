import type { Kernels } from '../wasm/kernels.js';

/**
 * The input a resampling stage keeps in the kernels' memory, where its kernel reads it: the samples from absolute
 * index `base` on, `filled` of them, at `address`. Indices below 0 (before the first instant) are zeros. Both
 * stages (polyphase and FFT) keep their input this way.
 */
export class StageInput {
  readonly address: number;
  base: number;
  filled: number;

  /** `length` samples of room; `firstIndex` is the first input index the first output reads (0 or less). */
  constructor(
    private readonly kernels: Kernels,
    readonly length: number,
    firstIndex: number,
  ) {
    this.address = kernels.alloc(length * 4);
    kernels.f32(this.address, length).fill(0);
    this.base = Math.min(0, firstIndex);
    this.filled = -this.base;
  }

  /** The index after the last sample held. */
  get end(): number {
    return this.base + this.filled;
  }

  /**
   * Adds `count` samples of `block` (or zeros when null), first dropping those before index `needed`, which no
   * future output reads. `reach` more samples must fit after them (a kernel that reads past the last input).
   */
  append(block: Float32Array | null, count: number, needed: number, reach = 0): void {
    const buffer = this.kernels.f32(this.address, this.length);
    const keepFrom = Math.min(needed, this.end) - this.base;
    if (keepFrom > 0) {
      buffer.copyWithin(0, keepFrom, this.filled);
      this.filled -= keepFrom;
      this.base += keepFrom;
    }
    if (this.filled + count + reach > this.length) {
      throw new RangeError(`resampler buffer of ${this.length} samples cannot take ${count} more after ${this.filled}`);
    }
    if (block) buffer.set(block.subarray(0, count), this.filled);
    else buffer.fill(0, this.filled, this.filled + count);
    this.filled += count;
  }
}
