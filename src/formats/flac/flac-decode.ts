import { FLACDecoder } from '@wasm-audio-decoders/flac';
import CodecParser from 'codec-parser';
import { VoiceprepError } from '../../errors.js';
import { byteChunks } from '../common/byte-chunks.js';
import type { ByteSource } from '../../source/byte-source.js';
import { DECODABLE_FLAC_BITS, type FlacLayout } from './flac-stream.js';
import type { DecodedChunk, PassContext } from '../common/decoded-source.js';
import { hushed } from '../common/hushed.js';

const READ_BYTES = 64 * 1024;

type FlacDecoded = Awaited<ReturnType<FLACDecoder['decodeFrames']>>;

/**
 * One pass of libFLAC (@wasm-audio-decoders/flac) over the frames, which codec-parser cuts out of the byte stream
 * (it finds each frame by its header's CRC-8 and its CRC-16). Frames go to the decoder one at a time, so that
 * what one call returns stays bounded: a frame holds at most 65535 samples, while a few kilobytes of frames of
 * digital silence would otherwise decode to minutes of audio in one array.
 */
export async function* decodeFlac(source: ByteSource, layout: FlacLayout, context: PassContext): AsyncGenerator<DecodedChunk> {
  const decoder = new FLACDecoder();
  context.own(decoder);
  await decoder.ready;
  const parser = new CodecParser('audio/flac', { enableFrameCRC32: false });
  let complaints = 0;
  let decodedAny = false;
  let failure: string | null = null;

  const decode = async (bytes: Uint8Array): Promise<DecodedChunk | null> => {
    try {
      // The decoding happens inside the call; the promise only hands over its result.
      const decoded: FlacDecoded = await hushed(() => decoder.decodeFrames([bytes]), () => complaints++);
      complaints += decoded.errors.length;
      if (decoded.samplesDecoded === 0) return null;
      // A frame of another depth than STREAMINFO's comes out scaled by an undefined divisor: damage, skipped.
      if (!DECODABLE_FLAC_BITS.includes(decoded.bitDepth)) {
        complaints++;
        return null;
      }
      decodedAny = true;
      return toFullScale(decoded);
    } catch (error) {
      failure = error instanceof Error ? error.message : String(error);
      return null;
    }
  };
  // Some frame headers leave the rate or depth to STREAMINFO: libFLAC gets that block first (and no other
  // metadata: a cover picture would only be copied into WebAssembly memory to be skipped there).
  await decode(layout.streamInfoBlock);

  for await (const bytes of byteChunks(source, layout.framesStart, layout.framesEnd, READ_BYTES)) {
    for (const frame of iterate(parser.parseChunk(bytes))) {
      const chunk = await decode(frame.data);
      if (chunk) yield chunk;
      if (failure) break;
    }
    if (failure) break;
  }
  if (!failure) {
    for (const frame of iterate(parser.flush())) {
      const chunk = await decode(frame.data);
      if (chunk) yield chunk;
    }
  }
  if (failure) {
    const where = `the FLAC stream could not be decoded to its end (${failure})`;
    if (!decodedAny) throw new VoiceprepError('malformed', where);
    context.warn('decoder-failed', `${where}; the audio before the damage is kept`);
  }
  if (complaints > 0) context.warn('damaged-frames', `${complaints} damaged FLAC frame(s) were skipped`);
}

/** codec-parser's methods are generators, typed only as iterators. */
function* iterate<T>(iterator: Iterator<T>): Generator<T> {
  for (let step = iterator.next(); !step.done; step = iterator.next()) yield step.value;
}

/**
 * The decoder divides by 2^(bits-1) - 1 (32767 for 16 bits), so full scale comes out a hair above 1.0 and no
 * value matches the same samples read from a WAV file. Multiplying back gives the integer (exactly: a float32
 * holds 24 bits), and dividing by 2^(bits-1) gives what every other reader and FFmpeg give: a FLAC converts to the
 * same bytes as the WAV it was made from.
 */
function toFullScale(decoded: FlacDecoded): DecodedChunk {
  const half = 2 ** (decoded.bitDepth - 1);
  const divisor = half - 1;
  const inverse = 1 / half; // a power of two: multiplying by it is exact, as dividing by `half` was
  for (const channel of decoded.channelData) {
    const length = channel.length;
    if (decoded.bitDepth > 24) {
      for (let i = 0; i < length; i++) channel[i] = Math.round(channel[i] * divisor) * inverse;
      continue;
    }
    // Adding and taking away 1.5 x 2^52 rounds a double to the nearest integer in two additions, where Math.round
    // cost a FLAC conversion 13 % of its CPU. The two differ only on a value exactly halfway, which x * divisor
    // cannot be here: x is the float32 nearest n / divisor, and up to 24 bits no such float32 is a half-integer's
    // worth (n +- 0.5) / divisor. Above 24 bits it can be (-0.5 itself), so those keep Math.round.
    for (let i = 0; i < length; i++) channel[i] = (channel[i] * divisor + ROUNDER - ROUNDER) * inverse;
  }
  return decoded.channelData;
}

/** 1.5 x 2^52: a double this large has no fraction bits, so adding it rounds to an integer (half to even). */
const ROUNDER = 6755399441055744;
