import { describe, expect, it } from 'vitest';
import { FadeOutStage } from './fade-out.js';
import { GainStage, gainToPeak } from './gain.js';

describe('GainStage', () => {
  it('scales every sample and holds nothing back', () => {
    const stage = new GainStage(0.5);
    expect(Array.from(stage.flow(Float32Array.from([1, -0.5])))).toEqual([0.5, -0.25]);
    expect(stage.drain().length).toBe(0);
  });

  it('brings a peak to the target level and leaves silence alone', () => {
    expect(20 * Math.log10(0.25 * gainToPeak(0.25, -1))).toBeCloseTo(-1, 10);
    expect(gainToPeak(0, -1)).toBe(1);
  });
});

describe('FadeOutStage', () => {
  it('leaves samples before the fade alone and ramps down to silence at the cut, across blocks', () => {
    const stage = new FadeOutStage(10, 4);
    const ones = () => new Float32Array(4).fill(1);
    const out = [...stage.flow(ones()), ...stage.flow(ones()), ...stage.flow(ones()), ...stage.drain()];
    expect(out.length).toBe(10);
    expect(out.slice(0, 6)).toEqual([1, 1, 1, 1, 1, 1]);
    const fade = out.slice(6, 10);
    for (let i = 1; i < fade.length; i++) expect(fade[i]).toBeLessThan(fade[i - 1]);
    expect(fade[0]).toBeLessThan(1);
    expect(fade[3]).toBeGreaterThan(0);
    expect(fade[3]).toBeLessThan(0.1);
  });

  it('fades a stream shorter than the fade over its whole length', () => {
    const out = new FadeOutStage(2, 400).flow(new Float32Array(3).fill(1));
    expect(out.length).toBe(2);
    expect(out[0]).toBeLessThan(1);
    expect(out[1]).toBeLessThan(out[0]);
  });

  it('holds back only until it knows: a stream that ends at the cut or before passes whole and unchanged', () => {
    for (const total of [3, 9, 10]) {
      const stage = new FadeOutStage(10, 4);
      const out = [...stage.flow(new Float32Array(total).fill(1)), ...stage.drain()];
      expect(out).toEqual(new Array(total).fill(1));
    }
  });

  it('fades the same samples whatever the block sizes, and passes nothing after the cut', () => {
    const signal = Float32Array.from({ length: 50 }, (_, i) => 1 + i / 100);
    const whole = [...new FadeOutStage(30, 8).flow(signal)];
    for (const size of [1, 3, 7, 29]) {
      const stage = new FadeOutStage(30, 8);
      const out: number[] = [];
      for (let at = 0; at < signal.length; at += size) out.push(...stage.flow(signal.subarray(at, at + size)));
      out.push(...stage.drain());
      expect(out).toEqual(whole);
    }
    expect(whole.length).toBe(30);
    expect(whole.slice(0, 22)).toEqual(Array.from(signal.subarray(0, 22)));
  });
});
