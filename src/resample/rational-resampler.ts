import { cachedDesign } from './design-cache.js';
import { FirStage } from './fir-stage.js';
import { type LowpassKernel, kaiserTaps, lowpassKernel } from './kaiser.js';

/** A bank larger than this (phases x taps) is not precomputed; coefficients are interpolated from a table. */
const MAX_BANK_COEFFICIENTS = 1 << 20;
/** Table points per input sample for interpolated coefficients: linear interpolation error stays below -100 dB. */
const TABLE_DENSITY = 1024;

export interface RationalDesign {
  inputRate: number;
  outputRate: number;
  /** Edges of the transition band, in Hz. */
  passHz: number;
  stopHz: number;
  attenuationDb: number;
}

/**
 * Resamples by the exact ratio outputRate / inputRate (= up / down in lowest terms): output k lies at input time
 * k * down / up, and is the input filtered by a windowed sinc centred there. The taps for each of the `up`
 * possible fractional positions are precomputed (a polyphase bank) when that is small, as it is for all the
 * common rates; for awkward ratios (7999 Hz, 44101 Hz) they are interpolated from a dense table instead.
 */
export class RationalResampler extends FirStage {
  private readonly up: number;
  private readonly down: number;
  /** Taps read either side: output k reads inputs floor(k down / up) - reach + 1 .. + reach. */
  private readonly reach: number;
  private readonly bank: Float64Array | null;
  private readonly table: Float64Array | null;

  constructor(design: RationalDesign) {
    const divisor = gcd(design.inputRate, design.outputRate);
    const up = design.outputRate / divisor;
    const down = design.inputRate / divisor;
    const width = (design.stopHz - design.passHz) / design.inputRate;
    const cutoff = (design.passHz + design.stopHz) / 2 / design.inputRate;
    const reach = Math.ceil(kaiserTaps(design.attenuationDb, width) / 2);
    super(2 * reach, 1 - reach);
    this.up = up;
    this.down = down;
    this.reach = reach;
    const kernel = () => lowpassKernel(cutoff, reach, design.attenuationDb);
    const useBank = up * 2 * reach <= MAX_BANK_COEFFICIENTS;
    const key = `${cutoff} ${reach} ${design.attenuationDb}`;
    this.bank = useBank ? cachedDesign(`bank ${up} ${key}`, () => buildBank(kernel(), up, reach)) : null;
    this.table = useBank ? null : cachedDesign(`table ${key}`, () => buildTable(kernel(), reach));
  }

  protected firstInput(k: number): number {
    return Math.floor((k * this.down) / this.up) - this.reach + 1;
  }

  protected outputsReady(received: number): number {
    return Math.max(0, Math.ceil(((received - this.reach) * this.up) / this.down));
  }

  protected outputsTouching(received: number): number {
    return Math.max(0, Math.ceil(((received + this.reach - 1) * this.up) / this.down));
  }

  protected render(from: number, to: number, out: Float32Array): void {
    if (this.bank) this.renderFromBank(this.bank, from, to, out);
    else this.renderFromTable(this.table as Float64Array, from, to, out);
  }

  private renderFromBank(bank: Float64Array, from: number, to: number, out: Float32Array): void {
    const { up, down } = this;
    const firstStart = Math.floor((from * down) / up) - this.reach + 1 - this.base;
    filterWithBank(this.buffer, firstStart, (from * down) % up, up, down, bank, 2 * this.reach, out, to - from);
  }

  private renderFromTable(table: Float64Array, from: number, to: number, out: Float32Array): void {
    const { up, down, buffer: x } = this;
    const taps = 2 * this.reach;
    for (let k = from; k < to; k++) {
      const position = Math.floor((k * down) / up);
      const fraction = ((k * down) % up) / up;
      const start = position - this.reach + 1 - this.base;
      let sum = 0;
      let gain = 0;
      for (let t = 0; t < taps; t++) {
        // the tap for input start + t sits at time fraction + reach - 1 - t from the output instant
        const where = (fraction + taps - 1 - t) * TABLE_DENSITY;
        const index = Math.floor(where);
        const c = table[index] + (where - index) * (table[index + 1] - table[index]);
        sum += x[start + t] * c;
        gain += c;
      }
      out[k - from] = sum / gain;
    }
  }
}

/** The hot loop, kept free of `this` so that V8 compiles it once for these exact array types. */
function filterWithBank(
  x: Float32Array,
  firstStart: number,
  firstPhase: number,
  up: number,
  down: number,
  bank: Float64Array,
  taps: number,
  out: Float32Array,
  count: number,
): void {
  const whole = Math.floor(down / up);
  const part = down % up;
  let start = firstStart;
  let phase = firstPhase;
  for (let k = 0; k < count; k++) {
    // Two interleaved partial sums (taps is even) halve the chain of dependent additions.
    let even = 0;
    let odd = 0;
    for (let t = 0, i = start, j = phase * taps; t < taps; t += 2, i += 2, j += 2) {
      even += x[i] * bank[j];
      odd += x[i + 1] * bank[j + 1];
    }
    out[k] = even + odd;
    start += whole;
    phase += part;
    if (phase >= up) {
      phase -= up;
      start++;
    }
  }
}

/** bank[phase * taps + t]: the tap for input `start + t` when the output lies `phase / up` past an input sample. */
function buildBank(kernel: LowpassKernel, up: number, reach: number): Float64Array {
  const taps = 2 * reach;
  const bank = new Float64Array(up * taps);
  const row = new Float64Array(taps);
  for (let phase = 0; phase < up; phase++) {
    let sum = 0;
    for (let t = 0; t < taps; t++) {
      row[t] = kernel.at(phase / up + reach - 1 - t);
      sum += row[t];
    }
    // Each phase scaled to unit DC gain, so that no phase is louder than another (which would add a whine).
    for (let t = 0; t < taps; t++) bank[phase * taps + t] = row[t] / sum;
  }
  return bank;
}

/** The kernel sampled densely from time -reach to +reach, indexed by (time + reach) * TABLE_DENSITY. */
function buildTable(kernel: LowpassKernel, reach: number): Float64Array {
  const points = 2 * reach * TABLE_DENSITY + 2;
  const table = new Float64Array(points);
  for (let i = 0; i < points; i++) table[i] = kernel.at(i / TABLE_DENSITY - reach);
  return table;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
