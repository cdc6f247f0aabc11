import type { Stage } from '../stage/stage.js';
import type { Kernels } from '../wasm/kernels.js';
import { type FilterBank, type LowpassDesign, designFilterBank } from './filter-bank.js';
import { StageInput } from './stage-input.js';

/**
 * One resampling stage: a polyphase FIR filter run by the WebAssembly kernel (src/resample/kernels/polyphase-fir.ts).
 *
 * The input is kept in a sliding buffer in the kernels' memory, and an output is computed only once all the input it
 * reads has arrived; `drain` supplies the zeros after the end. Output k is centred on its own instant, k x down / up
 * in input samples, with zeros before the first sample, so the stage adds no delay, and since an output depends only
 * on the input (never on how it was split into blocks) the result is the same for any block size.
 *
 * In a cascade, a stage that feeds another starts at output `-lead` (outputs before the first instant, where its
 * filter smears the first inputs), and the next stage takes its input `lead` samples early: so the next stage reads
 * what came before the first instant as it is, not as zeros, and the cascade's first outputs are those of one filter.
 */
export class PolyphaseStage implements Stage {
  private readonly bank: FilterBank;
  private readonly bankAddress: number;
  private readonly input: StageInput;
  private readonly outAddress: number;
  private readonly outLength: number;
  private received = 0;
  private produced: number;
  /** The largest block `flow` takes; a block of this size yields at most `maxOutput` samples. */
  readonly maxInput: number;
  readonly maxOutput: number;

  /**
   * `firstOutput` (0 or less) is the index of the first output; `inputLead` says that input i lies at instant
   * i - inputLead (the previous stage's `-firstOutput`).
   */
  constructor(
    private readonly kernels: Kernels,
    design: LowpassDesign,
    maxInput: number,
    firstOutput = 0,
    private readonly inputLead = 0,
  ) {
    const bank = designFilterBank(design);
    this.bank = bank;
    this.produced = firstOutput;
    // Draining appends up to a row's worth of zeros, and its outputs pass through the later stages: every block a
    // stage sees is at most this size.
    this.maxInput = Math.max(maxInput, 4 * bank.taps);
    this.maxOutput = Math.ceil(((this.maxInput + bank.taps) * bank.up) / bank.down) + 2 - firstOutput;
    this.bankAddress = kernels.alloc(bank.coefficients.byteLength);
    kernels.f32(this.bankAddress, bank.coefficients.length).set(bank.coefficients);
    // The history a row reads, one block, the zeros of the drain, a padded row's reach past the last input, and the
    // zeros before the first instant that outputs before it read.
    const length = this.maxInput + 3 * bank.taps + 8 + Math.ceil((-firstOutput * bank.down) / bank.up);
    this.input = new StageInput(kernels, length, this.firstInput(firstOutput));
    this.outLength = this.maxOutput;
    this.outAddress = kernels.alloc(this.outLength * 4);
  }

  flow(block: Float32Array): Float32Array {
    if (block.length > this.maxInput) throw new RangeError(`a block of ${block.length} samples is over this stage's ${this.maxInput}`);
    this.append(block, block.length);
    this.received += block.length;
    return this.emit(this.outputsReady(this.received));
  }

  /** Ends the input. `count`, when given, is the index the outputs end at (exclusive); else the natural end. */
  drain(count = this.outputsTouching(this.received)): Float32Array {
    if (count <= this.produced) return this.kernels.f32(this.outAddress, 0);
    const zeros = this.firstInput(count - 1) + 2 * this.bank.reach - this.input.end;
    if (zeros > 0) this.append(null, zeros);
    return this.emit(count);
  }

  /** The first input index that output `k` reads. */
  private firstInput(k: number): number {
    return Math.floor((k * this.bank.down) / this.bank.up) - this.bank.reach + 1 + this.inputLead;
  }

  /** Up to which output index all the input has arrived once `received` inputs have. */
  private outputsReady(received: number): number {
    return Math.max(this.produced, Math.ceil(((received - this.inputLead - this.bank.reach) * this.bank.up) / this.bank.down));
  }

  /** Up to which output index outputs read any of the first `received` inputs: the stage's natural end. */
  private outputsTouching(received: number): number {
    return Math.max(0, Math.ceil(((received - this.inputLead + this.bank.reach - 1) * this.bank.up) / this.bank.down));
  }

  private emit(upTo: number): Float32Array {
    const count = Math.min(upTo - this.produced, this.outLength);
    if (count <= 0) return this.kernels.f32(this.outAddress, 0);
    const { up, down, taps, interpolated, density } = this.bank;
    const from = this.produced;
    const start = this.firstInput(from) - this.input.base;
    const phase = (((from * down) % up) + up) % up;
    const whole = Math.floor(down / up);
    const part = down % up;
    const { exports } = this.kernels;
    if (interpolated) {
      exports.fir_interpolated(this.input.address, this.bankAddress, taps, this.outAddress, count, start, phase, whole, part, up, density);
    } else {
      exports.fir_bank(this.input.address, this.bankAddress, taps, this.outAddress, count, start, phase, whole, part, up);
    }
    this.produced += count;
    return this.kernels.f32(this.outAddress, count);
  }

  /** Adds `length` samples of `block` (or zeros when null), first dropping what no future output reads. */
  private append(block: Float32Array | null, length: number): void {
    // A padded row reads up to taps - 2 x reach inputs past the last one it needs: they must be in the buffer.
    this.input.append(block, length, this.firstInput(this.produced), this.bank.taps);
  }
}
