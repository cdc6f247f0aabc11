import type { Stage } from '../stage/stage.js';

/**
 * `--pad`: digital silence before and after the stream (the usual advice is 0.5 s before speech, so that the call's
 * speech path is open before the first word). The last stage of a conversion: what it adds is zero, which the encoder
 * writes as its code for silence.
 */
export class PadStage implements Stage {
  private started = false;

  constructor(
    private readonly before: number,
    private readonly after: number,
  ) {}

  flow(block: Float32Array): Float32Array {
    if (this.started) return block;
    this.started = true;
    const out = new Float32Array(this.before + block.length);
    out.set(block, this.before);
    return out;
  }

  drain(): Float32Array {
    // an empty stream still gets both ends
    const head = this.started ? 0 : this.before;
    this.started = true;
    return new Float32Array(head + this.after);
  }
}
