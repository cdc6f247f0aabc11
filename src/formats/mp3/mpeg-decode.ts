import { MPEGDecoder } from 'mpg123-decoder';
import { VoiceprepError } from '../../errors.js';
import { byteChunks } from '../common/byte-chunks.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { DecodedChunk, PassContext } from '../common/decoded-source.js';
import { hushed } from '../common/hushed.js';

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
  /** Whether the first frame is a Xing/Info/VBRI tag rather than audio (mpg123 knows it by itself; ours is told). */
  tagFrame: boolean;
  /**
   * LAME's encoder delay and padding when the tag gives them, and the tag's count of audio frames: the decode drops
   * them where mpg123 does (the padding at the end of those frames, even when more frames follow them).
   */
  gapless: { delay: number; padding: number; frames: number | null } | null;
}

const READ_BYTES = 64 * 1024;

/** mpg123's return codes that are not errors: it wants more input, or the stream's format was (re)announced. */
const MPG123_NEED_MORE = -10;
const MPG123_NEW_FORMAT = -11;
/**
 * Errors in a row, with no sample between them, after which the stream is taken to be past decoding: mpg123 reports
 * a damaged frame and goes on, but a read that fails the same way for ever would otherwise never end.
 */
const MAX_ERRORS_IN_A_ROW = 64;

/**
 * What mpg123-decoder's own `decode` uses and its types leave out: its WebAssembly exports and the buffers it
 * allocated in the decoder's memory (mpg123-decoder 1.0.3, which the lock file pins). `decode` copies every frame
 * twice (a slice per channel, then one array per call) in JavaScript that is slow until it is optimized: converting
 * 300 s of MP3 once in a fresh process, that glue took 350 ms of 1.2 s. Reading the output buffer in place takes
 * none of it.
 */
interface DecoderInternals {
  _common: {
    wasm: {
      mpeg_decoder_feed(decoder: number, input: number, length: number): number;
      mpeg_decoder_read(decoder: number, output: number, capacity: number, samples: number, sampleRate: number, error: number): number;
    };
  };
  _decoder: number;
  _input: { ptr: number; len: number; buf: Uint8Array };
  _output: { ptr: number; len: number; buf: Float32Array };
  _samplesDecodedPtr: { ptr: number; buf: Uint32Array };
  _sampleRatePtr: { ptr: number; buf: Uint32Array };
  _errorStringPtr: { ptr: number };
}

/**
 * One pass of mpg123 over the stream. Gapless decoding stays on: mpg123 reads LAME's delay and padding from the
 * Xing/Info frame and removes them, plus its own 529-sample delay, exactly as FFmpeg does; a file without that
 * frame is decoded whole, as FFmpeg does too. mpg123 always hands over two channels (mono doubled). Each chunk is a
 * view of the decoder's output buffer, valid until the next one is asked for.
 */
export async function* decodeMpeg(source: ByteSource, stream: MpegStream, context: PassContext): AsyncGenerator<DecodedChunk> {
  const decoder = new MPEGDecoder();
  context.own(decoder);
  await decoder.ready;
  const internals = decoder as unknown as DecoderInternals;
  const { mpeg_decoder_feed: feed, mpeg_decoder_read: read } = internals._common.wasm;
  const { _input: input, _output: output } = internals;
  let complaints = 0;
  let errorsInARow = 0;
  // mpg123 reports a damaged frame by its return code; anything the build would print on top of that is noise.
  const quiet = () => undefined;
  let decodedRate = stream.sampleRate;
  let decodedAny = false;
  let failure: string | null = null;
  let fed = stream.start;

  /** Feeds `bytes` (at most the input buffer's size) and yields what they complete, frame by frame. */
  function* decode(bytes: Uint8Array): Generator<DecodedChunk> {
    input.buf.set(bytes);
    fed += bytes.length;
    try {
      let code = hushed(() => feed(internals._decoder, input.ptr, bytes.length), quiet);
      while (code !== MPG123_NEED_MORE) {
        internals._samplesDecodedPtr.buf[0] = 0;
        code = hushed(
          () => read(internals._decoder, output.ptr, output.len, internals._samplesDecodedPtr.ptr, internals._sampleRatePtr.ptr, internals._errorStringPtr.ptr),
          quiet,
        );
        const samples = internals._samplesDecodedPtr.buf[0];
        if (samples > 0) {
          errorsInARow = 0;
          decodedAny = true;
          decodedRate = internals._sampleRatePtr.buf[0] || decodedRate;
          yield [output.buf.subarray(0, samples), output.buf.subarray(samples, 2 * samples)].slice(0, stream.channels);
        }
        if (code === 0 || code === MPG123_NEW_FORMAT || code === MPG123_NEED_MORE) continue;
        // mpg123 says a frame was damaged and goes on with the next one
        complaints++;
        if (++errorsInARow >= MAX_ERRORS_IN_A_ROW) throw new Error(`mpg123 stopped making progress (error ${code})`);
      }
    } catch (error) {
      // A WebAssembly trap on a damaged frame leaves the decoder unusable: what came before it is kept.
      failure = error instanceof Error ? error.message : String(error);
    }
  }

  feeding: for await (const bytes of byteChunks(source, stream.start, stream.end, READ_BYTES)) {
    for (let at = 0; at < bytes.length; at += input.len) {
      yield* decode(bytes.subarray(at, at + input.len));
      if (failure) break feeding;
    }
  }
  for (let missing = stream.missingBytes; missing > 0 && !failure; missing -= input.len) {
    yield* decode(new Uint8Array(Math.min(missing, input.len)));
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
