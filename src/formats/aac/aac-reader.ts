import { aacFormat } from './format.js';
import { recognizesAac } from './signature.js';
import { type AdtsHeader, adtsAudioSpecificConfig, confirmedHeader, parseAdtsHeader } from './adts-header.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat } from '../../source/audio-source.js';
import { DecodedSource } from '../common/decoded-source.js';
import { skipLeadingTags } from '../common/audio-tags.js';
import type { ByteSource } from '../../source/byte-source.js';
import { VoiceprepError } from '../../errors.js';
import type { FormatSummary } from '../../source/format-summary.js';

/**
 * Raw AAC in ADTS frames (.aac, what some TTS services and HLS deliver). Each frame header (ISO/IEC 13818-7)
 * gives the rate, the channels and the frame's length; the payloads go to FAAD2 (aac-decode.ts), loaded only when
 * a file of this format is opened.
 */

const SAMPLES_PER_FRAME = 1024;
/** Frames averaged for the estimate of the duration. */
const SAMPLED_FRAMES = 32;
const READ_BYTES = 64 * 1024;
/** An ADTS frame is at most 8191 bytes (its 13-bit length). */
const MAX_FRAME_BYTES = 8191;
const TRUNCATED = 'the file is cut short in the middle of an AAC frame; what its whole frames hold is converted';

export const aacReader: AudioFormatReader = {
  name: aacFormat.name,
  recognizes: recognizesAac,

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const { first, seconds } = await inspect(source);
    return { format: summarize(first), seconds };
  },

  async open(source: ByteSource, _options: OpenOptions): Promise<AudioSource> {
    const { start, first, seconds } = await inspect(source);
    if (!first) throw new VoiceprepError('malformed', 'no AAC frame header was found where the file says its audio starts');
    const asc = adtsAudioSpecificConfig(first);
    const { openFaad, decodeAac } = await import('../common/aac-decode.js');
    // The output's rate and channels are FAAD2's: twice the header's rate when the stream may carry SBR.
    const faad = await openFaad(asc);
    const { sampleRate, channels } = faad;
    faad.free();
    const warnings = (await endsInsideAFrame(source, start)) ? [{ code: 'truncated', message: TRUNCATED }] : [];
    return new DecodedSource({
      format: { ...summarize(first), sampleRate, channels },
      frames: Math.round((seconds ?? 0) * sampleRate),
      exactFrames: false,
      warnings,
      pass: (context) => decodeAac(asc, adtsPayloads(source, start), { priming: 0 }, context),
    });
  },
};

async function inspect(source: ByteSource): Promise<{ start: number; first: AdtsHeader | null; seconds: number | null }> {
  const start = await skipLeadingTags(source, 0);
  const head = (await source.read(start, 64 * 1024)).slice();
  const first = confirmedHeader(head, 0) ?? parseAdtsHeader(head, 0);
  let frames = 0;
  let bytes = 0;
  let header = first;
  while (header && frames < SAMPLED_FRAMES) {
    frames++;
    bytes += header.frameBytes;
    header = parseAdtsHeader(head, bytes);
  }
  // The average frame of the first ones, over the whole stream: an estimate (AAC is variable bitrate).
  const seconds = first && frames > 0 ? ((source.size - start) / (bytes / frames)) * (SAMPLES_PER_FRAME / first.sampleRate) : null;
  return { start, first, seconds };
}

function summarize(first: AdtsHeader | null): FormatSummary {
  return {
    container: 'AAC',
    encoding: 'AAC',
    formatTag: null,
    extensible: false,
    sampleRate: first?.sampleRate ?? 0,
    channels: first?.channels ?? 0,
    bitsPerSample: null,
  };
}

/**
 * The raw AAC of each frame, its header left off, in order from `start`. Bytes that are not a frame header (junk,
 * a damaged frame, a trailing tag) are stepped over to the next header the following one confirms; the stream
 * ends at the first frame the file cuts short. A frame's declared length never sizes more than 8191 bytes.
 */
async function* adtsPayloads(source: ByteSource, start: number): AsyncGenerator<Uint8Array> {
  let buffer: Uint8Array = new Uint8Array(0);
  let bufferStart = start;
  let at = start;
  let inStep = false;
  for (;;) {
    if (at + MAX_FRAME_BYTES * 2 > bufferStart + buffer.length && bufferStart + buffer.length < source.size) {
      const keep = buffer.subarray(at - bufferStart);
      const more = await source.read(bufferStart + buffer.length, READ_BYTES);
      buffer = concat(keep, more);
      bufferStart = at;
      if (more.length === 0) break;
    }
    const offset = at - bufferStart;
    if (offset + 7 > buffer.length) return;
    const header = parseAdtsHeader(buffer, offset);
    if (header && offset + header.frameBytes > buffer.length) return;
    // In step with the frames, a header is taken as it is (the last one may be followed by a tag); after junk, only
    // one that the next header confirms.
    if (!header || (!inStep && !confirmedHeader(buffer, offset))) {
      inStep = false;
      at++;
      continue;
    }
    inStep = true;
    yield buffer.slice(offset + header.headerBytes, offset + header.frameBytes);
    at += header.frameBytes;
  }
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const joined = new Uint8Array(a.length + b.length);
  joined.set(a);
  joined.set(b, a.length);
  return joined;
}

/**
 * Whether the file ends inside a frame (a download that stopped): the chain of headers found in its last bytes runs
 * past its end. Only the tail is read, whatever the file's length.
 */
async function endsInsideAFrame(source: ByteSource, start: number): Promise<boolean> {
  const tailStart = Math.max(start, source.size - 3 * MAX_FRAME_BYTES);
  const tail = (await source.read(tailStart, source.size - tailStart)).slice();
  for (let from = 0; from < tail.length; from++) {
    if (!confirmedHeader(tail, from)) continue;
    let at = from;
    for (let header = parseAdtsHeader(tail, at); header; header = parseAdtsHeader(tail, at)) at += header.frameBytes;
    return at > tail.length;
  }
  return false;
}
