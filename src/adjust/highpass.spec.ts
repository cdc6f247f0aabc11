import { describe, expect, it } from 'vitest';
import { StageChain } from '../stage/chain.js';
import { withKernels } from '../wasm/kernels.js';
import { DEFAULT_HIGHPASS_HZ, HighpassStage, highpassTaps } from './highpass.js';

/** Streams `input` through a fresh stage in blocks of uneven sizes, drain included. */
function run(input: Float32Array, rate: number, cutoff = DEFAULT_HIGHPASS_HZ, sizes = [1, 37, 500, 9000, 3]): Promise<Float32Array> {
  return withKernels(async (kernels) => {
  const stage = new StageChain([new HighpassStage(kernels, cutoff, rate)]);
  const parts: number[] = [];
  let at = 0;
  for (let i = 0; at < input.length; i++) {
    const size = sizes[i % sizes.length];
    parts.push(...stage.flow(input.subarray(at, at + size)));
    at += size;
  }
  parts.push(...stage.drain());
  return Float32Array.from(parts);
  });
}

function tone(hz: number, rate: number, seconds: number, amplitude = 0.5): Float32Array {
  return Float32Array.from({ length: Math.round(rate * seconds) }, (_, n) => amplitude * Math.sin((2 * Math.PI * hz * n) / rate));
}

/** RMS over the middle of a signal, away from its edges. */
function middleRms(signal: Float32Array, rate: number): number {
  const part = signal.subarray(rate / 2, signal.length - rate / 2);
  return Math.sqrt(part.reduce((sum, x) => sum + x * x, 0) / part.length);
}

/** The filter's gain at `hz`, dB, from its taps. */
function responseDb(taps: Float64Array, hz: number, rate: number): number {
  let re = 0;
  let im = 0;
  taps.forEach((tap, k) => {
    re += tap * Math.cos((2 * Math.PI * hz * k) / rate);
    im -= tap * Math.sin((2 * Math.PI * hz * k) / rate);
  });
  return 10 * Math.log10(re * re + im * im);
}

describe('HighpassStage', async () => {
  for (const rate of [8000, 16000]) {
    it(`at ${rate} Hz: a 20 Hz tone and DC come out at least 40 dB down, 300-3400 Hz within 0.1 dB`, async () => {
      const rumble = await run(tone(20, rate, 3), rate);
      expect(20 * Math.log10(middleRms(rumble, rate) / middleRms(tone(20, rate, 3), rate))).toBeLessThan(-40);
      const dc = await run(new Float32Array(rate * 3).fill(0.25), rate);
      expect(20 * Math.log10(middleRms(dc, rate) / 0.25)).toBeLessThan(-40);
      for (const hz of [300, 440, 1000, 2000, 3400]) {
        const input = tone(hz, rate, 2);
        expect(Math.abs(20 * Math.log10(middleRms(await run(input, rate), rate) / middleRms(input, rate)))).toBeLessThan(0.1);
      }
    });
  }

  it('falls at least 24 dB an octave below its cutoff, for any cutoff', async () => {
    for (const cutoff of [50, 100, 200]) {
      const taps = highpassTaps(cutoff, 8000);
      expect(responseDb(taps, cutoff, 8000) - responseDb(taps, cutoff / 2, 8000)).toBeGreaterThan(24);
      expect(responseDb(taps, 3 * cutoff, 8000)).toBeGreaterThan(-0.1);
    }
  });

  it('does not shift the signal: an impulse comes out centred where it went in, and the length is exact', async () => {
    for (const length of [10, 90, 1000, 9000]) {
      const input = new Float32Array(length);
      const at = Math.floor(length / 2);
      input[at] = 1;
      const output = await run(input, 8000);
      expect(output.length).toBe(length);
      let largest = 0;
      output.forEach((x, n) => {
        if (Math.abs(x) > Math.abs(output[largest])) largest = n;
      });
      expect(largest).toBe(at);
      // symmetric around it, as far as the stream reaches on both sides
      for (let k = 1; at + k < length && at - k >= 0; k++) expect(output[at + k]).toBeCloseTo(output[at - k], 6);
    }
  });

  it('keeps speech-band content in place sample for sample (no delay)', async () => {
    const input = tone(1000, 8000, 1);
    const output = await run(input, 8000);
    for (let n = 1000; n < 7000; n += 123) expect(output[n]).toBeCloseTo(input[n], 2);
  });
});
