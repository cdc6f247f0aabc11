import type { Stage } from '../pipeline/stage.js';

/**
 * What every FIR resampling stage shares: input kept in a sliding buffer, outputs computed only once all the input
 * they need has arrived, and a drain that supplies the zeros after the end. Each output k is centred on its own
 * instant, with zeros before the first sample, so a stage adds no delay, and because an output depends only on
 * the input (never on how it was split into blocks) the result is the same for any block size.
 */
export abstract class FirStage implements Stage {
  /**
   * Input samples from absolute index `base` on; indices below 0 are the zeros before the signal. Kept as the
   * 32-bit floats they arrive as (storing them wider adds no precision, only memory traffic); the sums are 64-bit.
   */
  protected buffer: Float32Array;
  protected base: number;
  private filled: number;
  private received = 0;
  private produced = 0;
  private out = new Float32Array(0);

  /** `span`: inputs each output reads; `firstNeeded`: the first input index output 0 reads (may be negative). */
  protected constructor(
    private readonly span: number,
    firstNeeded: number,
  ) {
    this.base = Math.min(0, firstNeeded);
    this.filled = -this.base;
    this.buffer = new Float32Array(Math.max(1024, this.filled * 2));
  }

  /** The first input index that output `k` reads; it reads `span` inputs from there. */
  protected abstract firstInput(k: number): number;
  /** How many outputs have all their input once `received` inputs have arrived. */
  protected abstract outputsReady(received: number): number;
  /** How many outputs read any of the first `received` inputs: the stage's natural length at the end. */
  protected abstract outputsTouching(received: number): number;
  /** Computes outputs `from` to `to` - 1 into `out` from index 0. */
  protected abstract render(from: number, to: number, out: Float32Array): void;

  flow(block: Float32Array): Float32Array {
    this.append(block, block.length);
    this.received += block.length;
    return this.emit(this.outputsReady(this.received));
  }

  /** Ends the input. `count`, when given, is the exact total number of outputs wanted; else the natural length. */
  drain(count = this.outputsTouching(this.received)): Float32Array {
    if (count <= this.produced) return this.out.subarray(0, 0);
    const zeros = this.firstInput(count - 1) + this.span - (this.base + this.filled);
    if (zeros > 0) this.append(null, zeros);
    return this.emit(count);
  }

  private emit(upTo: number): Float32Array {
    const count = upTo - this.produced;
    if (count <= 0) return this.out.subarray(0, 0);
    if (this.out.length < count) this.out = new Float32Array(count);
    this.render(this.produced, upTo, this.out);
    this.produced = upTo;
    return this.out.subarray(0, count);
  }

  /** Adds `length` samples of `block` (or zeros when null), first dropping what no future output reads. */
  private append(block: Float32Array | null, length: number): void {
    const keepFrom = Math.min(this.firstInput(this.produced), this.base + this.filled) - this.base;
    if (keepFrom > 0) {
      this.buffer.copyWithin(0, keepFrom, this.filled);
      this.filled -= keepFrom;
      this.base += keepFrom;
    }
    if (this.filled + length > this.buffer.length) {
      const grown = new Float32Array(Math.max(this.filled + length, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.filled));
      this.buffer = grown;
    }
    if (block) this.buffer.set(block.subarray(0, length), this.filled);
    else this.buffer.fill(0, this.filled, this.filled + length);
    this.filled += length;
  }
}

