import type { Kernels } from '../wasm/kernels.js';
import type { EncoderStats, SampleEncoder } from './sample-encoder.js';

/** The kernels of src/encode/kernels/sample-encode.ts, by what they write, with the bytes each sample takes. */
export const ENCODE_KERNELS = {
  alaw: { kernel: 'alaw_encode', bytesPerSample: 1 },
  ulaw: { kernel: 'ulaw_encode', bytesPerSample: 1 },
  pcm16: { kernel: 'pcm16_encode', bytesPerSample: 2 },
} as const;

export type EncodeKernel = keyof typeof ENCODE_KERNELS;

/**
 * The last step before the bytes, run by the WebAssembly kernel in src/encode/kernels/sample-encode.ts: full-scale
 * floats become 16-bit integers (rounded to nearest, clipped and counted), and those become A-law or mu-law exactly
 * as the ITU-T G.191 reference codes them, or stay 16-bit (little-endian PCM).
 */
export class KernelEncoder implements SampleEncoder {
  private readonly inputAddress: number;
  private readonly outputAddress: number;
  /** highest (f32), lowest (f32), clipped (i32): kept by the kernel from block to block. */
  private readonly statsAddress: number;
  private readonly run: (src: number, dst: number, count: number, stats: number) => void;
  private readonly width: number;
  private count = 0;

  /** `maxBlock`: the most samples one `encode` call is given. */
  constructor(
    private readonly kernels: Kernels,
    private readonly maxBlock: number,
    encoding: EncodeKernel,
  ) {
    const { kernel, bytesPerSample } = ENCODE_KERNELS[encoding];
    this.run = kernels.exports[kernel];
    this.width = bytesPerSample;
    this.inputAddress = kernels.alloc(maxBlock * 4);
    this.outputAddress = kernels.alloc(maxBlock * bytesPerSample);
    this.statsAddress = kernels.alloc(12);
    kernels.u8(this.statsAddress, 12).fill(0);
  }

  /** Encodes `block`; the bytes returned are valid until the next call. Reads `block` in place when it can. */
  encode(block: Float32Array): Uint8Array {
    if (block.length > this.maxBlock) throw new RangeError(`a block of ${block.length} samples is over the encoder's ${this.maxBlock}`);
    let address = block.byteOffset;
    if (!this.kernels.holds(block)) {
      address = this.inputAddress;
      this.kernels.f32(address, block.length).set(block);
    }
    this.run(address, this.outputAddress, block.length, this.statsAddress);
    this.count += block.length;
    return this.kernels.u8(this.outputAddress, block.length * this.width);
  }

  stats(): EncoderStats {
    const view = new DataView(this.kernels.exports.memory.buffer, this.statsAddress, 12);
    const highest = view.getFloat32(0, true);
    const lowest = view.getFloat32(4, true);
    return { peak: Math.max(highest, -lowest) / 32768, clippedSamples: view.getInt32(8, true), samples: this.count };
  }
}
