import { VoiceprepError } from '../errors.js';
import { canonicalHeader, canonicalTrailer } from './canonical-wave.js';

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
 * Writes the canonical A-law WAV (src/write/canonical-wave.ts) around samples that arrive in blocks. With the sample
 * count known in advance the header goes first and the samples stream straight through; otherwise the header is
 * written last (see `ByteSink.rewrite`).
 */
export class CanonicalWaveWriter {
  private written = 0;
  private readonly held: Uint8Array[] = [];
  private started = false;

  /** `samples`: the exact count that will be written, or null when it is only known at the end. */
  constructor(
    private readonly sink: ByteSink,
    private readonly samples: number | null,
  ) {}

  async write(alaw: Uint8Array): Promise<void> {
    if (alaw.length === 0) return;
    if (!this.started) await this.start();
    this.written += alaw.length;
    if (this.samples === null && !this.sink.rewrite) this.held.push(alaw.slice());
    else await this.sink.write(alaw);
  }

  /** Completes the file; returns the number of samples written. */
  async finish(): Promise<number> {
    if (!this.started) await this.start();
    if (this.samples !== null && this.written !== this.samples) {
      // Lengths are exact by construction; this only keeps a wrong count from ever reaching a header.
      throw new VoiceprepError('io', `produced ${this.written} of ${this.samples} samples`);
    }
    if (this.samples === null && !this.sink.rewrite) {
      await this.sink.write(canonicalHeader(this.written));
      for (const block of this.held) await this.sink.write(block);
    }
    await this.sink.write(canonicalTrailer(this.written));
    if (this.samples === null && this.sink.rewrite) await this.sink.rewrite(0, canonicalHeader(this.written));
    return this.written;
  }

  private async start(): Promise<void> {
    this.started = true;
    if (this.samples !== null) await this.sink.write(canonicalHeader(this.samples));
    else if (this.sink.rewrite) await this.sink.write(canonicalHeader(0));
  }
}
