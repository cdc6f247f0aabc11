import type { Stage } from '../stage/stage.js';

/** Multiplies every sample by a fixed factor: how `normalize` applies the gain its first pass measured. */
export class GainStage implements Stage {
  private buffer = new Float32Array(0);

  constructor(private readonly factor: number) {}

  flow(block: Float32Array): Float32Array {
    if (this.buffer.length < block.length) this.buffer = new Float32Array(block.length);
    const out = this.buffer.subarray(0, block.length);
    for (let i = 0; i < block.length; i++) out[i] = block[i] * this.factor;
    return out;
  }

  drain(): Float32Array {
    return new Float32Array(0);
  }
}

/** The factor that brings `peak` (full-scale units) to `targetDbfs`; silence is left alone. */
export function gainToPeak(peak: number, targetDbfs: number): number {
  if (!(peak > 0)) return 1;
  return Math.pow(10, targetDbfs / 20) / peak;
}
