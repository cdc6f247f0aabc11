import { VoiceprepError } from '../errors.js';
import { canonicalLayout, type WaveLayout } from './canonical-wave.js';

/** Where the finished file goes, in order, one block at a time. A block may be reused once `write` returns. */
export interface ByteSink {
  write(bytes: Uint8Array): void | Promise<void>;
  /**
   * Overwrites bytes written earlier, `offset` bytes from the start of the file. With it, a conversion whose length
   * is only known at the end (a compressed input) streams its samples and fixes the header last; without it, such a
   * conversion holds its output (8000 bytes a second) until the end.
   */
  rewrite?(offset: number, bytes: Uint8Array): void | Promise<void>;
}

/**
 * Writes a profile's canonical WAV (src/write/canonical-wave.ts) around encoded samples that arrive in blocks. With
 * the sample count known in advance the header goes first and the samples stream straight through; otherwise the
 * header is written last (see `ByteSink.rewrite`).
 */
export class CanonicalWaveWriter {
  private written = 0;
  private readonly held: Uint8Array[] = [];
  private started = false;

  /** `samples`: the exact count that will be written, or null when it is only known at the end. */
  constructor(
    private readonly sink: ByteSink,
    private readonly samples: number | null,
    private readonly layout: WaveLayout = canonicalLayout(),
  ) {}

  /** `encoded`: whole samples in the layout's encoding (one byte each for G.711). */
  async write(encoded: Uint8Array): Promise<void> {
    if (encoded.length === 0) return;
    if (!this.started) await this.start();
    this.written += encoded.length / this.layout.bytesPerSample;
    if (this.samples === null && !this.sink.rewrite) this.held.push(encoded.slice());
    else await this.sink.write(encoded);
  }

  /** Completes the file; returns the number of samples written. */
  async finish(): Promise<number> {
    if (!this.started) await this.start();
    if (this.samples !== null && this.written !== this.samples) {
      // Lengths are exact by construction; this only keeps a wrong count from ever reaching a header.
      throw new VoiceprepError('io', `produced ${this.written} of ${this.samples} samples`);
    }
    if (this.samples === null && !this.sink.rewrite) {
      await this.sink.write(this.layout.header(this.written));
      for (const block of this.held) await this.sink.write(block);
    }
    await this.sink.write(this.layout.trailer(this.written));
    if (this.samples === null && this.sink.rewrite) await this.sink.rewrite(0, this.layout.header(this.written));
    return this.written;
  }

  private async start(): Promise<void> {
    this.started = true;
    if (this.samples !== null) await this.sink.write(this.layout.header(this.samples));
    else if (this.sink.rewrite) await this.sink.write(this.layout.header(0));
  }
}
