import type { Kernels } from '../wasm/kernels.js';

/** What a decoder kernel reads: G.711 codes through a table of 256 floats, or little-endian 16-bit words. */
export type DecodeKind = { kind: 'table'; table: Float32Array } | { kind: 's16' };

/**
 * Decodes what an encoder wrote back to full-scale floats, by the WebAssembly decode kernels of
 * src/mix/kernels/decode-frames.ts (one channel): the same floats as the codec's `decode` gives (a table's values,
 * or a word times 2^-15), without a loop in JavaScript. Bytes already in the kernels' memory (an encoder's output)
 * are read in place. The floats returned are a view of the kernels' memory, valid until the next call.
 */
export class KernelDecoder {
  private readonly inputAddress: number;
  private readonly outputAddress: number;
  private readonly tableAddress: number;
  /** The most samples one call decodes; callers split larger blocks (see `decode`). */
  readonly maxBlock: number;

  constructor(
    private readonly kernels: Kernels,
    maxBlock: number,
    private readonly how: DecodeKind,
    private readonly width: number,
  ) {
    this.maxBlock = Math.max(1, maxBlock);
    this.inputAddress = kernels.alloc(this.maxBlock * width);
    this.outputAddress = kernels.alloc(this.maxBlock * 4);
    this.tableAddress = how.kind === 'table' ? kernels.alloc(256 * 4) : 0;
    if (how.kind === 'table') kernels.f32(this.tableAddress, 256).set(how.table);
  }

  /** Decodes `encoded` (at most `maxBlock` samples' bytes). */
  decode(encoded: Uint8Array): Float32Array {
    const count = Math.floor(encoded.length / this.width);
    if (count > this.maxBlock) throw new RangeError(`a block of ${count} samples is over the decoder's ${this.maxBlock}`);
    let address = encoded.byteOffset;
    if (!this.kernels.holds(encoded)) {
      address = this.inputAddress;
      this.kernels.u8(address, count * this.width).set(encoded.subarray(0, count * this.width));
    }
    const { exports } = this.kernels;
    if (this.how.kind === 'table') exports.decode_table8(address, this.outputAddress, count, 1, this.tableAddress);
    else exports.decode_s16le(address, this.outputAddress, count, 1);
    return this.kernels.f32(this.outputAddress, count);
  }
}
