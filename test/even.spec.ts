import { describe, expect, it } from 'vitest';
import { ActiveSpeechLevelMeter } from '../src/adjust/active-speech-level.js';
import { FLOAT_FROM_ALAW } from '../src/codecs/g711-expand.js';
import { convertBytes } from '../src/pipeline/convert-bytes.js';
import type { ConvertOptions } from '../src/pipeline/convert-options.js';
import { cleanPrompt, unevenPrompt, type Made } from './support/faulty-prompts.js';
import { waveFile } from './support/wav-builder.js';

/**
 * Issue 22's bars for --even, measured with the project's P.56 meter (which reads as the G.191 tool does) on the
 * A-law codes of the written file, decoded as the platform plays them.
 */

function played(file: Uint8Array): Float32Array {
  const count = new DataView(file.buffer, file.byteOffset).getUint32(54, true);
  return Float32Array.from(file.subarray(58, 58 + count), (code) => FLOAT_FROM_ALAW[code]);
}

function activeDbov(samples: Float32Array): number {
  const meter = new ActiveSpeechLevelMeter(8000);
  meter.push(samples);
  return meter.result().activeDbov as number;
}

function rmsDb(samples: Float32Array, spans: [number, number][]): number {
  let energy = 0;
  let count = 0;
  for (const [from, to] of spans) {
    for (let n = from; n < to; n++) energy += samples[n] * samples[n];
    count += to - from;
  }
  return 10 * Math.log10(energy / count);
}

/** The pauses: runs of 0.4 s or more where the clean speech is zero, 0.1 s in from their ends. */
function pauses(speech: Float32Array): [number, number][] {
  const spans: [number, number][] = [];
  let start = -1;
  for (let n = 0; n <= speech.length; n++) {
    const quiet = n < speech.length && speech[n] === 0;
    if (quiet && start < 0) start = n;
    if (!quiet && start >= 0) {
      if (n - start >= 3200) spans.push([start + 800, n - 800]);
      start = -1;
    }
  }
  return spans;
}

async function converted(made: Made, options: ConvertOptions): Promise<Float32Array> {
  const { bytes } = await convertBytes(waveFile({ format: 's16', channels: 1, sampleRate: made.sampleRate, samples: made.samples }), options);
  return played(bytes);
}

describe('convert --even', () => {
  it('brings the halves of a prompt whose second half is 12 dB quieter within 2 dB, without raising its pauses', async () => {
    for (const seed of [1, 2, 3]) {
      const made = unevenPrompt(seed);
      const plain = await converted(made, {});
      const even = await converted(made, { even: true });
      const halves = (s: Float32Array) => [activeDbov(s.subarray(0, made.half)), activeDbov(s.subarray(made.half))];
      const [a0, b0] = halves(plain);
      const [a1, b1] = halves(even);
      const gaps = pauses(made.speech);
      expect(a0 - b0).toBeGreaterThan(11);
      expect(Math.abs(a1 - b1)).toBeLessThanOrEqual(2);
      expect(rmsDb(even, gaps) - rmsDb(plain, gaps)).toBeLessThanOrEqual(3);
      const levelled = await converted(made, { even: true, level: -26 });
      expect(Math.abs(activeDbov(levelled) + 26)).toBeLessThanOrEqual(0.5);
      expect(Math.max(...levelled.map(Math.abs))).toBeLessThan(1);
    }
  });

  it('leaves an even prompt as it is: every 2-second stretch within 0.5 dB', async () => {
    for (const seed of [11, 12, 13, 14, 15]) {
      const made = cleanPrompt(seed, seed % 2 ? 8000 : 16000, -30 + (seed % 5), 12);
      const plain = await converted(made, {});
      const even = await converted(made, { even: true });
      const moves: number[] = [];
      for (let at = 0; at + 8000 <= plain.length; at += 16000) {
        const before = activeDbov(plain.subarray(at, at + 16000));
        if (!Number.isFinite(before)) continue;
        moves.push(activeDbov(even.subarray(at, at + 16000)) - before);
      }
      expect(moves.length).toBeGreaterThan(2);
      for (const move of moves) expect(Math.abs(move)).toBeLessThanOrEqual(0.5);
    }
  });

  it('reaches --level on the file as written, padding included', async () => {
    const tone = Float32Array.from({ length: 8000 }, (_, n) => 0.1 * Math.sin(n / 3));
    const levelled = await converted({ samples: tone, sampleRate: 8000, speech: tone }, { level: -26, pad: [1, 1] });
    expect(levelled.length).toBe(24000);
    expect(Math.abs(activeDbov(levelled) + 26)).toBeLessThanOrEqual(0.1);
  });
});
