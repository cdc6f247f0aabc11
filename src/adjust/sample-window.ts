import type { Stage } from '../stage/stage.js';

/**
 * Passes only the samples from `start` up to (not including) `end` of a stream: how `--trim-silence` keeps the
 * speech and its margins. What it keeps is passed on untouched, sample for sample.
 */
export class SampleWindowStage implements Stage {
  private position = 0;

  constructor(
    private readonly start: number,
    private readonly end: number,
  ) {}

  flow(block: Float32Array): Float32Array {
    const from = this.position;
    this.position += block.length;
    return block.subarray(Math.max(0, this.start - from), Math.max(0, Math.min(block.length, this.end - from)));
  }

  drain(): Float32Array {
    return new Float32Array(0);
  }
}
