import type { Stage } from '../stage/stage.js';

/**
 * Fades out the last `fadeSamples` before `cutAt`, so that a prompt cut to fit the size limit ends in silence instead
 * of a click; a stream that ends at or before `cutAt` passes unchanged, and nothing after the cut is passed at all.
 *
 * Whether the stream will pass the cut is only known when it does (a compressed file's length is an estimate until
 * it is decoded), so the stage holds back its last `fadeSamples` samples until it knows: a few hundred samples at
 * 8 kHz. The ramp is a raised cosine: it starts and ends without a corner.
 */
export class FadeOutStage implements Stage {
  private readonly fadeLength: number;
  private held = new Float32Array(0);
  /** Samples passed on so far. */
  private position = 0;
  private cut = false;

  /** Whether the stream went past `cutAt` (so it was cut, and faded). */
  get passedCut(): boolean {
    return this.cut;
  }

  constructor(
    private readonly cutAt: number,
    fadeSamples: number,
  ) {
    this.fadeLength = Math.max(0, Math.min(fadeSamples, cutAt));
  }

  flow(block: Float32Array): Float32Array {
    if (this.cut) return new Float32Array(0);
    const pending = new Float32Array(this.held.length + block.length);
    pending.set(this.held);
    pending.set(block, this.held.length);
    if (this.position + pending.length > this.cutAt) {
      this.cut = true;
      const kept = pending.subarray(0, Math.max(0, this.cutAt - this.position));
      for (let i = 0; i < kept.length; i++) kept[i] *= this.gainAt(this.position + i);
      this.position += kept.length;
      this.held = new Float32Array(0);
      return kept;
    }
    const passing = Math.max(0, pending.length - this.fadeLength);
    this.held = pending.slice(passing);
    this.position += passing;
    return pending.subarray(0, passing);
  }

  drain(): Float32Array {
    const rest = this.held;
    this.position += rest.length;
    this.held = new Float32Array(0);
    return rest;
  }

  private gainAt(position: number): number {
    const intoFade = position - (this.cutAt - this.fadeLength);
    if (intoFade < 0) return 1;
    return 0.5 * (1 + Math.cos((Math.PI * (intoFade + 1)) / (this.fadeLength + 1)));
  }
}
