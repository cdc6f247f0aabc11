import { OUTPUT_RATES } from '../profile/output-profile.js';
import { concat } from '../stage/chain.js';
import type { Stage } from '../stage/stage.js';
import type { Kernels } from '../wasm/kernels.js';
import { type LowpassDesign, designFilterBank } from './filter-bank.js';
import { FftHalvingStage, takesFft } from './fft-stage.js';
import { PolyphaseStage } from './polyphase-stage.js';

/** A stage of the cascade: done directly, or (a long filter that halves the rate) through the FFT. */
type ResamplingStage = PolyphaseStage | FftHalvingStage;

/**
 * The promise, as fractions of the band's edge (the output's Nyquist frequency, or the input's when that is lower):
 * flat within 0.1 dB up to FLAT_TO (3750 Hz of an 8 kHz output, 7500 Hz of a 16 kHz one), and everything from
 * the edge up attenuated by 80 dB or more, so that nothing can fold back into the output.
 */
export const FLAT_TO = 0.9375;
/**
 * The final stage's design: a Kaiser-windowed sinc of 80 dB whose transition runs from PASS_EDGE to STOP_EDGE of the
 * band's edge (3725-3935 Hz for 8 kHz out), so that its -6 dB point lies at 3830 Hz, where sox's does (sox's default
 * quality: -0.4 dB at 3750 Hz, -6 dB at 3828, -25 dB at 3900). Flat to 3750 Hz and as steep as sox there, it
 * agrees with sox's conversion of white noise to about 40 dB before coding, 35-36 dB after A-law
 * (bench/sox-agreement.mjs); at 3750 Hz it is down 0.09 dB, from 4 kHz up by 85 dB.
 */
export const PASS_EDGE = 0.93125;
export const STOP_EDGE = 0.98375;
const FINAL_ATTENUATION_DB = 80;
/**
 * The first stage's stopband starts right where a component would fold into the output band, so it needs the whole
 * 80 dB there, and its passband ripple adds to the final stage's. Kaiser's formula gives less than it asks for
 * filters this short (about 95 dB from a design of 100, 0.0003 dB of ripple); being wide, it costs a few taps more.
 */
const FIRST_ATTENUATION_DB = 100;

/**
 * Resamples mono audio to `outputRate` (8000 or 16000 Hz): flat over 0-0.9375 of the band's edge (3.75 kHz at 8 kHz
 * out), everything from the output's Nyquist frequency up removed (80 dB), linear phase and no delay, and exactly
 * round(frames x outputRate / inputRate) samples out.
 *
 * The work is split so that each stage is cheap (as SoX's rate effect does): a rate above twice the output's first
 * comes down to that intermediate rate through a filter that only has to keep what would land in the output band
 * clean, so its transition can be wide (4 to 12 kHz for 8 kHz out, a few dozen taps); then one sharp stage goes to
 * the output rate. Both are FIR filters in WebAssembly: the sharp stage, which halves the rate through 384 taps, by
 * fast convolution (fft-stage.ts, about a fifth of the direct cost), the others by the polyphase kernel
 * (polyphase-stage.ts). `maxBlock` is the largest block `flow` will be given.
 */
export function createResampler(kernels: Kernels, inputRate: number, outputRate: number, maxBlock: number): Stage {
  if (!(OUTPUT_RATES as readonly number[]).includes(outputRate)) throw new RangeError(`voiceprep resamples to ${OUTPUT_RATES.join(' or ')} Hz only`);
  if (!Number.isInteger(inputRate) || inputRate < 1) throw new RangeError(`invalid sample rate: ${inputRate}`);
  if (inputRate === outputRate) return new Passthrough();
  const designs = planStages(inputRate, outputRate);
  // Each stage reads `reach - 1` inputs before its first output's instant: the stage before it makes them.
  const leads = designs.map((design) => designFilterBank(design).reach - 1);
  const stages: ResamplingStage[] = [];
  let largest = maxBlock;
  designs.forEach((design, i) => {
    const Kind = takesFft(design) ? FftHalvingStage : PolyphaseStage;
    const stage = new Kind(kernels, design, largest, i + 1 < designs.length ? -leads[i + 1] : 0, i > 0 ? leads[i] : 0);
    stages.push(stage);
    largest = stage.maxOutput;
  });
  return new Cascade(stages, inputRate, outputRate);
}

/** The stages for one input rate, as filter designs. */
export function planStages(inputRate: number, outputRate: number): LowpassDesign[] {
  const designs: LowpassDesign[] = [];
  const nyquist = outputRate / 2;
  const intermediate = 2 * outputRate;
  let rate = inputRate;
  if (rate > intermediate) {
    // At the intermediate rate, whatever lies within the output band of it would land in that band: that is the
    // stopband. The passband is the whole output band, so that the sharp stage alone shapes the transition.
    designs.push({ inputRate: rate, outputRate: intermediate, passHz: nyquist, stopHz: intermediate - nyquist, attenuationDb: FIRST_ATTENUATION_DB });
    rate = intermediate;
  }
  // An input narrower than the output (8 kHz to 16 kHz, or below 8 kHz) keeps the same shape below its own Nyquist
  // frequency, so its images above it are removed as an output's aliases are.
  const edge = Math.min(nyquist, rate / 2);
  designs.push({ inputRate: rate, outputRate, passHz: PASS_EDGE * edge, stopHz: STOP_EDGE * edge, attenuationDb: FINAL_ATTENUATION_DB });
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
    private readonly stages: ResamplingStage[],
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
