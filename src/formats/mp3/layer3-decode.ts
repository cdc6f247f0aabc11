import { LAYER3_WASM_BASE64 } from './layer3-bytes.generated.js';
import { byteChunks } from '../common/byte-chunks.js';
import { DECODER_DELAY, MAX_MPEG_FRAME_BYTES, type MpegFrameHeader, findMpegFrame, parseMpegHeader, sameStream } from '../common/mpeg-frame.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { DecodedChunk, PassContext } from '../common/decoded-source.js';
import type { MpegStream } from './mpeg-decode.js';
import { VoiceprepError } from '../../errors.js';

/** What voiceprep's own Layer III decoder (kernels/decoder.ts, a port of minimp3) exports. */
interface Layer3Exports {
  memory: WebAssembly.Memory;
  mp3_input(): number;
  mp3_input_bytes(): number;
  mp3_output(): number;
  mp3_output_stride(): number;
  mp3_output_channels(): number;
  mp3_reset(): void;
  mp3_decode_frame(bytes: number, bands: number, mono: number): number;
}

/** What the decode is asked for beyond the stream: how much of the band, and whether the channels' mean will do. */
export interface Layer3Options {
  /** The highest frequency the output needs (Hz); undefined: all of it. */
  bandwidthHz?: number;
  /** The caller mixes the channels to their mean: the decoder may fold them itself and hand the mean to each. */
  mono?: boolean;
  /** Folds every granule as if its channels' windows differed (the specs check that path on LAME's streams). */
  separateWindows?: boolean;
}

const READ_BYTES = 64 * 1024;
/**
 * Decoded samples are handed over in chunks of about this many (eight MPEG-1 frames): every chunk costs each stage
 * of the pipeline a call, and one frame a chunk made those calls a third of an MP3 conversion's time.
 */
const CHUNK_SAMPLES = 8 * 1152;
const SUBBANDS = 32;

let compiled: Promise<WebAssembly.Module> | null = null;

/** Every Layer III stream is decoded here (its accuracy: layer3-decode.spec.ts), layers I and II by mpg123. */
const OWN_LAYER3 = true;

/** Whether this decoder handles the stream: Layer III (MPEG-1, 2 and 2.5); layers I and II stay with mpg123. */
export function layer3Decodes(header: MpegFrameHeader): boolean {
  return OWN_LAYER3 && header.layer === 3;
}

/**
 * The subbands to keep for `bandwidthHz` at `sampleRate`: those that reach the band, plus one so that the alias
 * cancellation of the filterbank stays exact below the band's edge (the leftovers of the top kept subband fold
 * above it, where the resampler's stopband removes them).
 */
export function subbandsFor(sampleRate: number, bandwidthHz: number | undefined): number {
  if (bandwidthHz === undefined || !(bandwidthHz > 0)) return SUBBANDS;
  const width = sampleRate / 2 / SUBBANDS;
  return Math.min(SUBBANDS, Math.ceil(bandwidthHz / width) + 1);
}

async function instantiate(): Promise<Layer3Exports> {
  if (!compiled) compiled = WebAssembly.compile(bytesOfBase64(LAYER3_WASM_BASE64));
  const instance = await WebAssembly.instantiate(await compiled, {});
  return instance.exports as unknown as Layer3Exports;
}

/**
 * One pass of the decoder over the stream, frame by frame, trimmed as mpg123 trims it: a Xing/Info frame is not
 * audio, and with LAME's gapless fields the encoder's delay plus the decoder's 529 samples are dropped at the start,
 * and the padding less those 529 at the end of the frames the tag counts. Where no frame of the stream begins, the
 * bytes are skipped to the next frame that the one after it confirms, as mpg123 does, and reported as damage.
 */
