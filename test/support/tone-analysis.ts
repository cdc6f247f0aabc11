/**
 * Measurements on test signals, done here so that the quality bars are checked by the project's own code and no
 * external tool: a least-squares fit of a sine of known frequency gives its gain and phase; what the fit leaves
 * over is noise and distortion, which gives SINAD.
 */

export interface SineFit {
  amplitude: number;
  /** Phase of the fitted sin(2 pi f t + phase), in radians. */
  phase: number;
  /** RMS of what is left after subtracting the fitted sine and any DC. */
  residualRms: number;
}

export function fitSine(signal: ArrayLike<number>, frequency: number, rate: number, from = 0, to = signal.length): SineFit {
  // Normal equations for a*sin + b*cos + c: 3x3, solved directly.
  const m = [
    [0, 0, 0],
    [0, 0, 0],
    [0, 0, 0],
  ];
  const v = [0, 0, 0];
  const w = (2 * Math.PI * frequency) / rate;
  for (let n = from; n < to; n++) {
    const basis = [Math.sin(w * n), Math.cos(w * n), 1];
    for (let i = 0; i < 3; i++) {
      v[i] += basis[i] * signal[n];
      for (let j = 0; j < 3; j++) m[i][j] += basis[i] * basis[j];
    }
  }
  const [a, b, c] = solve3(m, v);
  let residual = 0;
  for (let n = from; n < to; n++) {
    const e = signal[n] - (a * Math.sin(w * n) + b * Math.cos(w * n) + c);
    residual += e * e;
  }
  return { amplitude: Math.hypot(a, b), phase: Math.atan2(b, a), residualRms: Math.sqrt(residual / (to - from)) };
}

/** Signal to noise-and-distortion of a fitted sine, in dB. */
export function sinadDb(fit: SineFit): number {
  return 20 * Math.log10(fit.amplitude / Math.SQRT2 / fit.residualRms);
}

export function rms(signal: ArrayLike<number>, from = 0, to = signal.length): number {
  let sum = 0;
  for (let n = from; n < to; n++) sum += signal[n] * signal[n];
  return Math.sqrt(sum / (to - from));
}

/** The level of a signal in dB relative to a full-scale sine (a -6 dBFS sine reads -6). */
export function levelDb(signal: ArrayLike<number>, from = 0, to = signal.length): number {
  return 20 * Math.log10(rms(signal, from, to) * Math.SQRT2);
}

export function sine(frequency: number, rate: number, frames: number, amplitudeDb = -6): Float32Array {
  const amplitude = 10 ** (amplitudeDb / 20);
  return Float32Array.from({ length: frames }, (_, n) => amplitude * Math.sin((2 * Math.PI * frequency * n) / rate));
}

function solve3(m: number[][], v: number[]): number[] {
  const det = (a: number[][]) =>
    a[0][0] * (a[1][1] * a[2][2] - a[1][2] * a[2][1]) -
    a[0][1] * (a[1][0] * a[2][2] - a[1][2] * a[2][0]) +
    a[0][2] * (a[1][0] * a[2][1] - a[1][1] * a[2][0]);
  const d = det(m);
  return [0, 1, 2].map((col) => det(m.map((row, i) => row.map((x, j) => (j === col ? v[i] : x)))) / d);
}
