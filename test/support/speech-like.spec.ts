import { describe, expect, it } from 'vitest';
import { LevelAnalyzer, type Levels } from '../../src/adjust/level-analyzer.js';
import { resampleSignal } from './resample-signal.js';
import { speechLikePrompt } from './speech-like.js';

function analyse(samples: Float32Array, rate: number): Levels {
  const analyzer = new LevelAnalyzer(rate);
  analyzer.push(samples);
  return analyzer.result();
}


describe('speechLikePrompt', () => {
  it('is the same prompt for the same seed, and another for another', () => {
    const options = { sampleRate: 16000, speechDbov: -26, seed: 3, noiseFloorDbov: -60 };
    const prompt = speechLikePrompt(options);
    const again = speechLikePrompt(options);
    const other = speechLikePrompt({ ...options, seed: 4 });
    // Compared sample by sample: vitest would format whole arrays of this size.
    const same = (a: Float32Array, b: Float32Array) => a.length === b.length && a.every((sample, n) => sample === b[n]);
    expect(same(again.samples, prompt.samples)).toBe(true);
    expect([again.speechStart, again.speechEnd]).toEqual([prompt.speechStart, prompt.speechEnd]);
    expect(same(other.samples, prompt.samples)).toBe(false);
  });

  it('places the speech after the leading silence and leaves the silences digital zero', () => {
    const silences = { leadingSilenceSeconds: 0.5, trailingSilenceSeconds: 1 };
    const prompt = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, ...silences });
    expect(prompt.speechStart).toBe(4000);
    expect(prompt.samples.length - prompt.speechEnd).toBe(8000);
    expect(prompt.samples.subarray(0, 4000).every((sample) => sample === 0)).toBe(true);
    expect(prompt.samples.subarray(prompt.speechEnd).every((sample) => sample === 0)).toBe(true);
    expect(prompt.samples[prompt.speechStart + 40]).not.toBe(0);
  });

  it('is read by P.56 within 0.3 dB of its level, and peaks 2 dB under full scale at -16 dBov', () => {
    for (const seed of [1, 2, 3, 4, 5, 6]) {
      for (const speechDbov of [-16, -45]) {
        const levels = analyse(speechLikePrompt({ sampleRate: 8000, speechDbov, seed }).samples, 8000);
        expect(Math.abs(levels.activeDbov! - speechDbov)).toBeLessThan(0.3);
        expect(levels.peakDbfs! - speechDbov).toBeLessThan(14);
      }
    }
  });

  it('lays a noise floor of the given RMS', () => {
    const silence = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, noiseFloorDbov: -65, leadingSilenceSeconds: 2 });
    const lead = silence.samples.subarray(0, silence.speechStart);
    const rms = Math.sqrt(lead.reduce((sum, sample) => sum + sample * sample, 0) / lead.length);
    expect(20 * Math.log10(rms)).toBeCloseTo(-65, 0);
  });

  it('keeps its level through resampling to 8 kHz, from any rate', async () => {
    for (const sampleRate of [11025, 16000, 22050, 44100, 48000]) {
      const options = { speechDbov: -30, seed: 7, noiseFloorDbov: -65, leadingSilenceSeconds: 0.3 };
      const native = analyse(speechLikePrompt({ sampleRate: 8000, ...options }).samples, 8000);
      const prompt = speechLikePrompt({ sampleRate, ...options });
      const converted = analyse(await resampleSignal(sampleRate, prompt.samples), 8000);
      expect(Math.abs(converted.activeDbov! - native.activeDbov!)).toBeLessThan(0.1);
      expect(Math.abs(converted.noiseFloorDbov! - native.noiseFloorDbov!)).toBeLessThan(0.5);
    }
  });
});
