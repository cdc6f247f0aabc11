import type { Stage } from '../stage/stage.js';
import type { Kernels } from '../wasm/kernels.js';

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

/** Input samples filtered in one call of the kernel: the buffer holds this much after the filter's history. */
const CHUNK = 8192;

/**
 * The filter as a stage, run by the resampler's FIR kernel (src/resample/kernels/polyphase-fir.ts: one row, one
 * output per input, in 4-wide SIMD; the taps are symmetric, so its dot product is the convolution). In JavaScript
 * the 215 taps cost 2.5 plain conversions; in the kernel they cost a few per cent of one. The first `half` samples it
 * receives produce no output yet (their output needs the samples after them); drain gives those last `half`
 * outputs, computed as if the stream went on in silence.
 */
export class HighpassStage implements Stage {
  private readonly length: number;
  /** The taps padded with zeros to a multiple of 4, as the kernel reads them. */
  private readonly padded: number;
  private readonly half: number;
  private readonly tapsAddress: number;
  /** The last `length - 1` inputs, then up to CHUNK new ones, then the padding's reach (zeros). */
  private readonly bufferAddress: number;
  private readonly outAddress: number;
  private out = new Float32Array(0);
  /** Samples received so far, up to `half`: the output starts once the first has its look-ahead. */
  private received = 0;

  constructor(
    private readonly kernels: Kernels,
    cutoffHz: number,
    rate: number,
  ) {
    const taps = highpassTaps(cutoffHz, rate);
    this.length = taps.length;
    this.half = (taps.length - 1) / 2;
    this.padded = Math.ceil(taps.length / 4) * 4;
    this.tapsAddress = kernels.alloc(this.padded * 4);
    const stored = kernels.f32(this.tapsAddress, this.padded);
    stored.fill(0);
    stored.set(taps);
    this.bufferAddress = kernels.alloc((this.padded + CHUNK) * 4);
    // before the stream there is silence
    kernels.f32(this.bufferAddress, this.padded + CHUNK).fill(0);
    this.outAddress = kernels.alloc(CHUNK * 4);
  }

  flow(block: Float32Array): Float32Array {
    if (this.out.length < block.length) this.out = new Float32Array(block.length);
    let produced = 0;
    for (let at = 0; at < block.length; at += CHUNK) {
      const piece = block.subarray(at, at + CHUNK);
      // output for input position p is centred on p; the earliest `half` positions wait for their look-ahead
      const skip = Math.max(0, this.half - this.received);
      this.received = Math.min(this.half, this.received + piece.length);
      produced += this.filter(piece, skip, Math.max(0, piece.length - skip), produced);
    }
    return this.out.subarray(0, produced);
  }

  drain(): Float32Array {
    // the outputs still owed: as many as were held back, their look-ahead silence
    const owed = this.received;
    this.received = 0;
    if (owed === 0) return new Float32Array(0);
    if (this.out.length < owed) this.out = new Float32Array(owed);
    this.filter(new Float32Array(this.half), this.half - owed, owed, 0);
    return this.out.slice(0, owed);
  }

  /**
   * Appends `piece` after the history, writes `count` outputs at `this.out[into]` (the first from the window that
   * starts `skip` samples into the history), and keeps the last `length - 1` inputs as the next history.
   */
  private filter(piece: Float32Array, skip: number, count: number, into: number): number {
    const keep = this.length - 1;
    const buffer = this.kernels.f32(this.bufferAddress, this.padded + CHUNK);
    buffer.set(piece, keep);
    // the padded taps reach past the last window: zeros there (they meet zero taps, but a NaN would not vanish)
    buffer.fill(0, keep + piece.length, piece.length + this.padded);
    if (count > 0) {
      this.kernels.exports.fir_bank(this.bufferAddress, this.tapsAddress, this.padded, this.outAddress, count, skip, 0, 1, 0, 1);
      this.out.set(this.kernels.f32(this.outAddress, count), into);
    }
    buffer.copyWithin(0, piece.length, piece.length + keep);
    return count;
  }
}
