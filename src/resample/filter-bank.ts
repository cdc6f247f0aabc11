import { cachedDesign } from './design-cache.js';
import { type LowpassKernel, kaiserTaps, lowpassKernel } from './kaiser.js';

/** A bank larger than this (phases x taps) is not built; rows for a grid of fractions are interpolated instead. */
const MAX_BANK_COEFFICIENTS = 1 << 20;
/** Rows per input sample for interpolated coefficients: the blend's error stays below -100 dB. */
const INTERPOLATION_DENSITY = 1024;
/** The kernel reads taps in vectors of four: rows are padded with zeros to a multiple of that. */
const TAP_MULTIPLE = 4;

export interface LowpassDesign {
  inputRate: number;
  outputRate: number;
  /** Flat up to here (Hz). */
  passHz: number;
  /** Attenuated by `attenuationDb` from here on (Hz). */
  stopHz: number;
  attenuationDb: number;
}

/**
 * The coefficients of one resampling stage, laid out for the kernel in src/resample/kernels/polyphase-fir.ts:
 * `rows` rows of `taps` coefficients, each row scaled to unit gain at DC, so that no phase is louder than another
 * (which would add a whine at the phase rate).
 */
export interface FilterBank {
  /** Output k lies at input time k x down / up. */
  up: number;
  down: number;
  /** Output k reads inputs floor(k down / up) - reach + 1 .. + reach; the row is padded past that with zeros. */
  reach: number;
  taps: number;
  /** One row per phase (`up` rows), or `density` + 1 rows to interpolate between when that would be too many. */
  interpolated: boolean;
  density: number;
  coefficients: Float32Array;
}

/**
 * A Kaiser-windowed sinc lowpass with its transition between `passHz` and `stopHz`, sampled at every fractional
 * position an output can take between input samples. Designed once per thread and design (see design-cache.ts).
 */
export function designFilterBank(design: LowpassDesign): FilterBank {
  const divisor = gcd(design.inputRate, design.outputRate);
  const up = design.outputRate / divisor;
  const down = design.inputRate / divisor;
  const width = (design.stopHz - design.passHz) / design.inputRate;
  const cutoff = (design.passHz + design.stopHz) / 2 / design.inputRate;
  const reach = Math.ceil(kaiserTaps(design.attenuationDb, width) / 2);
  const taps = Math.ceil((2 * reach) / TAP_MULTIPLE) * TAP_MULTIPLE;
  // A bank of one row (a whole-number ratio) is exact whatever its size.
  const interpolated = up > 1 && up * taps > MAX_BANK_COEFFICIENTS;
  const density = interpolated ? INTERPOLATION_DENSITY : up;
  const rows = interpolated ? density + 1 : up;
  const key = `bank ${cutoff} ${reach} ${taps} ${design.attenuationDb} ${rows} ${density}`;
  const coefficients = cachedDesign(key, () => buildRows(lowpassKernel(cutoff, reach, design.attenuationDb), rows, density, reach, taps));
  return { up, down, reach, taps, interpolated, density, coefficients };
}

/** Row r holds the taps for an output r / density of an input sample past its first input + reach - 1. */
function buildRows(kernel: LowpassKernel, rows: number, density: number, reach: number, taps: number): Float32Array {
  const coefficients = new Float32Array(rows * taps);
  const row = new Float64Array(2 * reach);
  for (let r = 0; r < rows; r++) {
    let sum = 0;
    for (let t = 0; t < row.length; t++) {
      row[t] = kernel.at(r / density + reach - 1 - t);
      sum += row[t];
    }
    for (let t = 0; t < row.length; t++) coefficients[r * taps + t] = row[t] / sum;
  }
  return coefficients;
}

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}
