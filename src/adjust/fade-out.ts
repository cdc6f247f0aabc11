import type { Stage } from '../pipeline/stage.js';

/**
 * Fades the last `fadeSamples` of a stream that is cut at `totalSamples`, so a trimmed prompt ends in silence
 * instead of a click. A raised-cosine ramp: it starts and ends without a corner. Samples past the cut pass
 * unchanged; the encoder drops them.
 */
export class FadeOutStage implements Stage {
  private position = 0;
  private buffer = new Float32Array(0);
  private readonly fadeStart: number;
  private readonly fadeLength: number;

  constructor(totalSamples: number, fadeSamples: number) {
    this.fadeLength = Math.max(0, Math.min(fadeSamples, totalSamples));
    this.fadeStart = totalSamples - this.fadeLength;
  }

  flow(block: Float32Array): Float32Array {
    const start = this.position;
    this.position += block.length;
    if (this.position <= this.fadeStart || start >= this.fadeStart + this.fadeLength) return block;
    if (this.buffer.length < block.length) this.buffer = new Float32Array(block.length);
    const out = this.buffer.subarray(0, block.length);
    for (let i = 0; i < block.length; i++) out[i] = block[i] * this.gainAt(start + i);
    return out;
  }

  drain(): Float32Array {
    return new Float32Array(0);
  }

  private gainAt(position: number): number {
    const intoFade = position - this.fadeStart;
    if (intoFade < 0) return 1;
    if (intoFade >= this.fadeLength) return 0;
    return 0.5 * (1 + Math.cos((Math.PI * (intoFade + 1)) / (this.fadeLength + 1)));
  }
}
