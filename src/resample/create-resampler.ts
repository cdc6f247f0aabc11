import type { Stage } from '../pipeline/stage.js';
import { concat } from '../pipeline/chain.js';
import type { FirStage } from './fir-stage.js';
import { HalfbandDecimator } from './halfband-decimator.js';
import { IntegerDecimator } from './integer-decimator.js';
import { RationalResampler } from './rational-resampler.js';

/** Every stage attenuates what it must remove by this much: below the smallest step A-law can code (-66 dBFS). */
const ATTENUATION_DB = 80;
/** Flat up to here: the telephone band and a little more. */
const PASS_HZ = 3500;
/** The final stage is fully stopped from here (the mirror of PASS_HZ around 4 kHz): nothing above aliases. */
const STOP_HZ = 4500;
/** The rate the final halfband stage starts from. */
const PENULTIMATE_RATE = 16000;
const SUPPORTED_OUTPUT_RATE = 8000;

/**
 * Resamples mono audio to 8000 Hz: transparent in 0-3.5 kHz, everything from 4.5 kHz on removed, linear phase and
 * no delay, and exactly round(frames x 8000 / inputRate) samples out.
 *
 * The work is split so that each stage is cheap (SoX's rate effect does the same): halfband decimators halve high
 * rates while they can, loosely, since they only have to keep 0-4.5 kHz clean; one polyphase stage takes whatever
 * rate is left to 16 kHz; a sharp halfband then goes from 16 to 8 kHz.
 */
export function createResampler(inputRate: number, outputRate: number): Stage {
  if (outputRate !== SUPPORTED_OUTPUT_RATE) throw new RangeError(`voiceprep resamples to ${SUPPORTED_OUTPUT_RATE} Hz only`);
  if (!Number.isInteger(inputRate) || inputRate < 1) throw new RangeError(`invalid sample rate: ${inputRate}`);
  if (inputRate === outputRate) return new Passthrough();
  return new Cascade(planStages(inputRate), inputRate, outputRate);
}

export function planStages(inputRate: number): FirStage[] {
  const stages: FirStage[] = [];
  let rate = inputRate;
  const oddMultipleOfPenultimate = (r: number) => r % PENULTIMATE_RATE === 0 && (r / PENULTIMATE_RATE) % 2 === 1;
  while (rate >= 2 * PENULTIMATE_RATE && rate % 2 === 0 && !oddMultipleOfPenultimate(rate)) {
    stages.push(new HalfbandDecimator(STOP_HZ / rate, ATTENUATION_DB));
    rate /= 2;
  }
  if (oddMultipleOfPenultimate(rate) && rate > PENULTIMATE_RATE) {
    // 48 kHz and its multiples by three: a whole-number step straight to 16 kHz is the cheapest way down.
    const factor = rate / PENULTIMATE_RATE;
    const stopHz = PENULTIMATE_RATE - STOP_HZ;
    stages.push(new IntegerDecimator({ factor, passFraction: PASS_HZ / rate, stopFraction: stopHz / rate, attenuationDb: ATTENUATION_DB }));
    rate = PENULTIMATE_RATE;
  }
  if (rate !== PENULTIMATE_RATE) {
    // Below 16 kHz the input's own images start just above its Nyquist, so the stopband must start there too.
    const passHz = Math.min(PASS_HZ, 0.45 * rate);
    const stopHz = Math.min(PENULTIMATE_RATE - STOP_HZ, rate - passHz);
    stages.push(new RationalResampler({ inputRate: rate, outputRate: PENULTIMATE_RATE, passHz, stopHz, attenuationDb: ATTENUATION_DB }));
  }
  stages.push(new HalfbandDecimator(PASS_HZ / PENULTIMATE_RATE, ATTENUATION_DB));
  return stages;
}

class Passthrough implements Stage {
  flow(block: Float32Array): Float32Array {
    return block;
  }

  drain(): Float32Array {
    return new Float32Array(0);
  }
}

/** The stages in series, with the final one drained to the exact output length. */
class Cascade implements Stage {
  private frames = 0;
  private emitted = 0;

  constructor(
    private readonly stages: FirStage[],
    private readonly inputRate: number,
    private readonly outputRate: number,
  ) {}

  flow(block: Float32Array): Float32Array {
    this.frames += block.length;
    let current = block;
    for (const stage of this.stages) current = stage.flow(current);
    this.emitted += current.length;
    return current;
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
}
