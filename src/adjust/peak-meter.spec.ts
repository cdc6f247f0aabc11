import { describe, expect, it } from 'vitest';
import { FLOAT_FROM_ALAW, linear16FromAlaw } from '../codecs/g711-expand.js';
import { referenceAlawEncode } from '../../test/support/kernel-reference.js';
import { seededRandom } from '../../test/support/mutate-wave.js';
import { withKernels } from '../wasm/kernels.js';
import { ALAW_RAIL, PeakMeter, type PeakLevels } from './peak-meter.js';

function measure(samples: ArrayLike<number>, blockSize = samples.length): PeakLevels {
  const meter = new PeakMeter();
  const block = Float32Array.from(samples);
  for (let i = 0; i < block.length; i += blockSize) meter.push(block.subarray(i, i + blockSize));
  return meter.result();
}

describe('PeakMeter', () => {
  it('gives the sample peak in dBFS, 1.0 being 0 dBFS, and none for silence', () => {
    expect(measure([0.1, -0.5, 0.25]).peakDbfs).toBeCloseTo(-6.0206, 4);
    expect(measure([0, 0, 0]).peakDbfs).toBeNull();
    expect(new PeakMeter().result()).toEqual({ peakDbfs: null, clippedSamples: 0 });
  });

  it('puts the rail where A-law encodes its largest code', () => {
    const top = linear16FromAlaw(0xaa) / 32768; // the largest positive code
    const next = linear16FromAlaw(0xab) / 32768; // the one below it
    expect(top).toBe(32256 / 32768);
    expect(next).toBe(31232 / 32768);
    expect(top).toBeGreaterThanOrEqual(ALAW_RAIL);
    expect(next).toBeLessThan(ALAW_RAIL);
    const encoded = referenceAlawEncode(Float32Array.of(ALAW_RAIL, (ALAW_RAIL * 32768 - 1) / 32768)).bytes;
    expect(Array.from(encoded)).toEqual([0xaa, 0xab]);
  });

  it('does not call a single sample at the rail clipping', () => {
    expect(measure([0.2, 1, 0.2]).clippedSamples).toBe(0);
    expect(measure([0.2, -1, 0.3, 0.99, 0.1]).clippedSamples).toBe(0);
  });

  it('counts every sample of a flat top of two or more on one side', () => {
    expect(measure([0.2, 1, 1, 0.2]).clippedSamples).toBe(2);
    expect(measure([0.2, -1, -1, -1, 0.2, 0.99, 0.99, 0]).clippedSamples).toBe(5);
    expect(measure([1, -1, 1, -1]).clippedSamples).toBe(0);
  });

  it('does not call a run at the rail that moves a flat top: a peak close to full scale, not a clip', () => {
    expect(measure([0.2, -1, -0.98, -1.2, 0.2, 0.99, 1, 0]).clippedSamples).toBe(0);
    // a 200 Hz tone peaking at -0.1 dBFS, at 44.1 kHz: a dozen samples at the rail each time, none held
    const tone = Float32Array.from({ length: 44100 }, (_, n) => Math.round(32392 * Math.sin((2 * Math.PI * 200 * n) / 44100 + 0.3)) / 32768);
    expect(tone.filter((x) => Math.abs(x) >= ALAW_RAIL).length).toBeGreaterThan(1000);
    expect(measure(tone).clippedSamples).toBe(0);
  });

  it('follows a flat top across blocks', () => {
    const samples = [0, 0.5, 1, 1, 1, 0.5, -1, -1, 0];
    for (const blockSize of [1, 2, 3, 4]) expect(measure(samples, blockSize)).toEqual(measure(samples));
    expect(measure(samples, 1).clippedSamples).toBe(5);
  });

  it('counts the same on a clipped sine before encoding as on the A-law file decoded', () => {
    const overdriven = (n: number) => 1.5 * Math.sin((2 * Math.PI * 250 * n) / 8000);
    const clipped = Float32Array.from({ length: 8000 }, (_, n) => Math.max(-1, Math.min(1, overdriven(n))));
    const bytes = referenceAlawEncode(clipped).bytes;
    const decoded = Float32Array.from(bytes, (code) => FLOAT_FROM_ALAW[code]);
    const before = measure(clipped);
    expect(before.clippedSamples).toBeGreaterThan(1000);
    expect(measure(decoded).clippedSamples).toBe(before.clippedSamples);
  });

  it('skips, by the peak kernel, blocks under the rail and counts the same as walking every sample', async () => {
    const random = seededRandom(7);
    const samples = Float32Array.from({ length: 40_003 }, () => (random() * 2 - 1) * 0.9);
    samples.fill(1, 20_001, 20_005); // a flat top across two blocks of 20 003
    samples.fill(-1, 39_990, 40_003);
    await withKernels(async (kernels) => {
      const address = kernels.alloc(samples.length * 4);
      kernels.f32(address, samples.length).set(samples);
      for (const blockSize of [1000, 4097, 20_003]) {
        const meter = new PeakMeter();
        for (let at = 0; at < samples.length; at += blockSize) {
          const block = kernels.f32(address + at * 4, Math.min(blockSize, samples.length - at));
          const peak = kernels.exports.peak_magnitude(block.byteOffset, block.length);
          expect(peak).toBe(block.reduce((top, x) => Math.max(top, Math.abs(x)), 0));
          if (peak < ALAW_RAIL) meter.pushBelowRail(peak);
          else meter.push(block);
        }
        expect(meter.result()).toEqual(measure(samples));
        expect(meter.result().clippedSamples).toBe(17);
      }
      kernels.f32(address, 3).set([0.1, Number.NaN, -0.2]);
      expect(kernels.exports.peak_magnitude(address, 3)).toBeNaN();
    });
  });
});
