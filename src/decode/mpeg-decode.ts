import { MPEGDecoder } from 'mpg123-decoder';
import { VoiceprepError } from '../errors.js';
import { byteChunks } from '../read/byte-chunks.js';
import type { ByteSource } from '../read/byte-source.js';
import type { DecodedChunk, PassContext } from './decoded-source.js';
import { hushed } from './hushed.js';

/** Where the MPEG frames of a file lie, and what the decoder is to make of them. */
export interface MpegStream {
  /** The first frame (ID3v2 tags skipped). */
  start: number;
  /** The end of the last frame (ID3v1, APE and other trailing tags left out). */
  end: number;
  channels: 1 | 2;
  sampleRate: number;
  /**
   * Bytes missing from a last frame cut off by the end of the file. FFmpeg decodes such a frame as if the rest
   * were zeros (which also lets out the last whole frame's overlap, real audio); mpg123 waits for bytes that never
   * come. Feeding this many zeros makes mpg123 do what FFmpeg does.
   */
  missingBytes: number;
}

const READ_BYTES = 64 * 1024;
/**
 * mpg123-decoder returns everything one call decodes in one array: 16 KiB of the lowest bitrate (8 kbps at 8 kHz)
 * is 16 s of audio, 0.5 MB per channel. Smaller calls keep that bounded without costing speed.
 */
const FEED_BYTES = 16 * 1024;

/**
 * One pass of mpg123 over the stream. Gapless decoding stays on: mpg123 reads LAME's delay and padding from the
 * Xing/Info frame and removes them, plus its own 529-sample delay, exactly as FFmpeg does; a file without that
 * frame is decoded whole, as FFmpeg does too. mpg123 always hands over two channels (mono doubled).
 */
export async function* decodeMpeg(source: ByteSource, stream: MpegStream, context: PassContext): AsyncGenerator<DecodedChunk> {
  const decoder = new MPEGDecoder();
  context.own(decoder);
  await decoder.ready;
  let complaints = 0;
  let decodedRate = stream.sampleRate;
  let decodedAny = false;
  let failure: string | null = null;
  let fed = stream.start;
  const decode = (bytes: Uint8Array): DecodedChunk | null => {
    try {
      const decoded = hushed(() => decoder.decode(bytes), () => complaints++);
      fed += bytes.length;
      if (decoded.samplesDecoded === 0) return null;
      if (decoded.sampleRate) decodedRate = decoded.sampleRate;
      decodedAny = true;
      return decoded.channelData.slice(0, stream.channels);
    } catch (error) {
      // A WebAssembly trap on a damaged frame leaves the decoder unusable: what came before it is kept.
      failure = error instanceof Error ? error.message : String(error);
      return null;
    }
  };

  feeding: for await (const bytes of byteChunks(source, stream.start, stream.end, READ_BYTES)) {
    for (let at = 0; at < bytes.length; at += FEED_BYTES) {
      const chunk = decode(bytes.subarray(at, at + FEED_BYTES));
      if (chunk) yield chunk;
      if (failure) break feeding;
    }
  }
  if (stream.missingBytes > 0 && !failure) {
    const chunk = decode(new Uint8Array(stream.missingBytes));
    if (chunk) yield chunk;
  }
  if (failure) {
    const where = `the MPEG stream could not be decoded past byte ${fed} (${failure})`;
    if (!decodedAny) throw new VoiceprepError('malformed', where);
    context.warn('decoder-failed', `${where}; the audio before it is kept`);
  }
  if (complaints > 0) context.warn('damaged-frames', `${complaints} damaged MPEG frame(s) were skipped`);
  if (decodedRate !== stream.sampleRate) {
    context.warn('rate-changed', `the stream changes from ${stream.sampleRate} Hz to ${decodedRate} Hz midway; it is all treated as ${stream.sampleRate} Hz`);
  }
}
