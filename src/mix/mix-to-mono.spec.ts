import { describe, expect, it } from 'vitest';
import { mixStereo16ToMono, mixToMono } from './mix-to-mono.js';

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

describe('mixStereo16ToMono', () => {
  it('gives bit for bit what decoding then mixing gives, for every kind of sample pair', () => {
    const words = new Int16Array(4096);
    for (let i = 0; i < words.length; i++) words[i] = ((i * 7919) % 65536) - 32768;
    words.set([-32768, -32768, 32767, 32767, -32768, 32767, 0, -1], 0);
    const bytes = new Uint8Array(words.buffer);
    const fused = new Float32Array(2048);
    expect(mixStereo16ToMono(bytes, fused)).toBe(2048);
    const decoded = Float32Array.from(words, (w) => w / 32768);
    const mixed = mixToMono(decoded, 2, 2048, new Float32Array(2048));
    expect(Array.from(fused)).toEqual(Array.from(mixed));
  });

  it('declines bytes that are not aligned for 16-bit words, leaving them to the general path', () => {
    const bytes = new Uint8Array(9).subarray(1);
    expect(mixStereo16ToMono(bytes, new Float32Array(2))).toBe(-1);
  });
});
