import { describe, expect, it } from 'vitest';
import { seededRandom } from '../../test/support/mutate-wave.js';
import { bandLimitedNoise, speechLikePrompt, type SpeechLikeOptions } from '../../test/support/speech-like.js';
import { ActiveSpeechLevelMeter } from './active-speech-level.js';
import { SpeechBoundsFinder, type SpeechBounds } from './speech-bounds.js';

function find(samples: Float32Array, rate: number, blockSize = 4096): SpeechBounds {
  const meter = new ActiveSpeechLevelMeter(rate);
  const finder = new SpeechBoundsFinder(rate);
  for (let i = 0; i < samples.length; i += blockSize) {
    meter.push(samples.subarray(i, i + blockSize));
    finder.push(samples.subarray(i, i + blockSize));
  }
  return finder.result(meter.result().activeDbov);
}

/** How far (seconds) the found start lies after the true one, and the found end before the true one. */
function misses(options: SpeechLikeOptions): { start: number; end: number } {
  const prompt = speechLikePrompt(options);
  const found = find(prompt.samples, options.sampleRate);
  return {
    start: (found.speechStart - prompt.speechStart) / options.sampleRate,
    end: (prompt.speechEnd - found.speechEnd) / options.sampleRate,
  };
}

const SILENCES = { leadingSilenceSeconds: 1.5, trailingSilenceSeconds: 2 };

describe('SpeechBoundsFinder', () => {
  it('finds speech from -16 to -45 dBov, clean or over a -65 dBov floor, soft onset and decay included', () => {
    for (const speechDbov of [-16, -26, -35, -45]) {
      for (const noiseFloorDbov of [undefined, -65]) {
        for (const seed of [1, 2, 3, 4]) {
          const miss = misses({ sampleRate: 8000, speechDbov, noiseFloorDbov, seed, ...SILENCES });
          // Within a frame or two of the first sound of the fricative and of the end of the 200 ms decay.
          expect(miss.start).toBeGreaterThanOrEqual(-0.01);
          expect(miss.start).toBeLessThanOrEqual(0.03);
          expect(miss.end).toBeGreaterThanOrEqual(-0.01);
          expect(miss.end).toBeLessThanOrEqual(0.05);
        }
      }
    }
  });

  it('finds speech at any sample rate', () => {
    for (const sampleRate of [11025, 16000, 48000]) {
      const miss = misses({ sampleRate, speechDbov: -30, noiseFloorDbov: -65, seed: 5, ...SILENCES });
      expect(Math.abs(miss.start)).toBeLessThanOrEqual(0.03);
      expect(Math.abs(miss.end)).toBeLessThanOrEqual(0.05);
    }
  });

  it('sets its threshold by the noise: speech 15 dB over a -60 dBov floor is found', () => {
    for (const seed of [1, 2, 3]) {
      const miss = misses({ sampleRate: 8000, speechDbov: -45, noiseFloorDbov: -60, seed, ...SILENCES });
      expect(miss.start).toBeGreaterThanOrEqual(-0.01);
      expect(miss.start).toBeLessThanOrEqual(0.08);
      expect(miss.end).toBeLessThanOrEqual(0.08);
    }
  });

  it('measures the noise floor, and has none in digital silence', () => {
    const noisy = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, noiseFloorDbov: -65, seed: 6, ...SILENCES });
    // A low percentile of 10 ms frames of a -65 dBov noise: a little under its mean.
    const floor = find(noisy.samples, 8000).noiseFloorDbov;
    expect(floor).toBeGreaterThan(-67);
    expect(floor).toBeLessThan(-65);
    const clean = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, seed: 6, ...SILENCES });
    expect(find(clean.samples, 8000).noiseFloorDbov).toBeNull();
  });

  it('gives the silences in seconds', () => {
    const prompt = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, noiseFloorDbov: -65, seed: 7, ...SILENCES });
    const found = find(prompt.samples, 8000);
    expect(found.leadingSilenceSeconds).toBe(found.speechStart / 8000);
    expect(found.trailingSilenceSeconds).toBe((prompt.samples.length - found.speechEnd) / 8000);
    expect(found.leadingSilenceSeconds).toBeCloseTo(1.5, 1);
    expect(found.trailingSilenceSeconds).toBeCloseTo(2, 1);
  });

  it('does not take a click in the silence for speech', () => {
    const prompt = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, noiseFloorDbov: -65, seed: 8, ...SILENCES });
    const clicked = Float32Array.from(prompt.samples);
    clicked.set([0.6, -0.5, 0.3], 4000);
    clicked.set([-0.7, 0.4], prompt.samples.length - 4000);
    expect(find(clicked, 8000)).toMatchObject({
      speechStart: find(prompt.samples, 8000).speechStart,
      speechEnd: find(prompt.samples, 8000).speechEnd,
    });
  });

  it('fails safe when speech and noise are too close to tell apart: the speech is all kept', () => {
    for (const seed of [1, 2, 3]) {
      const miss = misses({ sampleRate: 8000, speechDbov: -45, noiseFloorDbov: -50, seed, ...SILENCES });
      expect(miss.start).toBeLessThanOrEqual(0);
      expect(miss.end).toBeLessThanOrEqual(0);
    }
  });

  it('takes a steady signal for speech from end to end, a tone as much as idle noise (as P.56 does)', () => {
    const tone = Float32Array.from({ length: 8000 }, (_, n) => 0.1 * Math.sin((2 * Math.PI * 1000 * n) / 8000));
    const noise = bandLimitedNoise(8000, 8000, -65, seededRandom(9));
    for (const signal of [tone, noise]) {
      expect(find(signal, 8000)).toMatchObject({ speechStart: 0, speechEnd: 8000, leadingSilenceSeconds: 0 });
    }
  });

  it('finds no speech in silence, in an empty stream or in a few samples', () => {
    const none = (seconds: number) => ({
      speechStart: 0,
      speechEnd: 0,
      leadingSilenceSeconds: seconds,
      trailingSilenceSeconds: seconds,
      noiseFloorDbov: null,
    });
    expect(find(new Float32Array(8000), 8000)).toEqual(none(1));
    expect(new SpeechBoundsFinder(8000).result(null)).toEqual(none(0));
    expect(find(Float32Array.of(0.5, -0.5, 0.5), 8000)).toMatchObject({ speechStart: 0, speechEnd: 0 });
  });

  it('gives the same result whatever the block size', () => {
    const { samples } = speechLikePrompt({ sampleRate: 8000, speechDbov: -35, noiseFloorDbov: -65, seed: 10, ...SILENCES });
    const whole = find(samples, 8000, samples.length);
    for (const blockSize of [1, 79, 80, 81, 1000]) expect(find(samples, 8000, blockSize)).toEqual(whole);
  });
});
