import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { referenceEncode } from '../../test/support/kernel-reference.js';
import { g191AlawCompress, g191UlawCompress } from '../../test/support/g191.js';
import { withKernels } from '../wasm/kernels.js';
import { type EncodeKernel, KernelEncoder } from './kernel-encoder.js';
import { alawFromLinear16 } from '../codecs/g711-alaw.js';

/** Encodes `blocks` one after another with one encoder, as the pipeline does; returns the bytes and the stats. */
function encode(blocks: Float32Array[], encoding: EncodeKernel = 'alaw') {
  return withKernels(async (kernels) => {
    const encoder = new KernelEncoder(kernels, Math.max(1, ...blocks.map((b) => b.length)), encoding);
    const bytes = blocks.flatMap((block) => Array.from(encoder.encode(block)));
    return { bytes, stats: encoder.stats() };
  });
}

const every = Float32Array.from({ length: 65536 + 7 }, (_, i) => ((i % 65536) - 32768) / 32768);

describe('KernelEncoder (the WebAssembly kernel)', () => {
  it('codes all 65536 16-bit values exactly as G.191 alaw_compress, in every lane and in the scalar tail', async () => {
    const { bytes } = await encode([every]);
    const mismatches = bytes.filter((code, i) => code !== g191AlawCompress((i % 65536) - 32768)).length;
    expect(mismatches).toBe(0);
  });

  it('codes all 65536 16-bit values exactly as G.191 ulaw_compress, in every lane and in the scalar tail', async () => {
    const { bytes } = await encode([every], 'ulaw');
    expect(bytes.length).toBe(every.length);
    const mismatches = bytes.filter((code, i) => code !== g191UlawCompress((i % 65536) - 32768)).length;
    expect(mismatches).toBe(0);
  });

  it('writes all 65536 16-bit values as themselves, little-endian, in every lane and in the scalar tail', async () => {
    const { bytes } = await encode([every], 'pcm16');
    const view = new DataView(Uint8Array.from(bytes).buffer);
    expect(bytes.length).toBe(2 * every.length);
    let mismatches = 0;
    for (let i = 0; i < every.length; i++) if (view.getInt16(2 * i, true) !== (i % 65536) - 32768) mismatches++;
    expect(mismatches).toBe(0);
  });

  it('rounds to the nearest 16-bit value, ties up, before compressing', async () => {
    const { bytes } = await encode([Float32Array.from([1000.4 / 32768, -1000.6 / 32768, 0, 0.5 / 32768, -0.5 / 32768, -1.5 / 32768])]);
    expect(bytes).toEqual([1000, -1001, 0, 1, 0, -1].map(alawFromLinear16));
  });

  it('clips to the 16-bit range, counts the clipped samples and keeps the unclipped peak', async () => {
    const { bytes, stats } = await encode([Float32Array.from([1.5, -2, 32767 / 32768, -1])]);
    expect(bytes).toEqual([0xaa, 0x2a, 0xaa, 0x2a]);
    expect(stats).toEqual({ peak: 2, clippedSamples: 2, samples: 4 });
    const pcm = await encode([Float32Array.from([1.5, -2, 32767 / 32768, -1])], 'pcm16');
    expect(pcm.bytes).toEqual([0xff, 0x7f, 0x00, 0x80, 0xff, 0x7f, 0x00, 0x80]);
    expect(pcm.stats).toEqual({ peak: 2, clippedSamples: 2, samples: 4 });
  });

  it('accumulates statistics over blocks of any length', async () => {
    const { stats } = await encode([Float32Array.from([0.5]), new Float32Array(17).fill(-0.75), Float32Array.from([1.25])], 'ulaw');
    expect(stats).toEqual({ peak: 1.25, clippedSamples: 1, samples: 19 });
  });

  for (const encoding of ['alaw', 'ulaw', 'pcm16'] as const) {
    it(`matches the reference bit for bit on random blocks (${encoding}): ties, clip edges, tiny values, every length`, async () => {
      const nearClipping = fc.oneof(fc.integer({ min: -32780, max: -32760 }), fc.integer({ min: 32760, max: 32780 }));
      const steps = fc.oneof(fc.integer({ min: -40000, max: 40000 }), nearClipping);
      const nearTies = steps.map((n) => Math.fround((n + 0.5) / 32768));
      const wholes = steps.map((n) => n / 32768);
      const anyFloat = fc.float({ min: -2, max: 2, noNaN: true });
      const tiny = fc.float({ min: Math.fround(-1e-4), max: Math.fround(1e-4), noNaN: true });
      const block = fc.array(fc.oneof(nearTies, wholes, anyFloat, tiny), { minLength: 0, maxLength: 70 }).map((v) => Float32Array.from(v));
      await fc.assert(
        fc.asyncProperty(fc.array(block, { minLength: 1, maxLength: 4 }), async (blocks) => {
          const { bytes, stats } = await encode(blocks, encoding);
          const reference = referenceEncode(Float32Array.from(blocks.flatMap((b) => Array.from(b))), encoding);
          expect(bytes).toEqual(Array.from(reference.bytes));
          expect(stats.clippedSamples).toBe(reference.clipped);
          expect(stats.peak).toBe(Math.max(reference.highest, -reference.lowest) / 32768);
        }),
        { numRuns: 300, seed: 20261125 },
      );
    });
  }
});
