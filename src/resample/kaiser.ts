/**
 * Windowed-sinc filter design with the Kaiser window: one formula gives the length and window shape for a wanted
 * stopband attenuation and transition width (Kaiser 1974; the same method as SoX's and libsamplerate's designs).
 */

/** Modified Bessel function of the first kind, order 0, by its power series (converges fast for window use). */
export function besselI0(x: number): number {
  const quarterSquare = (x * x) / 4;
  let term = 1;
  let sum = 1;
  for (let k = 1; term > sum * 1e-17; k++) {
    term *= quarterSquare / (k * k);
    sum += term;
  }
  return sum;
}

/** The window parameter that reaches `attenuationDb` of stopband attenuation. */
export function kaiserBeta(attenuationDb: number): number {
  if (attenuationDb > 50) return 0.1102 * (attenuationDb - 8.7);
  if (attenuationDb >= 21) return 0.5842 * (attenuationDb - 21) ** 0.4 + 0.07886 * (attenuationDb - 21);
  return 0;
}

/** Taps needed for `attenuationDb` over a transition `width` given as a fraction of the sample rate. */
export function kaiserTaps(attenuationDb: number, width: number): number {
  return Math.ceil((attenuationDb - 7.95) / (2.285 * 2 * Math.PI * width)) + 1;
}

export interface LowpassKernel {
  /** The impulse response at time `t` (in samples of the rate the cutoff refers to); 0 beyond `halfWidth`. */
  at(t: number): number;
  halfWidth: number;
}

/**
 * A linear-phase lowpass centred on t = 0: a sinc with its -6 dB point at `cutoff` (a fraction of the sample rate)
 * under a Kaiser window `halfWidth` samples either side. Its DC gain is about 1 per unit of time.
 */
export function lowpassKernel(cutoff: number, halfWidth: number, attenuationDb: number): LowpassKernel {
  const beta = kaiserBeta(attenuationDb);
  const norm = besselI0(beta);
  return {
    halfWidth,
    at(t: number): number {
      const ratio = t / halfWidth;
      if (ratio <= -1 || ratio >= 1) return 0;
      const window = besselI0(beta * Math.sqrt(1 - ratio * ratio)) / norm;
      const x = 2 * cutoff * t;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      return 2 * cutoff * sinc * window;
    },
  };
}
