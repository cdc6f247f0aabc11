import { describe, expect, it } from 'vitest';
import { P56_SIGNALS } from '../../test/support/p56-signals.js';
import { speechLikePrompt } from '../../test/support/speech-like.js';
import { acquireKernels, releaseKernels } from '../wasm/kernels.js';
import { ActiveSpeechLevelMeter, LEVEL_KERNEL_STATE_BYTES, type ActiveSpeechLevel } from './active-speech-level.js';

/**
 * What the ITU-T G.191 reference tool prints for each signal of P56_SIGNALS: RMSLev, ActLev and %Active of
 *   npx vite-node test/support/write-p56-signals.ts /tmp/p56
 *   actlev -q -sf <rate> /tmp/p56/<name>.<rate>.raw
 * with actlev built from openitu/STL src/sv56 (which reproduces the published figures for its voice.src: ActLev
 * -25.329, RMSLev -25.478, %Active 96.625). Where the tool prints ActLev -100.000 and %Active 0.000 it found no active
 * speech (null here); RMSLev -200.000 is its log of zero.
 */
const ACTLEV: Record<string, { rms: number | null; active: number | null; activity: number }> = {
  'prompt-8k-16': { rms: -16.914, active: -15.993, activity: 80.885 },
  'prompt-8k-26': { rms: -26.291, active: -25.967, activity: 92.813 },
  'prompt-8k-45': { rms: -45.414, active: -44.979, activity: 90.462 },
  'prompt-16k-26': { rms: -26.562, active: -25.943, activity: 86.714 },
  'prompt-22k-30': { rms: -30.324, active: -29.923, activity: 91.172 },
  'prompt-44k-30': { rms: -30.342, active: -30.009, activity: 92.614 },
  'prompt-48k-20': { rms: -20.647, active: -20.035, activity: 86.846 },
  'noisy-8k-35': { rms: -38.621, active: -35.066, activity: 44.106 },
  'noisy-8k-45': { rms: -48.264, active: -45.119, activity: 48.475 },
  'pauses-8k': { rms: -29.537, active: -26.038, activity: 44.678 },
  'pauses-48k': { rms: -29.537, active: -26.037, activity: 44.666 },
  'noise-8k-65': { rms: -64.999, active: -64.943, activity: 98.728 },
  'sine-8k-full-scale': { rms: -3.01, active: -2.91, activity: 97.706 },
  'short-8k': { rms: -34.608, active: null, activity: 0 },
  'zeros-8k': { rms: null, active: null, activity: 0 },
};

function measure(samples: Float32Array, rate: number, blockSize = 256): ActiveSpeechLevel {
  const meter = new ActiveSpeechLevelMeter(rate);
  for (let i = 0; i < samples.length; i += blockSize) meter.push(samples.subarray(i, i + blockSize));
  return meter.result();
}

