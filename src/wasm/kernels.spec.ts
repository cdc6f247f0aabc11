import { describe, expect, it } from 'vitest';
import { acquireKernels, releaseKernels, withKernels } from './kernels.js';

describe('the WebAssembly kernels', () => {
  it('load from the bytes embedded in the build and export every kernel the stages call', async () => {
    await withKernels(async (kernels) => {
      for (const name of ['decode_s16le', 'decode_s24le', 'decode_table8', 'mix_planar', 'fir_bank', 'fir_interpolated', 'alaw_encode', 'peak_magnitude']) {
        expect(typeof (kernels.exports as unknown as Record<string, unknown>)[name], name).toBe('function');
      }
    });
  });

  it('hand out 16-byte aligned buffers, growing the memory as needed, and free them all at once', async () => {
    await withKernels(async (kernels) => {
      const first = kernels.alloc(3);
      const second = kernels.alloc(5 * 1024 * 1024);
      expect(first % 16).toBe(0);
      expect(second % 16).toBe(0);
      expect(second).toBeGreaterThanOrEqual(first + 16);
      expect(kernels.exports.memory.buffer.byteLength).toBeGreaterThanOrEqual(second + 5 * 1024 * 1024);
      kernels.f32(second, 4).set([1, 2, 3, 4]);
      expect(kernels.holds(kernels.f32(second, 4))).toBe(true);
      expect(kernels.holds(new Float32Array(4))).toBe(false);
      kernels.reset();
      expect(kernels.alloc(3)).toBe(first);
    });
  });

  it('give each conversion under way an instance of its own, and reuse instances once released, empty', async () => {
    const a = await acquireKernels();
    const b = await acquireKernels();
    expect(a).not.toBe(b);
    expect(a.exports.memory).not.toBe(b.exports.memory);
    const start = a.alloc(0);
    a.alloc(1000);
    releaseKernels(a);
    const again = await acquireKernels();
    expect(again).toBe(a);
    expect(again.alloc(0)).toBe(start);
    releaseKernels(again);
    releaseKernels(b);
  });
});
