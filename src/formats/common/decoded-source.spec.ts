import { describe, expect, it } from 'vitest';
import { isVoiceprepError } from '../../errors.js';
import type { FormatSummary } from '../../source/format-summary.js';
import { type DecodePass, DecodedSource } from './decoded-source.js';

const FORMAT: FormatSummary = {
  container: 'test', encoding: 'test', formatTag: null, extensible: false, sampleRate: 8000, channels: 1, bitsPerSample: null,
};

/** A pass yielding chunks of the given lengths (sample values count up), with a decoder whose freeing is seen. */
function passOf(lengths: number[], freed: string[], channels = 1): DecodePass {
  return async function* (context) {
    context.own({ free: () => freed.push('decoder') });
    let value = 0;
    for (const length of lengths) {
      const samples = Float32Array.from({ length }, () => value++);
      yield Array.from({ length: channels }, () => samples);
    }
  };
}

async function collect(source: DecodedSource, blockFrames: number, maxFrames?: number): Promise<{ sizes: number[]; samples: number[] }> {
  const sizes: number[] = [];
  const samples: number[] = [];
  for await (const block of source.blocks({ blockFrames, maxFrames })) {
    if (block.layout !== 'planar') throw new Error('planar expected');
    sizes.push(block.frames);
    samples.push(...block.channels[0]);
  }
  return { sizes, samples };
}

describe('DecodedSource', () => {
  it('cuts what the pass yields into blocks of at most blockFrames, and stops at maxFrames', async () => {
    const freed: string[] = [];
    const source = new DecodedSource({ format: FORMAT, frames: 25, exactFrames: false, warnings: [], pass: passOf([10, 15], freed) });
    expect((await collect(source, 4)).sizes).toEqual([4, 4, 2, 4, 4, 4, 3]);
    const partial = await collect(source, 4, 6);
    expect(partial.samples).toEqual([0, 1, 2, 3, 4, 5]);
    expect(freed).toEqual(['decoder', 'decoder']);
  });

  it('keeps an exact length promised before decoding: a short stream ends in silence, with a warning', async () => {
    const source = new DecodedSource({ format: FORMAT, frames: 30, exactFrames: true, warnings: [], pass: passOf([10, 5], []) });
    const { samples } = await collect(source, 8);
    expect(samples).toHaveLength(30);
    expect(samples.slice(14)).toEqual([14, ...new Array(15).fill(0)]);
    expect(source.warnings.map((warning) => warning.code)).toEqual(['short-stream']);
    // A second pass reports the same, once.
    await collect(source, 8);
    expect(source.warnings).toHaveLength(1);
  });

  it('but a stream of which nothing decodes is malformed, not a file of silence', async () => {
    const source = new DecodedSource({ format: FORMAT, frames: 30, exactFrames: true, warnings: [], pass: passOf([0], []) });
    const refusal = await collect(source, 8).catch((error: unknown) => error);
    expect(isVoiceprepError(refusal) && refusal.code).toBe('malformed');
  });

  it('and a long one is cut where the header said it ends', async () => {
    const source = new DecodedSource({ format: FORMAT, frames: 12, exactFrames: true, warnings: [], pass: passOf([10, 10], []) });
    expect((await collect(source, 100)).samples).toHaveLength(12);
  });

  it('keeps the channel count it started with when the stream changes it', async () => {
    const source = new DecodedSource({ format: { ...FORMAT, channels: 2 }, frames: 4, exactFrames: false, warnings: [], pass: passOf([4], [], 1) });
    for await (const block of source.blocks({ blockFrames: 10 })) expect(block.layout === 'planar' && block.channels).toHaveLength(2);
    expect(source.warnings.map((warning) => warning.code)).toEqual(['channels-changed']);
  });

  it('frees the decoder of a pass left midway, when the source is closed', async () => {
    const freed: string[] = [];
    const source = new DecodedSource({ format: FORMAT, frames: 20, exactFrames: false, warnings: [], pass: passOf([10, 10], freed) });
    const iterator = source.blocks({ blockFrames: 5 })[Symbol.asyncIterator]();
    await iterator.next();
    expect(freed).toEqual([]);
    source.close();
    expect(freed).toEqual(['decoder']);
    source.close();
    expect(freed).toEqual(['decoder']);
  });
});
