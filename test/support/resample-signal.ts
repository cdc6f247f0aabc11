import { concat } from '../../src/stage/chain.js';
import { createResampler } from '../../src/resample/create-resampler.js';
import { withKernels } from '../../src/wasm/kernels.js';

/**
 * Runs a whole signal through a fresh resampler to `outputRate`, split into blocks of the given sizes (cycled), the
 * way the pipeline feeds it. Outputs are copied out of the kernels' memory as they come.
 */
export function resampleSignal(rate: number, input: Float32Array, blockSizes: number[] = [8192], outputRate = 8000): Promise<Float32Array> {
  const largest = Math.max(1, ...blockSizes);
  return withKernels(async (kernels) => {
    const resampler = createResampler(kernels, rate, outputRate, largest);
    const parts: Float32Array[] = [];
    for (let at = 0, i = 0; at < input.length; i++) {
      const size = Math.max(1, blockSizes[i % blockSizes.length]);
      parts.push(resampler.flow(input.subarray(at, at + size)).slice());
      at += size;
    }
    parts.push(resampler.drain().slice());
    return concat(parts);
  });
}
