import type { Stage } from '../stage/stage.js';

/**
 * `--highpass`: removes DC and rumble below a cutoff with a linear-phase FIR filter (a Kaiser-windowed sinc low-pass
 * subtracted from an impulse). A linear-phase filter delays every frequency by the same half its length; the stage
 * gives that delay back (it holds the first half-length of output and drains the last), so the speech is not shifted
 * by a sample and the stream keeps its exact length. An IIR filter would be cheaper, but its delay changes with
 * frequency, and a forward-backward IIR needs the whole signal.
 *
 * The design: stop band from half the cutoff down (at least 40 dB down, DC exactly zero: the taps sum to 0), pass band
 * from 1.5 x the cutoff up (within 0.1 dB), half amplitude near the cutoff: from cutoff/2 to cutoff that is more than
 * 24 dB an octave. At 100 Hz and 8000 Hz it is 215 taps (108 multiplies a sample, the taps being symmetric).
 */

export const DEFAULT_HIGHPASS_HZ = 100;
/** Kaiser's design attenuation, dB: its first side lobe reads a few dB short of it, so 46 keeps the stop band 40 dB down; the pass band ripples by 0.04 dB. */
const ATTENUATION_DB = 46;

/** The taps of the high-pass for `cutoffHz` at `rate`: odd length, symmetric, summing to zero. */
export function highpassTaps(cutoffHz: number, rate: number): Float64Array {
  const stopEdge = 0.5 * cutoffHz;
  const passEdge = 1.5 * cutoffHz;
  const width = (2 * Math.PI * (passEdge - stopEdge)) / rate;
  const order = Math.ceil((ATTENUATION_DB - 7.95) / (2.285 * width));
  const length = order + (order % 2 === 0 ? 1 : 2);
  const middle = (length - 1) / 2;
  const beta = 0.5842 * (ATTENUATION_DB - 21) ** 0.4 + 0.07886 * (ATTENUATION_DB - 21);
  const fc = (stopEdge + passEdge) / 2 / rate;
  const lowpass = new Float64Array(length);
  let sum = 0;
  for (let k = 0; k < length; k++) {
    const x = k - middle;
    const sinc = x === 0 ? 2 * fc : Math.sin(2 * Math.PI * fc * x) / (Math.PI * x);
    const r = x / middle;
    lowpass[k] = sinc * (besselI0(beta * Math.sqrt(1 - r * r)) / besselI0(beta));
    sum += lowpass[k];
  }
  // a low-pass of unit gain at DC, taken from an impulse: exactly no gain at DC
  const taps = new Float64Array(length);
  for (let k = 0; k < length; k++) taps[k] = -lowpass[k] / sum;
  taps[middle] += 1;
  return taps;
}

function besselI0(x: number): number {
  let sum = 1;
  let term = 1;
  for (let k = 1; k < 50; k++) {
    term *= (x / (2 * k)) ** 2;
    sum += term;
    if (term < 1e-12 * sum) break;
  }
  return sum;
}

/**
 * The filter as a stage. The first `half` samples it receives produce no output yet (their output needs the samples
 * after them); drain gives those last `half` outputs, computed as if the stream went on in silence.
 */
export class HighpassStage implements Stage {
  private readonly taps: Float32Array;
  private readonly half: number;
  /** The last taps.length - 1 inputs, then the block: the filter reads across block boundaries. */
  private history: Float32Array;
  private out = new Float32Array(0);
  /** Samples received so far, up to `half`: the output starts once the first has its look-ahead. */
  private received = 0;

  constructor(cutoffHz: number, rate: number) {
    const taps = highpassTaps(cutoffHz, rate);
    this.taps = Float32Array.from(taps);
    this.half = (taps.length - 1) / 2;
    // before the stream there is silence
    this.history = new Float32Array(taps.length - 1);
  }

  flow(block: Float32Array): Float32Array {
    const n = this.taps.length;
    const keep = n - 1;
    const input = new Float32Array(keep + block.length);
    input.set(this.history.subarray(this.history.length - keep));
    input.set(block, keep);
    this.history = input;
    // output for input position p is centred on p; the earliest `half` positions wait for their look-ahead
    const skip = Math.max(0, this.half - this.received);
    this.received = Math.min(this.half, this.received + block.length);
    const count = block.length - skip;
    if (count <= 0) return new Float32Array(0);
    return this.filter(input, skip, count);
  }

  drain(): Float32Array {
    // the outputs still owed: as many as were held back, their look-ahead silence
    const owed = this.received;
    this.received = 0;
    if (owed === 0) return new Float32Array(0);
    const block = new Float32Array(this.half);
    const keep = this.taps.length - 1;
    const input = new Float32Array(keep + block.length);
    input.set(this.history.subarray(this.history.length - keep));
    this.history = new Float32Array(keep);
    return this.filter(input, this.half - owed, owed).slice();
  }

  /** `count` outputs, the first from the window that ends at input[skip + taps.length - 1]. */
  private filter(input: Float32Array, skip: number, count: number): Float32Array {
    if (this.out.length < count) this.out = new Float32Array(count);
    const out = this.out;
    const taps = this.taps;
    const n = taps.length;
    const middle = this.half;
    // symmetric taps: fold the two halves of the window, one multiply for each pair
    for (let i = 0; i < count; i++) {
      const base = skip + i;
      let sum = taps[middle] * input[base + middle];
      for (let k = 0; k < middle; k++) sum += taps[k] * (input[base + k] + input[base + n - 1 - k]);
      out[i] = sum;
    }
    return out.subarray(0, count);
  }
}
