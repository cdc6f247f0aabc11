import { describe, expect, it } from 'vitest';
import { mixToMono } from './mix-to-mono.js';

describe('mixToMono', () => {
  it('returns mono input unchanged, without copying', () => {
    const input = Float32Array.from([0.1, 0.2, 0.3]);
    const mono = mixToMono(input, 1, 2, new Float32Array(3));
    expect(mono.buffer).toBe(input.buffer);
    expect(Array.from(mono)).toEqual([input[0], input[1]]);
  });

  it('takes the mean of two channels, so a centred signal keeps its level', () => {
    const mono = mixToMono(Float32Array.from([0.5, 0.5, 1, -1, 0.25, 0]), 2, 3, new Float32Array(3));
    expect(Array.from(mono)).toEqual([0.5, 0, 0.125]);
  });

  it('takes the mean of any number of channels', () => {
    const mono = mixToMono(Float32Array.from([0.3, 0.3, 0.3, 0.6, 0, 0]), 3, 2, new Float32Array(2));
    expect(mono[0]).toBeCloseTo(0.3, 6);
    expect(mono[1]).toBeCloseTo(0.2, 6);
  });
});
