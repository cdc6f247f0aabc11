import { VoiceprepError } from '../../errors.js';
import type { AudioSource, BlockOptions, PcmBlock, SourceWarning } from '../../source/audio-source.js';
import type { FormatSummary } from '../../source/format-summary.js';

/**
 * Decoded audio as the codec decoders hand it over: one array per channel, all of one length, valid until the
 * pass is asked for the next chunk (MP3's are views of the decoder's own output buffer).
 */
export type DecodedChunk = readonly Float32Array[];

/** Something holding WebAssembly memory until it is freed. */
export interface Freeable {
  free(): void;
}

/** What a pass of a decoder may do besides yielding audio. */
export interface PassContext {
  /** Hands over a decoder to be freed when the pass ends, however it ends, or when the source is closed. */
  own(decoder: Freeable): void;
  /** Reports damage the pass decoded around; a later pass reporting the same code replaces the message. */
  warn(code: string, message: string): void;
}

/** One pass over the whole stream from its start, decoding as it is iterated (and no further). */
export type DecodePass = (context: PassContext) => AsyncIterable<DecodedChunk>;

export interface DecodedSourceInit {
  format: FormatSummary;
  frames: number;
  exactFrames: boolean;
  warnings: SourceWarning[];
  pass: DecodePass;
}

/**
 * The `AudioSource` of every codec reader (MP3, FLAC, Vorbis, Opus): each format supplies only its decoding pass,
 * and this cuts what the pass yields into blocks, stops at `maxFrames`, and keeps the promise of an exact length.
 */
export class DecodedSource implements AudioSource {
  readonly format: FormatSummary;
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  readonly exactFrames: boolean;
  readonly warnings: SourceWarning[];
  private readonly pass: DecodePass;
  private readonly live = new Set<Freeable>();
  private closed = false;

  constructor(init: DecodedSourceInit) {
    this.format = init.format;
    this.sampleRate = init.format.sampleRate;
    this.channels = init.format.channels;
    this.frames = init.frames;
    this.exactFrames = init.exactFrames;
    this.warnings = init.warnings;
    this.pass = init.pass;
  }

  async *blocks(options: BlockOptions): AsyncGenerator<PcmBlock> {
    if (this.closed) throw new VoiceprepError('io', 'the audio source was read after it was closed');
    const blockFrames = Math.max(1, Math.floor(options.blockFrames));
    const wanted = options.maxFrames ?? Infinity;
    // An exact length was promised before decoding (the output's size depends on it): never more, never less.
    const limit = this.exactFrames ? Math.min(wanted, this.frames) : wanted;
    const owned: Freeable[] = [];
    const context: PassContext = {
      own: (decoder) => {
        owned.push(decoder);
        this.live.add(decoder);
      },
      warn: (code, message) => this.warn(code, message),
    };
    let yielded = 0;
    try {
      for await (const chunk of this.pass(context)) {
        if (chunk.length === 0 || chunk[0].length === 0) continue;
        const channels = this.matchChannels(chunk);
        const length = channels[0].length;
        for (let at = 0; at < length && yielded < limit; ) {
          const frames = Math.min(blockFrames, length - at, limit - yielded);
          yield { layout: 'planar', channels: channels.map((samples) => samples.subarray(at, at + frames)), frames };
          at += frames;
          yielded += frames;
        }
        if (yielded >= limit) break;
      }
    } finally {
      for (const decoder of owned) this.release(decoder);
    }
    // Not a frame decoded: padding the promised length with silence would pass nothing off as a conversion.
    if (yielded === 0 && limit > 0) {
      const cut = this.warnings.some((warning) => warning.code === 'truncated');
      throw new VoiceprepError(
        'malformed',
        cut ? 'the file is cut short before the end of its first block of audio: it holds no sound' : 'not one block of its audio could be decoded',
      );
    }
    if (this.exactFrames && yielded < limit) {
      this.warn(
        'short-stream',
        `the audio ended after ${yielded} of the ${this.frames} samples its header announced; the rest is silence`,
      );
      yield* silence(this.channels, limit - yielded, blockFrames);
    }
  }

  close(): void {
    this.closed = true;
    for (const decoder of this.live) this.release(decoder);
  }

  private release(decoder: Freeable): void {
    if (!this.live.delete(decoder)) return;
    decoder.free();
  }

  private warn(code: string, message: string): void {
    const existing = this.warnings.find((warning) => warning.code === code);
    if (existing) existing.message = message;
    else this.warnings.push({ code, message });
  }

  /** A stream that changes its channel count midway (joined files) keeps the count it started with. */
  private matchChannels(chunk: DecodedChunk): readonly Float32Array[] {
    if (chunk.length === this.channels) return chunk;
    this.warn('channels-changed', `the stream changes from ${this.channels} to ${chunk.length} channel(s) midway; kept ${this.channels}`);
    return Array.from({ length: this.channels }, (_, channel) => chunk[Math.min(channel, chunk.length - 1)]);
  }
}

const SILENCE_BLOCK_FRAMES = 8192;

async function* silence(channels: number, frames: number, blockFrames: number): AsyncGenerator<PcmBlock> {
  const zeros = new Float32Array(Math.min(blockFrames, SILENCE_BLOCK_FRAMES));
  for (let left = frames; left > 0; ) {
    const count = Math.min(zeros.length, left);
    yield { layout: 'planar', channels: Array.from({ length: channels }, () => zeros.subarray(0, count)), frames: count };
    left -= count;
  }
}
