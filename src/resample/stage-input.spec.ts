import { describe, expect, it } from 'vitest';
import { withKernels } from '../wasm/kernels.js';
import { StageInput } from './stage-input.js';

describe('StageInput', () => {
  it('holds zeros before the first instant, keeps only what is still needed, and refuses what does not fit', async () => {
    await withKernels(async (kernels) => {
      const input = new StageInput(kernels, 16, -3);
      // indices -3..-1 are the zeros before the first instant
      expect([input.base, input.filled, input.end]).toEqual([-3, 3, 0]);
      input.append(Float32Array.of(1, 2, 3, 4), 4, -3);
      expect(Array.from(kernels.f32(input.address, input.filled))).toEqual([0, 0, 0, 1, 2, 3, 4]);
      // no output reads below index 2 any more: 1 and 2 go, and zeros come after 4
      input.append(null, 2, 2);
      expect([input.base, input.end]).toEqual([2, 6]);
      expect(Array.from(kernels.f32(input.address, input.filled))).toEqual([3, 4, 0, 0]);
      expect(() => input.append(new Float32Array(10), 10, 2, 3)).toThrow(/cannot take 10 more after 4/);
    });
  });
});
