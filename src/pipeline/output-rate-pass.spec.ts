import { describe, expect, it } from 'vitest';
import { waveFile } from '../../test/support/wav-builder.js';
import { openAudio } from '../formats/open-audio.js';
import { concat } from '../stage/chain.js';
import { bytesSource } from '../source/byte-source.js';
import { withKernels } from '../wasm/kernels.js';
import { OutputRatePass } from './output-rate-pass.js';

/** Every output sample of a pass, copied out as it comes; `limit` as check --level and a measuring pass give it. */
async function outputs(file: Uint8Array, outputRate: number, limit?: number): Promise<Float32Array> {
  const audio = await openAudio(bytesSource(file));
  try {
    return await withKernels(async (kernels) => {
      const pass = new OutputRatePass(audio, kernels, { rate: outputRate, rail: 1 }, limit);
      const blocks: Float32Array[] = [];
      await pass.run((block) => {
        blocks.push(block.slice());
      });
      return concat(blocks);
    });
  } finally {
    audio.close();
  }
}

describe('a pass that wants only the first outputs', () => {
  // At the slowest input rate the filters are longest in seconds: the look-ahead must cover what they read.
  it.each([8000, 16000])('decodes enough past them that they are the samples of a whole pass, to %d Hz', async (outputRate) => {
    let state = 7;
    const samples = Float32Array.from({ length: 3000 }, () => {
      state = (state * 1664525 + 1013904223) >>> 0;
      return 0.5 * (state / 2 ** 31 - 1);
    });
    const file = waveFile({ format: 'f32', channels: 1, sampleRate: 1000, samples });
    const wanted = outputRate;
    const whole = await outputs(file, outputRate);
    const limited = await outputs(file, outputRate, wanted);
    expect(limited.length).toBeLessThan(whole.length);
    expect(Array.from(limited.subarray(0, wanted))).toEqual(Array.from(whole.subarray(0, wanted)));
  });
});
