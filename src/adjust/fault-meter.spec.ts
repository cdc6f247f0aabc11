import { describe, expect, it } from 'vitest';
import { cleanPrompt, unevenPrompt, withDc, withHum } from '../../test/support/faulty-prompts.js';
import { ActiveSpeechLevelMeter } from './active-speech-level.js';
import { acquireKernels } from '../wasm/kernels.js';
import { FaultMeter, type Faults } from './fault-meter.js';

/** The kernels of one instance, taken for the whole file: a meter only allocates from them. */
const kernels = await acquireKernels();

function faultsOf(samples: Float32Array, rate = 8000, blocks = [333, 4096, 7]): Faults {
  kernels.reset();
  const meter = new FaultMeter(rate, kernels);
  const level = new ActiveSpeechLevelMeter(rate);
  for (let at = 0, i = 0; at < samples.length; i++) {
    const block = samples.subarray(at, at + blocks[i % blocks.length]);
    meter.push(block);
    level.push(block);
    at += block.length;
  }
  return meter.result(level.result().activeDbov);
}

describe('FaultMeter', () => {
  it('reads a DC offset as the mean, and none in a clean prompt', () => {
    const clean = cleanPrompt(3);
    expect(faultsOf(withDc(clean, 0.02).samples).dcDbfs).toBeCloseTo(20 * Math.log10(0.02), 1);
    expect(faultsOf(clean.samples).dcDbfs ?? -Infinity).toBeLessThan(-60);
  });

  it('hears 50 and 60 Hz hum in the pauses, standing far above their floor, at 8 and 16 kHz', () => {
    for (const rate of [8000, 16000]) {
      for (const hz of [50, 60]) {
        const hum = faultsOf(withHum(cleanPrompt(4, rate), hz, -55).samples, rate).hum;
        expect(hum?.hz).toBe(hz);
        expect(hum?.aboveFloorDb).toBeGreaterThan(20);
        expect(hum?.levelDbov).toBeCloseTo(-55, 0);
      }
    }
  });

  it('reads the same lines at 16 kHz as the same prompt at 8 kHz, to 0.1 dB', () => {
    // the frame's kernel reads the lines from sums of two samples at 8 kHz and of four at 16 kHz
    for (const hz of [50, 150, 240]) {
      const [eight, sixteen] = [8000, 16000].map((rate) => faultsOf(withHum(cleanPrompt(6, rate), hz, -50).samples, rate).hum);
      expect(sixteen?.hz).toBe(hz);
      expect(Math.abs((sixteen?.levelDbov as number) - (eight?.levelDbov as number)), `${hz} Hz`).toBeLessThan(0.1);
    }
  });

  it('gives the 2-second stretches of a prompt whose second half is 12 dB quieter a spread near 12 dB', () => {
    const spread = faultsOf(unevenPrompt(5).samples).spreadDb as number;
    expect(spread).toBeGreaterThan(10);
    expect(spread).toBeLessThan(16);
  });

  it('finds no hum, no offset and no unevenness in 20 clean prompts, at 8 and 16 kHz', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const rate = seed % 2 ? 8000 : 16000;
      const faults = faultsOf(cleanPrompt(seed, rate, -30 + (seed % 7)).samples, rate);
      expect(faults.hum === null || faults.hum.aboveFloorDb < 20, `seed ${seed}: ${JSON.stringify(faults.hum)}`).toBe(true);
      expect(faults.dcDbfs ?? -Infinity).toBeLessThan(-40);
      expect(faults.spreadDb ?? 0, `seed ${seed}: ${faults.stretchLevels}`).toBeLessThan(10);
    }
  });

  it('tells nothing of silence but that it has no speech to measure', () => {
    const faults = faultsOf(new Float32Array(8000 * 3));
    expect(faults).toEqual({ dcDbfs: null, hum: null, stretchLevels: [null, null], spreadDb: null });
  });
});
