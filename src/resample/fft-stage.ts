import type { Stage } from '../stage/stage.js';
import type { Kernels } from '../wasm/kernels.js';
import { cachedDesign } from './design-cache.js';
import { type FilterBank, type LowpassDesign, designFilterBank } from './filter-bank.js';
import { StageInput } from './stage-input.js';

/**
 * The FFT's size. Each pair of blocks costs one FFT of this size and one of half (src/resample/kernels/fft-decimate.ts)
 * for 2 x (size - taps) / 2 outputs: 2048 gives 1666 outputs of the 384-tap sharp stage for about 16,000
 * butterflies, against 640,000 multiplies done directly, and its arrays (48 KB) stay in the processor's cache.
 */
const FFT_SIZE = 2048;
/** A filter shorter than this is as fast done directly (src/resample/kernels/polyphase-fir.ts). */
const FEWEST_TAPS = 128;

/** Whether a stage of this design runs through the FFT: a long filter that halves the rate. */
export function takesFft(design: LowpassDesign): boolean {
  const bank = designFilterBank(design);
  return bank.up === 1 && bank.down === 2 && bank.taps >= FEWEST_TAPS && bank.taps <= FFT_SIZE / 2;
}

/**
 * One resampling stage that halves the rate through a long filter (see `takesFft`): the same outputs as
 * PolyphaseStage's (src/resample/polyphase-stage.ts) for the same design, computed by fast convolution, to within
 * float rounding (about -130 dB of the signal). Output k is centred on input 2k, with zeros before the first input,
 * so the stage adds no delay.
 *
 * The outputs are computed a pair of blocks at a time, `perBlock` outputs each, at fixed places from the first
 * output on: a pair is computed once all the input it reads has arrived (zeros from `drain` at the end), so that the
 * result is the same however the input was split. `firstOutput` and `inputLead` work as in PolyphaseStage.
 */
export class FftHalvingStage implements Stage {
  private readonly bank: FilterBank;
  /** Outputs of one block; a block reads `span` inputs, and the next block starts `hop` inputs later. */
  private readonly perBlock: number;
  private readonly span: number;
  private readonly hop: number;
  private readonly input: StageInput;
  private readonly outAddress: number;
  private readonly outLength: number;
  private readonly scratch: { re: number; im: number; gRe: number; gIm: number; twRe: number; twIm: number };
  private received = 0;
  private produced: number;
  /** The largest block `flow` takes; a block of this size yields at most `maxOutput` samples. */
  readonly maxInput: number;
  readonly maxOutput: number;

  constructor(
    private readonly kernels: Kernels,
    design: LowpassDesign,
    maxInput: number,
    firstOutput = 0,
    private readonly inputLead = 0,
  ) {
    if (!takesFft(design)) throw new RangeError('this design does not halve the rate through a long filter');
    const bank = designFilterBank(design);
    this.bank = bank;
    this.produced = firstOutput;
    this.perBlock = (FFT_SIZE - bank.taps) / 2 + 1;
    this.hop = 2 * this.perBlock;
    this.span = this.hop - 2 + bank.taps;
    const pair = 2 * this.hop;
    this.maxInput = Math.max(maxInput, pair);
    // pending input (less than a pair's reach) and one block: the pairs that completes, and the drain's two more
    this.maxOutput = (Math.ceil((this.maxInput + pair + this.span) / pair) + 2) * 2 * this.perBlock;
    this.outLength = this.maxOutput;
    this.input = new StageInput(kernels, this.maxInput + 3 * (pair + this.span) + Math.ceil(-firstOutput * 2) + 8, this.firstInput(firstOutput));
    this.outAddress = kernels.alloc(this.outLength * 4);
    const spectrum = filterSpectrum(design, bank);
    const twiddles = twiddleTable();
    const at = (values: Float32Array) => {
      const address = kernels.alloc(values.byteLength);
      kernels.f32(address, values.length).set(values);
      return address;
    };
    this.scratch = {
      re: kernels.alloc(FFT_SIZE * 4),
      im: kernels.alloc(FFT_SIZE * 4),
      gRe: at(spectrum.subarray(0, FFT_SIZE)),
      gIm: at(spectrum.subarray(FFT_SIZE)),
      twRe: at(twiddles.subarray(0, FFT_SIZE)),
      twIm: at(twiddles.subarray(FFT_SIZE)),
    };
  }

  flow(block: Float32Array): Float32Array {
    if (block.length > this.maxInput) throw new RangeError(`a block of ${block.length} samples is over this stage's ${this.maxInput}`);
    this.append(block, block.length);
    this.received += block.length;
    let count = 0;
    while (this.pairEnd() <= this.input.end) count += this.computePair(count, 2 * this.perBlock);
    return this.kernels.f32(this.outAddress, count);
  }