export async function* decodeLayer3(
  source: ByteSource,
  stream: MpegStream,
  first: MpegFrameHeader,
  options: Layer3Options,
  context: PassContext,
): AsyncGenerator<DecodedChunk> {
  const wasm = await instantiate();
  wasm.mp3_reset();
  const bands = subbandsFor(stream.sampleRate, options.bandwidthHz);
  const fold = stream.channels === 2 && options.mono === true;
  const inputAt = wasm.mp3_input();
  const capacity = wasm.mp3_input_bytes();
  const { gapless } = stream;
  // What mpg123 drops, in samples counted from the first audio frame: the start, and the end of the tagged frames.
  const skip = gapless ? gapless.delay + DECODER_DELAY : 0;
  const cutTo = gapless?.frames ? gapless.frames * first.samplesPerFrame : 0;
  const cutFrom = gapless ? Math.max(skip, cutTo - Math.max(0, gapless.padding - DECODER_DELAY)) : 0;
  let position = 0;
  let tagFrame = stream.tagFrame;
  let damaged = 0;
  let decodedAny = false;
  let lost = false;

  /** Decodes the frame of `length` bytes at `at` in `bytes`; the chunk to hand over, if any. */
  function frame(bytes: Uint8Array, at: number, length: number): DecodedChunk | null {
    if (tagFrame) {
      tagFrame = false;
      return null;
    }
    if (length > capacity) {
      damaged++;
      return null;
    }
    new Uint8Array(wasm.memory.buffer, inputAt, length).set(bytes.subarray(at, at + length));
    const samples = wasm.mp3_decode_frame(length, bands, fold ? (options.separateWindows ? 2 : 1) : 0);
    if (samples === 0) {
      damaged++;
      return null;
    }
    decodedAny = true;
    const start = position;
    position += samples;
    const from = Math.min(samples, Math.max(0, skip - start));
    const to = cutFrom < start + samples && cutTo > start ? Math.max(from, cutFrom - start) : samples;
    if (to === from) return null;
    const out = wasm.mp3_output();
    const count = to - from;
    // folded, or a mono frame in a stereo stream: the one channel is both
    const right = wasm.mp3_output_channels() === 1 ? out : out + wasm.mp3_output_stride() * 4;
    let full: DecodedChunk | null = null;
    if (filled + count > CHUNK_SAMPLES) full = flush();
    batch[0].set(new Float32Array(wasm.memory.buffer, out + from * 4, count), filled);
    if (stream.channels === 2 && !fold) batch[1].set(new Float32Array(wasm.memory.buffer, right + from * 4, count), filled);
    filled += count;
    return full;
  }

  // Chunks are views of two buffers that alternate, so that one handed over stays valid until the next is asked for.
  const buffers = [0, 1].map(() => Array.from({ length: stream.channels }, () => new Float32Array(CHUNK_SAMPLES + 1152)));
  let batch = buffers[0];
  let filled = 0;
  function flush(): DecodedChunk | null {
    if (filled === 0) return null;
    const chunk = batch.map((channel) => channel.subarray(0, filled));
    batch = batch === buffers[0] ? buffers[1] : buffers[0];
    filled = 0;
    return fold ? [chunk[0], chunk[0]] : chunk;
  }

  let pending = new Uint8Array(0);
  const chunks = byteChunks(source, stream.start, stream.end, READ_BYTES);
  for (let done = false; !done; ) {
    const next = await chunks.next();
    let bytes: Uint8Array;
    if (next.done) {
      done = true;
      // a last frame cut short is decoded as if its missing bytes were zeros, as FFmpeg (and mpg123 here) does
      bytes = concat(pending, new Uint8Array(stream.missingBytes));
    } else {
      bytes = pending.length > 0 ? concat(pending, next.value) : next.value;
    }
    let at = 0;
    while (at + 4 <= bytes.length) {
      const header = parseMpegHeader(bytes, at);
      if (header && sameStream(header, first) && at + header.frameBytes <= bytes.length) {
        const chunk = frame(bytes, at, header.frameBytes);
        at += header.frameBytes;
        if (chunk) yield chunk;
        continue;
      }
      if (header && sameStream(header, first) && !done) break; // the frame's end is in the next chunk
      // not a frame of this stream here: skip to the next one that the frame after it confirms
      if (!lost) damaged++;
      lost = true;
      const found = findMpegFrame(bytes, at + 1, done);
      if (!found) {
        at = done ? bytes.length : Math.max(at + 1, bytes.length - 2 * MAX_MPEG_FRAME_BYTES);
        break;
      }
      at = found.offset;
      lost = false;
    }
    pending = bytes.slice(at);
  }
  const last = flush();
  if (last) yield last;
  if (!decodedAny) throw new VoiceprepError('malformed', 'the MPEG stream could not be decoded: not one of its frames is whole');
  if (damaged > 0) context.warn('damaged-frames', `${damaged} damaged MPEG frame(s) were skipped`);
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

function bytesOfBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
