import { VoiceprepError } from '../errors.js';

/**
 * What a block codec needs to know of its stream, which the container declares: a WAV file's fmt chunk (a WaveFormat
 * has every field). A codec knows no container.
 */
export interface BlockFormat {
  /** A human name for the encoding, for messages: 'IMA ADPCM', 'GSM 6.10', ... */
  encodingName: string;
  channels: number;
  bitsPerSample: number;
  /** Bytes per block. */
  blockAlign: number;
  /** The samples per block the container declares, when it declares them (else computed from the block align). */
  samplesPerBlock?: number;
  /** Microsoft ADPCM's predictor coefficient pairs, flattened, when the container lists them. */
  adpcmCoefficients?: readonly number[];
}

/**
 * One shape for the compressed encodings that come in fixed-size blocks (IMA ADPCM, Microsoft ADPCM, GSM 6.10, and
 * Dialogic VOX with blocks of one byte), so that the reader plugs any of them in the same way: read whole blocks,
 * decode them into 16-bit samples, hand those on.
 */
export interface BlockCodec {
  readonly channels: number;
  /** The block align: bytes per block (1 for VOX). */
  readonly bytesPerBlock: number;
  /**
   * Frames a whole block decodes to. Whatever the header says, a block never decodes to more than 5 samples per
   * byte (GSM's 320 in 65 bytes is the most), so buffers sized by the bytes read stay bounded by those bytes.
   */
  readonly framesPerBlock: number;
  /** Frames that `byteCount` bytes of data decode to: the whole blocks, and what a final partial block holds. */
  framesIn(byteCount: number): number;
  /**
   * Decodes the whole blocks in `bytes` into `out` as interleaved 16-bit samples and returns the frames written
   * (`framesIn(bytes.length)`; `out` must have room for them). A final partial block is decoded as far as it goes,
   * so only the last call of a pass may end inside a block.
   */
  decode(bytes: Uint8Array, out: Int16Array): number;
  /**
   * Forgets what the codec carries from block to block (GSM and VOX do), for a new pass from the start; the count
   * of bad block headers starts again too.
   */
  reset(): void;
  /**
   * Blocks so far whose header held a value no encoder writes (an IMA step index over 88, a Microsoft ADPCM
   * predictor outside the table). They are decoded as sox decodes them, with 0 in its place; the count lets the
   * reader warn that the file is damaged.
   */
  readonly badBlockHeaders: number;
}

/**
 * The codec of an encoding whose blocks each start afresh from their own header (IMA and Microsoft ADPCM): all but
 * the decoding of one block is the same for both. `decodeBlock` decodes the `frames` frames of the block at `at`
 * into `out` from `outAt`, interleaved, and says whether the block's header held values an encoder writes.
 */
export function blockByBlockCodec(
  channels: number,
  blockAlign: number,
  framesPerBlock: number,
  framesInPartialBlock: (bytes: number) => number,
  decodeBlock: (bytes: Uint8Array, at: number, frames: number, out: Int16Array, outAt: number) => boolean,
): BlockCodec {
  let badBlockHeaders = 0;
  return {
    channels,
    bytesPerBlock: blockAlign,
    framesPerBlock,
    get badBlockHeaders() {
      return badBlockHeaders;
    },
    framesIn: (byteCount) => framesInBlocks(byteCount, blockAlign, framesPerBlock, framesInPartialBlock),
    decode(bytes: Uint8Array, out: Int16Array): number {
      const frames = framesInBlocks(bytes.length, blockAlign, framesPerBlock, framesInPartialBlock);
      checkRoom(out, frames * channels);
      let written = 0;
      for (let at = 0; written < frames; at += blockAlign) {
        const blockFrames = framesInPartialBlock(Math.min(blockAlign, bytes.length - at));
        if (!decodeBlock(bytes, at, blockFrames, out, written * channels)) badBlockHeaders++;
        written += blockFrames;
      }
      return frames;
    },
    reset() {
      badBlockHeaders = 0;
    },
  };
}

/** Frames in `byteCount` bytes of blocks, given what one block holds and what a cut-off block holds. */
export function framesInBlocks(
  byteCount: number,
  bytesPerBlock: number,
  framesPerBlock: number,
  framesInPartialBlock: (bytes: number) => number,
): number {
  const wholeBlocks = Math.floor(byteCount / bytesPerBlock);
  const rest = byteCount - wholeBlocks * bytesPerBlock;
  return wholeBlocks * framesPerBlock + (rest > 0 ? framesInPartialBlock(rest) : 0);
}

/** Throws when a caller hands `decode` an output array too small for what the bytes decode to. */
export function checkRoom(out: Int16Array, samples: number): void {
  if (out.length < samples) throw new RangeError(`the output holds ${out.length} samples; ${samples} are needed`);
}

/**
 * Frames per block: wSamplesPerBlock when the fmt chunk gives it (an encoder may leave the end of each block
 * unused, and sox then decodes only that many), else all that the block holds. A claim of more than the block can
 * hold contradicts the block align, and nothing says which of the two is wrong.
 */
export function framesPerBlockOf(format: BlockFormat, capacity: number): number {
  const declared = format.samplesPerBlock;
  if (declared === undefined || declared === 0) return capacity;
  if (declared > capacity) {
    throw new VoiceprepError(
      'malformed',
      `the fmt chunk declares ${declared} samples per block, but ${format.encodingName} blocks of ${format.blockAlign} bytes ` +
        `hold at most ${capacity}`,
    );
  }
  return declared;
}

/** A block must at least hold its own header: one per channel. */
export function checkHeaderFits(format: BlockFormat, headerBytesPerChannel: number): void {
  const needed = headerBytesPerChannel * format.channels;
  if (format.blockAlign < needed) {
    throw new VoiceprepError(
      'malformed',
      `${format.encodingName} blocks of ${format.blockAlign} bytes cannot hold their ${needed}-byte header ` +
        `(${format.channels} channel${format.channels === 1 ? '' : 's'})`,
    );
  }
}

/** Block headers are little-endian, whatever the container (sox reads them so in RIFX files too). */
export function readInt16LE(bytes: Uint8Array, at: number): number {
  return ((bytes[at] | (bytes[at + 1] << 8)) << 16) >> 16;
}

export function clamp16(value: number): number {
  return value > 32767 ? 32767 : value < -32768 ? -32768 : value;
}