  /** Ends the input. `count`, when given, is the index the outputs end at (exclusive); else the natural end. */
  drain(end = this.outputsTouching(this.received)): Float32Array {
    let count = 0;
    while (this.produced < end) {
      const missing = this.pairEnd() - this.input.end;
      if (missing > 0) this.append(null, missing);
      count += this.computePair(count, end - this.produced);
    }
    return this.kernels.f32(this.outAddress, count);
  }

  /** The first input index that output `k` reads. */
  private firstInput(k: number): number {
    return 2 * k - this.bank.reach + 1 + this.inputLead;
  }

  /** Up to which input index (exclusive) the next pair of blocks reads. */
  private pairEnd(): number {
    return this.firstInput(this.produced) + this.hop + this.span;
  }

  /** Up to which output index outputs read any of the first `received` inputs: the stage's natural end. */
  private outputsTouching(received: number): number {
    return Math.max(0, Math.ceil((received - this.inputLead + this.bank.reach - 1) / 2));
  }

  /** Computes the next pair of blocks into the output buffer at `at`, keeping `keep` of its outputs at most. */
  private computePair(at: number, keep: number): number {
    if (at + 2 * this.perBlock > this.outLength) throw new RangeError(`the FFT stage's output of ${this.outLength} samples is full`);
    const { re, im, gRe, gIm, twRe, twIm } = this.scratch;
    const first = this.firstInput(this.produced) - this.input.base;
    const out = this.outAddress + 4 * at;
    this.kernels.exports.fft_decimate2(this.input.address, first, this.hop, this.span, FFT_SIZE, re, im, gRe, gIm, twRe, twIm, out, this.perBlock);
    const kept = Math.min(keep, 2 * this.perBlock);
    this.produced += kept;
    return kept;
  }

  /** Adds `length` samples of `block` (or zeros when null), first dropping what no future output reads. */
  private append(block: Float32Array | null, length: number): void {
    this.input.append(block, length, this.firstInput(this.produced));
  }
}

/**
 * The filter's spectrum as the kernel multiplies by it: the row placed so that the FFT's circular convolution is a
 * correlation with it (tap t at -t), transformed in f64, scaled by 1/FFT_SIZE for the unscaled inverse, and stored in
 * bit-reversed order, where the forward FFT leaves the input's bins. Real parts, then imaginary parts.
 */
function filterSpectrum(design: LowpassDesign, bank: FilterBank): Float32Array {
  const { inputRate, passHz, stopHz, attenuationDb } = design;
  return cachedDesign(`fft ${FFT_SIZE} ${passHz / inputRate} ${stopHz / inputRate} ${attenuationDb}`, () => {
    const re = new Float64Array(FFT_SIZE);
    const im = new Float64Array(FFT_SIZE);
    re[0] = bank.coefficients[0];
    for (let t = 1; t < bank.taps; t++) re[FFT_SIZE - t] = bank.coefficients[t];
    fft64(re, im);
    const bits = Math.log2(FFT_SIZE);
    const out = new Float32Array(2 * FFT_SIZE);
    for (let p = 0; p < FFT_SIZE; p++) {
      const k = reverseBits(p, bits);
      out[p] = re[k] / FFT_SIZE;
      out[FFT_SIZE + p] = im[k] / FFT_SIZE;
    }
    return out;
  });
}

/** exp(-2πi j / 2h) at h + j for every h from 4 to FFT_SIZE / 2 (the stages the kernel runs four at a time). */
function twiddleTable(): Float32Array {
  return cachedDesign(`fft twiddles ${FFT_SIZE}`, () => {
    const table = new Float32Array(2 * FFT_SIZE);
    for (let h = 4; h < FFT_SIZE; h *= 2) {
      for (let j = 0; j < h; j++) {
        table[h + j] = Math.cos((Math.PI * j) / h);
        table[FFT_SIZE + h + j] = -Math.sin((Math.PI * j) / h);
      }
    }
    return table;
  });
}

/** In-place forward FFT in f64 (radix 2, natural order in and out), for the design only. */
function fft64(re: Float64Array, im: Float64Array): void {
  const n = re.length;
  const bits = Math.log2(n);
  for (let i = 0; i < n; i++) {
    const j = reverseBits(i, bits);
    if (j > i) {
      [re[i], re[j]] = [re[j], re[i]];
      [im[i], im[j]] = [im[j], im[i]];
    }
  }
  for (let size = 2; size <= n; size *= 2) {
    const half = size / 2;
    for (let j = 0; j < half; j++) {
      const wr = Math.cos((-2 * Math.PI * j) / size);
      const wi = Math.sin((-2 * Math.PI * j) / size);
      for (let g = 0; g < n; g += size) {
        const a = g + j;
        const b = a + half;
        const tr = re[b] * wr - im[b] * wi;
        const ti = re[b] * wi + im[b] * wr;
        re[b] = re[a] - tr;
        im[b] = im[a] - ti;
        re[a] += tr;
        im[a] += ti;
      }
    }
  }
}

function reverseBits(value: number, bits: number): number {
  let reversed = 0;
  for (let i = 0; i < bits; i++) reversed = (reversed << 1) | ((value >> i) & 1);
  return reversed;
}
