import { afterAll, describe, expect, it } from 'vitest';
import { linear16FromAlaw } from '../src/codecs/g711-expand.js';
import { convertBytes } from '../src/pipeline/convert-bytes.js';
import { referenceResample } from './support/reference-resampler.js';
import { resampleSignal } from './support/resample-signal.js';
import { waveFile } from './support/wav-builder.js';

/**
 * Whole conversions of wideband signals judged against a high-precision reference resampler (test/support): if any
 * component above 4 kHz folded back, or the passband were off, the difference would show. After A-law, whose own
 * quantisation noise sits about 37 dB below a signal like these, 35 dB is the bar.
 */
const SECONDS = 0.5;
const AMPLITUDE = 10 ** (-6 / 20);

function linearChirp(rate: number, fromHz: number, toHz: number): Float32Array {
  const frames = Math.round(rate * SECONDS);
  return Float32Array.from({ length: frames }, (_, n) => {
    const t = n / rate;
    return AMPLITUDE * Math.sin(2 * Math.PI * (fromHz * t + ((toHz - fromHz) * t * t) / (2 * SECONDS)));
  });
}

function whiteNoise(rate: number, seed: number): Float32Array {
  let state = seed;
  return Float32Array.from({ length: Math.round(rate * SECONDS) }, () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return AMPLITUDE * (state / 2 ** 31 - 1);
  });
}

async function agreementDb(signal: Float32Array, rate: number): Promise<number> {
  const { bytes } = await convertBytes(waveFile({ format: 'f32', channels: 1, sampleRate: rate, samples: signal }));
  const reference = referenceResample(signal, rate);
  const samples = bytes.subarray(58, 58 + reference.length);
  expect(samples.length).toBe(reference.length);
  let signalEnergy = 0;
  let errorEnergy = 0;
  for (let k = 0; k < reference.length; k++) {
    const error = linear16FromAlaw(samples[k]) / 32768 - reference[k];
    signalEnergy += reference[k] ** 2;
    errorEnergy += error ** 2;
  }
  return 10 * Math.log10(signalEnergy / errorEnergy);
}

/** The resampler alone to `outputRate`, in f32, against the reference: what the stages and f32 add, without coding. */
async function resamplerAgreementDb(signal: Float32Array, rate: number, outputRate: number): Promise<number> {
  const out = await resampleSignal(rate, signal, [8192], outputRate);
  const reference = referenceResample(signal, rate, outputRate);
  expect(out.length).toBe(reference.length);
  let signalEnergy = 0;
  let errorEnergy = 0;
  for (let k = 0; k < reference.length; k++) {
    signalEnergy += reference[k] ** 2;
    errorEnergy += (out[k] - reference[k]) ** 2;
  }
  return 10 * Math.log10(signalEnergy / errorEnergy);
}

const figures: string[] = [];
afterAll(() => console.log(figures.join('\n')));

describe('a whole conversion against a high-precision reference resampler, after A-law', () => {
  it.each([
    ['a linear chirp, 1 Hz to 22 kHz', 44100, () => linearChirp(44100, 1, 22000)],
    ['a linear chirp, 1 Hz to 24 kHz', 48000, () => linearChirp(48000, 1, 24000)],
    ['a linear chirp, 1 Hz to 11 kHz', 22050, () => linearChirp(22050, 1, 11000)],
    ['a linear chirp, 1 Hz to 5.5 kHz', 11025, () => linearChirp(11025, 1, 5500)],
    ['white noise', 44100, () => whiteNoise(44100, 1)],
    ['white noise', 48000, () => whiteNoise(48000, 2)],
    ['white noise', 96000, () => whiteNoise(96000, 3)],
    ['white noise', 16000, () => whiteNoise(16000, 4)],
    ['white noise', 37800, () => whiteNoise(37800, 5)],
  ] as const)('%s at %d Hz agrees to 35 dB or better', async (what, rate, make) => {
    const db = await agreementDb(make(), rate);
    figures.push(`${what} at ${rate} Hz: ${db.toFixed(1)} dB`);
    expect(db).toBeGreaterThanOrEqual(35);
  });
});

describe('the resampler alone against the high-precision reference, before coding', () => {
  // Without coding noise, anything the cascade does that one filter would not shows: the first stage's ripple, and
  // the first outputs, which read what the first stage makes before the first instant.
  it.each([
    ['a linear chirp, 1 Hz to 24 kHz', 48000, 8000, () => linearChirp(48000, 1, 24000)],
    ['white noise', 44100, 8000, () => whiteNoise(44100, 9)],
    ['white noise', 37800, 8000, () => whiteNoise(37800, 10)],
    ['a linear chirp, 1 Hz to 24 kHz', 48000, 16000, () => linearChirp(48000, 1, 24000)],
    ['a linear chirp, 1 Hz to 11 kHz', 22050, 16000, () => linearChirp(22050, 1, 11000)],
    ['a linear chirp, 1 Hz to 4 kHz', 8000, 16000, () => linearChirp(8000, 1, 4000)],
    ['white noise', 44100, 16000, () => whiteNoise(44100, 6)],
    ['white noise', 37800, 16000, () => whiteNoise(37800, 7)],
    ['white noise', 11025, 16000, () => whiteNoise(11025, 8)],
  ] as const)('%s at %d Hz, to %d Hz, agrees to 90 dB or better', async (what, rate, outputRate, make) => {
    const db = await resamplerAgreementDb(make(), rate, outputRate);
    figures.push(`${what} at ${rate} Hz, to ${outputRate} Hz, before coding: ${db.toFixed(1)} dB`);
    expect(db).toBeGreaterThanOrEqual(90);
  });
});
