import type { ByteSink } from './wave-writer.js';

/**
 * A sink that keeps the file in memory. It starts at the expected size (exact for WAV input, the header's estimate
 * for a compressed one) and grows by doubling when the estimate was short.
 */
export class GrowingBytes implements ByteSink {
  private buffer: Uint8Array;
  private length = 0;

  constructor(expectedBytes: number) {
    this.buffer = new Uint8Array(Math.max(64, expectedBytes));
  }

  write(chunk: Uint8Array): void {
    if (this.length + chunk.length > this.buffer.length) {
      const grown = new Uint8Array(Math.max(this.length + chunk.length, this.buffer.length * 2));
      grown.set(this.buffer.subarray(0, this.length));
      this.buffer = grown;
    }
    this.buffer.set(chunk, this.length);
    this.length += chunk.length;
  }

  rewrite(offset: number, chunk: Uint8Array): void {
    this.buffer.set(chunk, offset);
  }

  /** The bytes written; a view when they fill the buffer exactly (the usual case), else a copy of just them. */
  bytes(): Uint8Array {
    return this.length === this.buffer.length ? this.buffer : this.buffer.slice(0, this.length);
  }
}
