import type { Kernels } from '../wasm/kernels.js';
import type { EncoderStats, SampleEncoder } from './sample-encoder.js';

/**
 * The last step before the bytes, run by the WebAssembly kernel in src/encode/kernels/alaw-encode.ts: full-scale
 * floats become 16-bit integers (rounded to nearest, clipped and counted), and 16-bit integers become A-law exactly as
 * the ITU-T G.191 reference codes them.
 */
export class AlawEncoder implements SampleEncoder {
  private readonly inputAddress: number;
  private readonly outputAddress: number;
  /** highest (f32), lowest (f32), clipped (i32): kept by the kernel from block to block. */
  private readonly statsAddress: number;
  private count = 0;

  /** `maxBlock`: the most samples one `encode` call is given. */
  constructor(
    private readonly kernels: Kernels,
    private readonly maxBlock: number,
  ) {
    this.inputAddress = kernels.alloc(maxBlock * 4);
    this.outputAddress = kernels.alloc(maxBlock);
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
    this.kernels.exports.alaw_encode(address, this.outputAddress, block.length, this.statsAddress);
    this.count += block.length;
    return this.kernels.u8(this.outputAddress, block.length);
  }

  stats(): EncoderStats {
    const view = new DataView(this.kernels.exports.memory.buffer, this.statsAddress, 12);
    const highest = view.getFloat32(0, true);
    const lowest = view.getFloat32(4, true);
    return { peak: Math.max(highest, -lowest) / 32768, clippedSamples: view.getInt32(8, true), samples: this.count };
  }
}
