import { cachedDesign } from './design-cache.js';
import { FirStage } from './fir-stage.js';
import { kaiserTaps, lowpassKernel } from './kaiser.js';

/**
 * Halves the sample rate with a halfband filter: its transition band is centred on a quarter of the input rate,
 * so every other tap is zero and the centre tap is exactly 1/2. With the symmetric pairs added before multiplying,
 * an output costs one multiply per four taps, which makes it the cheap way down from 48, 96 or 192 kHz.
 */
export class HalfbandDecimator extends FirStage {
  /** Odd half-length: taps at -half..half, non-zero at 0 and at odd offsets. */
  private readonly half: number;
  /** coefficients[m] is the tap at offsets +-(2m + 1). */
  private readonly coefficients: Float64Array;

  /**
   * `passFraction`: the passband edge as a fraction of the input rate (below 1/4); the stopband then starts at
   * 1/2 - passFraction, the mirror image, and everything from there on is attenuated by `attenuationDb`.
   */
  constructor(passFraction: number, attenuationDb: number) {
    const width = 0.5 - 2 * passFraction;
    let half = Math.ceil((kaiserTaps(attenuationDb, width) - 1) / 2);
    if (half % 2 === 0) half++;
    super(2 * half + 1, -half);
    this.half = half;
    this.coefficients = cachedDesign(`halfband ${half} ${attenuationDb}`, () => designCoefficients(half, attenuationDb));
  }

  protected firstInput(k: number): number {
    return 2 * k - this.half;
  }

  protected outputsReady(received: number): number {
    return Math.max(0, Math.floor((received - this.half - 1) / 2) + 1);
  }

  protected outputsTouching(received: number): number {
    return Math.max(0, Math.floor((received - 1 + this.half) / 2) + 1);
  }

  protected render(from: number, to: number, out: Float32Array): void {
    decimate(this.buffer, 2 * from - this.base, this.coefficients, out, to - from);
  }
}

/** coefficients[m] is the tap at offsets +-(2m + 1); the centre tap, 1/2, is implied. */
function designCoefficients(half: number, attenuationDb: number): Float64Array {
  const kernel = lowpassKernel(0.25, half + 1, attenuationDb);
  const coefficients = new Float64Array((half + 1) / 2);
  for (let m = 0; m < coefficients.length; m++) coefficients[m] = kernel.at(2 * m + 1);
  // The odd taps of an exact halfband sum to 1/2; scaling them so keeps the DC gain at exactly 1.
  const sum = 2 * coefficients.reduce((a, b) => a + b, 0);
  for (let m = 0; m < coefficients.length; m++) coefficients[m] *= 0.5 / sum;
  return coefficients;
}

/** The hot loop, four outputs side by side for the reasons given in integer-decimator.ts. */
function decimate(x: Float32Array, firstCentre: number, c: Float64Array, out: Float32Array, count: number): void {
  const taps = c.length;
  let k = 0;
  let centre = firstCentre;
  for (; k + 4 <= count; k += 4, centre += 8) {
    const c1 = centre + 2;
    const c2 = centre + 4;
    const c3 = centre + 6;
    let s0 = 0.5 * x[centre];
    let s1 = 0.5 * x[c1];
    let s2 = 0.5 * x[c2];
    let s3 = 0.5 * x[c3];
    for (let m = 0, d = 1; m < taps; m++, d += 2) {
      const cm = c[m];
      s0 += cm * (x[centre - d] + x[centre + d]);
      s1 += cm * (x[c1 - d] + x[c1 + d]);
      s2 += cm * (x[c2 - d] + x[c2 + d]);
      s3 += cm * (x[c3 - d] + x[c3 + d]);
    }
    out[k] = s0;
    out[k + 1] = s1;
    out[k + 2] = s2;
    out[k + 3] = s3;
  }
  for (; k < count; k++, centre += 2) {
    let sum = 0.5 * x[centre];
    for (let m = 0, d = 1; m < taps; m++, d += 2) sum += c[m] * (x[centre - d] + x[centre + d]);
    out[k] = sum;
  }
}
