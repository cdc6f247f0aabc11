import { describe, expect, it } from 'vitest';
import { speechLikePrompt } from '../../test/support/speech-like.js';
import { ActiveSpeechLevelMeter } from './active-speech-level.js';
import { LevelAnalyzer, type Levels } from './level-analyzer.js';
import { PeakMeter } from './peak-meter.js';
import { SpeechBoundsFinder } from './speech-bounds.js';
import { trimRange } from './trim-range.js';

function analyse(samples: Float32Array, rate = 8000, blockSize = 4096): Levels {
  const analyzer = new LevelAnalyzer(rate);
  for (let i = 0; i < samples.length; i += blockSize) analyzer.push(samples.subarray(i, i + blockSize));
  return analyzer.result();
}

describe('LevelAnalyzer', () => {
  it('gives what its three meters give, from one pass', () => {
    const { samples } = speechLikePrompt({
      sampleRate: 8000,
      speechDbov: -30,
      seed: 41,
      noiseFloorDbov: -65,
      leadingSilenceSeconds: 1,
    });
    const speech = new ActiveSpeechLevelMeter(8000);
    const peaks = new PeakMeter();
    const bounds = new SpeechBoundsFinder(8000);
    speech.push(samples);
    peaks.push(samples);
    bounds.push(samples);
    const level = speech.result();
    expect(analyse(samples)).toEqual({
      activeDbov: level.activeDbov,
      rmsDbov: level.rmsDbov,
      activityPercent: level.activityPercent,
      ...peaks.result(),
      ...bounds.result(level.activeDbov),
      samples: samples.length,
      sampleRate: 8000,
    });
  });

  // Issue 14: a prompt with 1.5 s of leading and 2 s of trailing low noise, trimmed, has its speech start 0.02 to
  // 0.3 s into the result and end 0.02 to 0.5 s before its end; speech from -16 to -45 dBov must be found.
  it('meets the bar of issue 14 once trimmed', () => {
    for (const speechDbov of [-16, -26, -35, -45]) {
      for (const seed of [1, 2, 3, 4, 5]) {
        const prompt = speechLikePrompt({
          sampleRate: 8000,
          speechDbov,
          seed,
          noiseFloorDbov: -65,
          leadingSilenceSeconds: 1.5,
          trailingSilenceSeconds: 2,
        });
        const levels = analyse(prompt.samples);
        const keep = trimRange(levels);
        const speechStartsAt = (prompt.speechStart - keep.start) / 8000;
        const speechEndsBefore = (keep.end - prompt.speechEnd) / 8000;
        expect(speechStartsAt).toBeGreaterThanOrEqual(0.02);
        expect(speechStartsAt).toBeLessThanOrEqual(0.3);
        expect(speechEndsBefore).toBeGreaterThanOrEqual(0.02);
        expect(speechEndsBefore).toBeLessThanOrEqual(0.5);
      }
    }
  });

  it('gives the same result whatever the block size', () => {
    const { samples } = speechLikePrompt({
      sampleRate: 8000,
      speechDbov: -20,
      seed: 42,
      noiseFloorDbov: -60,
      trailingSilenceSeconds: 1,
    });
    const whole = analyse(samples, 8000, samples.length);
    for (const blockSize of [1, 160, 1023]) expect(analyse(samples, 8000, blockSize)).toEqual(whole);
  });

  it('reports silence as silence', () => {
    expect(analyse(new Float32Array(4000))).toEqual({
      activeDbov: null,
      rmsDbov: null,
      peakDbfs: null,
      activityPercent: 0,
      clippedSamples: 0,
      noiseFloorDbov: null,
      leadingSilenceSeconds: 0.5,
      trailingSilenceSeconds: 0.5,
      speechStart: 0,
      speechEnd: 0,
      samples: 4000,
      sampleRate: 8000,
    });
  });
});
