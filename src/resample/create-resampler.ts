import { concat } from '../stage/chain.js';
import type { Stage } from '../stage/stage.js';
import type { Kernels } from '../wasm/kernels.js';
import type { LowpassDesign } from './filter-bank.js';
import { PolyphaseStage } from './polyphase-stage.js';

/** What every stage removes is attenuated this much: far below the smallest step A-law can code (-66 dBFS). */
const ATTENUATION_DB = 80;
/** Flat (within 0.001 dB) up to here: the telephone band. */
export const PASS_HZ = 3400;
/**
 * The output's Nyquist frequency. The last stage stops everything from here on, so no component above 4 kHz can fold
 * back into the output; its transition band, 3.4-4.0 kHz, is where a telephone channel rolls off anyway.
 */
export const STOP_HZ = 4000;
/** Rates above this first come down to INTERMEDIATE_RATE with a cheap, wide filter, then take the sharp one. */
const SINGLE_STAGE_MAX_RATE = 24000;
const INTERMEDIATE_RATE = 16000;
const OUTPUT_RATE = 8000;

/**
 * Resamples mono audio to 8000 Hz: flat over 0-3.4 kHz, everything from 4 kHz up removed (80 dB), linear phase and no
 * delay, and exactly round(frames x 8000 / inputRate) samples out.
 *
 * The work is split so that each stage is cheap (as SoX's rate effect does): a rate above 24 kHz first comes down to
 * 16 kHz through a filter that only has to keep what would land in 0-4 kHz clean, so its transition can be wide
 * (3.4 to 12 kHz, a few dozen taps); then one sharp stage (3.4 to 4 kHz) goes to 8 kHz. Both are polyphase FIR
 * filters run by the same WebAssembly kernel. `maxBlock` is the largest block `flow` will be given.
 */
export function createResampler(kernels: Kernels, inputRate: number, outputRate: number, maxBlock: number): Stage {
  if (outputRate !== OUTPUT_RATE) throw new RangeError(`voiceprep resamples to ${OUTPUT_RATE} Hz only`);
  if (!Number.isInteger(inputRate) || inputRate < 1) throw new RangeError(`invalid sample rate: ${inputRate}`);
  if (inputRate === outputRate) return new Passthrough();
  const stages: PolyphaseStage[] = [];
  let largest = maxBlock;
  for (const design of planStages(inputRate)) {
    const stage = new PolyphaseStage(kernels, design, largest);
    stages.push(stage);
    largest = stage.maxOutput;
  }
  return new Cascade(stages, inputRate, outputRate);
}

/** The stages for one input rate, as filter designs. */
export function planStages(inputRate: number): LowpassDesign[] {
  const designs: LowpassDesign[] = [];
  let rate = inputRate;
  if (rate > SINGLE_STAGE_MAX_RATE) {
    // At 16 kHz, whatever lies within 4 kHz of 16 kHz (12-20 kHz) would land in 0-4 kHz: that is the stopband.
    designs.push({ inputRate: rate, outputRate: INTERMEDIATE_RATE, passHz: PASS_HZ, stopHz: INTERMEDIATE_RATE - STOP_HZ, attenuationDb: ATTENUATION_DB });
    rate = INTERMEDIATE_RATE;
  }
  // Below 8 kHz the input's own images start just above its Nyquist frequency, so the stopband must start there.
  const passHz = Math.min(PASS_HZ, 0.45 * rate);
  const stopHz = Math.min(STOP_HZ, rate - passHz);
  designs.push({ inputRate: rate, outputRate: OUTPUT_RATE, passHz, stopHz, attenuationDb: ATTENUATION_DB });
  return designs;
}

class Passthrough implements Stage {
  flow(block: Float32Array): Float32Array {
    return block;
  }

  drain(): Float32Array {
    return new Float32Array(0);
  }
}

/** The stages in series, each block split to what the first stage takes, the last stage drained to the exact length. */
class Cascade implements Stage {
  private frames = 0;
  private emitted = 0;

  constructor(
    private readonly stages: PolyphaseStage[],
    private readonly inputRate: number,
    private readonly outputRate: number,
  ) {}

  flow(block: Float32Array): Float32Array {
    this.frames += block.length;
    const size = this.stages[0].maxInput;
    if (block.length <= size) return this.countOut(this.through(block));
    // A larger block goes through in pieces; their outputs are kept, since each call reuses the stages' buffers.
    const pieces: Float32Array[] = [];
    for (let at = 0; at < block.length; at += size) pieces.push(this.through(block.subarray(at, at + size)).slice());
    return this.countOut(concat(pieces));
  }

  drain(): Float32Array {
    const last = this.stages.length - 1;
    const tails: Float32Array[] = [];
    for (let i = 0; i < last; i++) {
      let tail = this.stages[i].drain();
      for (let j = i + 1; j < last; j++) tail = this.stages[j].flow(tail);
      // later stages reuse their buffers on the next call, so keep a copy
      tails.push(this.stages[last].flow(tail).slice());
    }
    const target = Math.round((this.frames * this.outputRate) / this.inputRate);
    tails.push(this.stages[last].drain(target));
    // The earlier stages' tails can carry the last stage past the end; the length is the one thing that is exact.
    const rest = concat(tails).subarray(0, Math.max(0, target - this.emitted));
    this.emitted += rest.length;
    return rest;
  }

  private through(block: Float32Array): Float32Array {
    let current = block;
    for (const stage of this.stages) current = stage.flow(current);
    return current;
  }

  private countOut(block: Float32Array): Float32Array {
    this.emitted += block.length;
    return block;
  }
}
