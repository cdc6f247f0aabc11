import { designFilterBank } from '../../src/resample/filter-bank.js';
import { planStages } from '../../src/resample/create-resampler.js';
import { besselI0, kaiserBeta } from '../../src/resample/kaiser.js';

/**
 * A slow, high-precision resampler (to 8000 Hz unless told) to judge the real one by: every output is computed in
 * one step, in f64, straight from the input at its own rate, with the continuous-time lowpass of the real
 * resampler's final stage (a Kaiser-windowed sinc, -6 dB halfway between its pass and stop edges, the same window
 * length in seconds) evaluated exactly at every tap. What the real one does differently (a cheap first stage, f32 samples and
 * coefficients, precomputed phases or interpolated ones) shows up as the difference between the two.
 */
export function referenceResample(input: Float32Array, rate: number, outputRate = 8000): Float64Array {
  const stages = planStages(rate, outputRate);
  const final = stages[stages.length - 1];
  const cutoffHz = (final.passHz + final.stopHz) / 2;
  const halfWidthSeconds = designFilterBank(final).reach / final.inputRate;
  const beta = kaiserBeta(final.attenuationDb);
  const norm = besselI0(beta);
  const frames = Math.round((input.length * outputRate) / rate);
  const out = new Float64Array(frames);
  const reach = Math.ceil(halfWidthSeconds * rate);
  for (let k = 0; k < frames; k++) {
    const centre = (k * rate) / outputRate; // the output instant, in input samples
    let sum = 0;
    let gain = 0;
    for (let n = Math.ceil(centre - reach); n <= Math.floor(centre + reach); n++) {
      const seconds = (centre - n) / rate;
      const ratio = seconds / halfWidthSeconds;
      if (ratio <= -1 || ratio >= 1) continue;
      const x = 2 * cutoffHz * seconds;
      const sinc = x === 0 ? 1 : Math.sin(Math.PI * x) / (Math.PI * x);
      const weight = sinc * (besselI0(beta * Math.sqrt(1 - ratio * ratio)) / norm);
      gain += weight;
      if (n >= 0 && n < input.length) sum += weight * input[n];
    }
    out[k] = sum / gain;
  }
  return out;
}
