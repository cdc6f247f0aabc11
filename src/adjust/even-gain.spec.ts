import { describe, expect, it } from 'vitest';
import { unevenPrompt } from '../../test/support/faulty-prompts.js';
import { ActiveSpeechLevelMeter } from './active-speech-level.js';
import { EvenMeter, EvenStage, MAX_EVEN_GAIN_DB } from './even-gain.js';

function curveOf(samples: Float32Array, ceilingDbfs = -0.3, noiseFloorDbov: number | null = -65): Float32Array | null {
  const meter = new EvenMeter(8000);
  const level = new ActiveSpeechLevelMeter(8000);
  meter.push(samples);
  level.push(samples);
  return meter.curve(level.result().activeDbov, noiseFloorDbov, ceilingDbfs);
}

describe('EvenMeter and EvenStage', () => {
  it('has no curve for silence', () => {
    expect(curveOf(new Float32Array(8000), -0.3, null)).toBeNull();
  });

  it('raises the quiet half, within its ceiling, and keeps a click in it under the peak ceiling', () => {
    const made = unevenPrompt(7);
    const samples = made.samples.slice();
    samples[made.half + 12000] = 0.5; // a click in the quiet half
    const gains = curveOf(samples, -6) as Float32Array;
    const db = Array.from(gains, (g) => 20 * Math.log10(g));
    expect(Math.max(...db)).toBeGreaterThan(6);
    expect(Math.max(...db)).toBeLessThanOrEqual(MAX_EVEN_GAIN_DB + 1e-6);
    const out = new EvenStage(gains, 80).flow(samples);
    expect(Math.max(...out.map(Math.abs))).toBeLessThanOrEqual(10 ** (-6 / 20) + 1e-6);
  });

  it('gives the same samples whatever the blocks, and none more or fewer', () => {
    const { samples } = unevenPrompt(8);
    const gains = curveOf(samples) as Float32Array;
    const whole = new EvenStage(gains, 80).flow(samples).slice();
    const stage = new EvenStage(gains, 80);
    const pieces: number[] = [];
    for (let at = 0; at < samples.length; at += 777) pieces.push(...stage.flow(samples.subarray(at, at + 777)));
    expect(pieces.length).toBe(samples.length);
    expect(Float32Array.from(pieces)).toEqual(whole);
    // started part-way, as a replay of a window does
    expect(new EvenStage(gains, 80, 5000).flow(samples.subarray(5000, 6000))).toEqual(whole.subarray(5000, 6000));
  });
});