describe('ActiveSpeechLevelMeter', () => {
  it('covers every signal that has reference figures', () => {
    expect(P56_SIGNALS.map((signal) => signal.name).sort()).toEqual(Object.keys(ACTLEV).sort());
  });

  // The tool prints three decimals; the meter does what it does in the same order of operations, so it agrees to
  // well within the rounding of the printout (to 1e-9 dB, checked against a build that prints more digits).
  for (const signal of P56_SIGNALS) {
    it(`reads ${signal.name} as actlev does`, () => {
      const expected = ACTLEV[signal.name];
      const result = measure(signal.samples(), signal.rate);
      for (const [ours, theirs] of [
        [result.rmsDbov, expected.rms],
        [result.activeDbov, expected.active],
      ]) {
        if (theirs === null) expect(ours).toBeNull();
        else expect(ours).toBeCloseTo(theirs, 3);
      }
      expect(result.activityPercent).toBeCloseTo(expected.activity, 3);
    });
  }

  it('reads a full-scale sine at -3.01 dBov: 1.0 is the overload point', () => {
    const sine = Float32Array.from({ length: 8000 }, (_, n) => Math.sin((2 * Math.PI * 1000 * n) / 8000 + 0.1));
    expect(measure(sine, 8000).rmsDbov).toBeCloseTo(-3.0103, 3);
  });

  it('leaves long pauses out of the active level', () => {
    const result = measure(P56_SIGNALS.find((signal) => signal.name === 'pauses-8k')!.samples(), 8000);
    expect(result.activityPercent).toBeLessThan(50);
    expect(result.activeDbov! - result.rmsDbov!).toBeGreaterThan(3);
  });

  it('gives the same result whatever the block size', () => {
    const { samples } = speechLikePrompt({ sampleRate: 8000, speechDbov: -30, seed: 21, noiseFloorDbov: -70 });
    const whole = measure(samples, 8000, samples.length);
    for (const blockSize of [1, 7, 80, 4096]) expect(measure(samples, 8000, blockSize)).toEqual(whole);
  });

  it('has no active speech in silence, an empty stream or a single sample', () => {
    const none = { activeDbov: null, activityPercent: 0 };
    expect(measure(new Float32Array(16000), 8000)).toEqual({ ...none, rmsDbov: null, samples: 16000 });
    expect(new ActiveSpeechLevelMeter(8000).result()).toEqual({ ...none, rmsDbov: null, samples: 0 });
    expect(measure(Float32Array.of(0.5), 8000)).toMatchObject({ ...none, samples: 1 });
  });

  it('can be read part way and goes on measuring', () => {
    const { samples } = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, seed: 22 });
    const meter = new ActiveSpeechLevelMeter(8000);
    meter.push(samples.subarray(0, 5000));
    meter.result();
    meter.push(samples.subarray(5000));
    expect(meter.result()).toEqual(measure(samples, 8000));
  });

  it('reads the same to the last bit when its loop runs in the kernel (pushAt), alone or with a second meter', async () => {
    const kernels = await acquireKernels();
    try {
      const state = kernels.alloc(LEVEL_KERNEL_STATE_BYTES);
      const block = 333;
      const buffer = kernels.alloc(4 * block);
      /** Returns the samples' sum as the kernel adds it up, one by one, across the calls. */
      const pushAt = (samples: Float32Array, a: ActiveSpeechLevelMeter, b?: ActiveSpeechLevelMeter) => {
        let sum = 0;
        for (let i = 0; i < samples.length; i += block) {
          const piece = samples.subarray(i, i + block);
          kernels.f32(buffer, piece.length).set(piece);
          sum = ActiveSpeechLevelMeter.pushAt(kernels, state, buffer, piece.length, a, b, sum);
        }
        return sum;
      };
      const sumOf = (samples: Float32Array) => {
        let sum = 0;
        for (const x of samples) sum += x;
        return sum;
      };
      for (const signal of P56_SIGNALS) {
        const samples = signal.samples();
        const alone = new ActiveSpeechLevelMeter(signal.rate);
        expect(pushAt(samples, alone), signal.name).toBe(sumOf(samples));
        expect(alone.result(), signal.name).toEqual(measure(samples, signal.rate));
        // a whole meter, and a second one started part way (as a fault meter's stretch meter is)
        const start = Math.floor(samples.length / 3);
        const whole = new ActiveSpeechLevelMeter(signal.rate);
        const part = new ActiveSpeechLevelMeter(signal.rate);
        for (let i = 0; i < start; i += 700) whole.push(samples.subarray(i, Math.min(start, i + 700)));
        expect(pushAt(samples.subarray(start), whole, part), signal.name).toBe(sumOf(samples.subarray(start)));
        expect(whole.result(), signal.name).toEqual(measure(samples, signal.rate));
        expect(part.result(), signal.name).toEqual(measure(samples.subarray(start), signal.rate));
      }
    } finally {
      releaseKernels(kernels);
    }
  });

  it('feeds two meters of different rates one after the other', async () => {
    const kernels = await acquireKernels();
    try {
      const { samples } = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, seed: 5 });
      const state = kernels.alloc(LEVEL_KERNEL_STATE_BYTES);
      const buffer = kernels.alloc(4 * samples.length);
      kernels.f32(buffer, samples.length).set(samples);
      const eight = new ActiveSpeechLevelMeter(8000);
      const sixteen = new ActiveSpeechLevelMeter(16000);
      ActiveSpeechLevelMeter.pushAt(kernels, state, buffer, samples.length, eight, sixteen);
      expect(eight.result()).toEqual(measure(samples, 8000));
      expect(sixteen.result()).toEqual(measure(samples, 16000));
    } finally {
      releaseKernels(kernels);
    }
  });
});
