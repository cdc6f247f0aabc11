import { VoiceprepError } from '../../errors.js';
import type { AudioSource, BlockOptions, PcmBlock, SampleFormat, SourceWarning, StoredSamples } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FormatSummary } from '../../source/format-summary.js';

/** Where a container keeps its samples, and how they are stored: what WAV, AIFF, AU and CAF files have in common. */
export interface SampleBytesLayout {
  format: FormatSummary;
  sampleRate: number;
  channels: number;
  /** How each sample is stored; 's8' (signed 8-bit, as AIFF, AU and CAF store it) is turned into 'u8' for the mixer. */
  sampleFormat: SampleFormat | 's8';
  /** Absolute offset of the first sample byte. */
  dataOffset: number;
  bytesPerFrame: number;
  /** Whole frames the file holds (the header's claim already clamped to the bytes there are). */
  frames: number;
  warnings: SourceWarning[];
}

/**
 * The most channels a container whose header counts them in 32 bits (AU, CAF) may claim: the mixer holds a block of
 * at least one frame of every channel, so a claim of billions would be an allocation of gigabytes. WAV's own limit
 * (16 bits) is far beyond any real file.
 */
export const MAX_STORED_CHANNELS = 0xffff;

/**
 * How signed integer samples of `bytesPerSample` bytes are stored, in the byte order given; null for a width the
 * mixer does not read. Samples narrower than their bytes are left-justified, so they decode as the full width.
 */
export function signedIntegerFormat(bytesPerSample: number, littleEndian: boolean): SampleFormat | 's8' | null {
  const byWidth: Record<number, SampleFormat | 's8'> = littleEndian
    ? { 1: 's8', 2: 's16le', 3: 's24le', 4: 's32le' }
    : { 1: 's8', 2: 's16be', 3: 's24be', 4: 's32be' };
  return byWidth[bytesPerSample] ?? null;
}

/** Stored samples are copied as they are, about this many bytes at a time. */
const COPY_BYTES = 1 << 16;

/**
 * Samples stored as they are (PCM, float, G.711) in one stretch of a file: handed on as bytes, which the mixer's
 * kernels decode and mix in one pass. A file that ends early (it shrank while read) is an error.
 */
export class SampleBytesSource implements AudioSource {
  readonly format: FormatSummary;
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  readonly exactFrames = true;
  readonly warnings: SourceWarning[];
  readonly stored?: StoredSamples;

  constructor(
    private readonly source: ByteSource,
    private readonly layout: SampleBytesLayout,
  ) {
    this.format = layout.format;
    this.sampleRate = layout.sampleRate;
    this.channels = layout.channels;
    this.frames = layout.frames;
    this.warnings = layout.warnings.map(({ code, message }) => ({ code, message }));
    const { sampleFormat, bytesPerFrame } = layout;
    if (sampleFormat !== 's8') {
      const framesPerBlock = Math.max(1, Math.floor(COPY_BYTES / bytesPerFrame));
      this.stored = { sampleFormat, bytes: (maxFrames = Infinity) => this.dataBlocks(bytesPerFrame, Math.min(maxFrames, this.frames), framesPerBlock) };
    }
  }

  close(): void {}

  async *blocks({ blockFrames, maxFrames = Infinity, buffer }: BlockOptions): AsyncIterable<PcmBlock> {
    const { bytesPerFrame, sampleFormat } = this.layout;
    const frames = Math.min(this.frames, maxFrames);
    const signed8 = sampleFormat === 's8';
    // Signed bytes are flipped to unsigned where they lie: in the mixer's input, or in a copy (never in the bytes a
    // caller handed in).
    for await (const read of this.dataBlocks(bytesPerFrame, frames, blockFrames, buffer, signed8)) {
      const bytes = signed8 ? flipSign(read) : read;
      yield { layout: 'interleaved-bytes', bytes, sampleFormat: signed8 ? 'u8' : sampleFormat, channels: this.channels, frames: bytes.length / bytesPerFrame };
    }
  }

  /** The samples in blocks of whole units, read into `buffer` when the source can. */
  private async *dataBlocks(
    bytesPerUnit: number,
    units: number,
    unitsPerBlock: number,
    buffer?: BlockOptions['buffer'],
    mustCopy = false,
  ): AsyncIterable<Uint8Array> {
    const { dataOffset } = this.layout;
    const direct = buffer && this.source.readInto ? this.source.readInto.bind(this.source) : null;
    for (let done = 0; done < units; ) {
      const want = Math.min(unitsPerBlock, units - done);
      const at = dataOffset + done * bytesPerUnit;
      let bytes: Uint8Array;
      if (direct && buffer) {
        const target = buffer(want * bytesPerUnit);
        bytes = target.subarray(0, await direct(at, target));
      } else {
        bytes = await this.source.read(at, want * bytesPerUnit);
        if (mustCopy) bytes = bytes.slice();
      }
      const got = Math.floor(bytes.length / bytesPerUnit);
      if (got === 0) throw new VoiceprepError('io', 'the input ended while it was being read');
      yield bytes.subarray(0, got * bytesPerUnit);
      done += got;
    }
  }
}

function flipSign(bytes: Uint8Array): Uint8Array {
  for (let i = 0; i < bytes.length; i++) bytes[i] ^= 0x80;
  return bytes;
}
