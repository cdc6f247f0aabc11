import { mp3Format } from './format.js';
import { recognizesMp3 } from './signature.js';
import { DecodedSource, type DecodePass } from '../common/decoded-source.js';
import type { MpegStream } from './mpeg-decode.js';
import { VoiceprepError } from '../../errors.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat, SourceWarning } from '../../source/audio-source.js';
import { skipLeadingTags, trimTrailingTags } from '../common/audio-tags.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FormatSummary } from '../../source/format-summary.js';
import {
  DECODER_DELAY,
  MAX_MPEG_FRAME_BYTES,
  type MpegFrameHeader,
  type StreamTag,
  encodingName,
  findMpegFrame,
  frameBytesRange,
  parseMpegHeader,
  parseStreamTag,
  sameStream,
} from '../common/mpeg-frame.js';

/** How far past the ID3 tags the first frame is looked for: encoders and taggers leave a little junk, not more. */
const FIRST_FRAME_SEARCH_BYTES = 64 * 1024;
/** The end of the stream is walked frame by frame over this many bytes to find a last frame cut short. */
const TAIL_BYTES = 4 * MAX_MPEG_FRAME_BYTES;
/** Zero bytes after the last frame (padding some tools leave) are looked for in windows of this size... */
const ZERO_TAIL_WINDOW_BYTES = 64 * 1024;
/** ...over at most this much of the end: beyond it, the zeros left go to the decoder (and are reported as damage). */
const ZERO_TAIL_SEARCH_BYTES = 1024 * 1024;

/** Everything known about an MPEG audio file before decoding it. */
interface MpegLayout {
  stream: MpegStream;
  header: MpegFrameHeader;
  frames: number;
  exactFrames: boolean;
  warnings: SourceWarning[];
}

/** MPEG-1, 2 and 2.5 audio: layer III decoded by voiceprep's own decoder (layer3-decode.ts), layers I and II by mpg123. */
export const mp3Reader: AudioFormatReader = {
  name: mp3Format.name,
  recognizes: recognizesMp3,

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const layout = await readLayout(source);
    return { format: summarize(layout.header), seconds: layout.frames / layout.header.sampleRate };
  },

  open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    return openMpegStream(source, summarize, options);
  },
};

/**
 * What an MPEG audio stream is and how long (exactly with a LAME tag, else estimated), from its first frames, its
 * Xing/Info tag and its end: up to ~130 KB read, whatever the stream's size.
 */
export async function describeMpegStream(source: ByteSource): Promise<{ header: MpegFrameHeader; frames: number }> {
  const { header, frames } = await readLayout(source);
  return { header, frames };
}

/**
 * Opens an MPEG audio stream: an MP3 file, or the data chunk of a WAVE file that holds one, which `describe`
 * reports as the WAVE file it is.
 */
export async function openMpegStream(
  source: ByteSource,
  describe: (header: MpegFrameHeader) => FormatSummary,
  options: OpenOptions = {},
): Promise<AudioSource> {
  const layout = await readLayout(source);
  const { header, stream } = layout;
  const [{ decodeMpeg }, { decodeLayer3, layer3Decodes }] = await Promise.all([import('./mpeg-decode.js'), import('./layer3-decode.js')]);
  const pass: DecodePass = layer3Decodes(header)
    ? (context) => decodeLayer3(source, stream, header, { bandwidthHz: options.bandwidthHz, mono: options.mono }, context)
    : (context) => decodeMpeg(source, stream, context);
  return new DecodedSource({
    format: describe(header),
    frames: layout.frames,
    exactFrames: layout.exactFrames,
    warnings: layout.warnings,
    pass,
  });
}

/** 'MP3' for every layer, as the reader is named: the encoding says which layer ('MPEG-1 Layer II'). */
function summarize(header: MpegFrameHeader): FormatSummary {
  return {
    container: 'MP3',
    encoding: encodingName(header),
    formatTag: null,
    extensible: false,
    sampleRate: header.sampleRate,
    channels: header.channels,
    bitsPerSample: null,
  };
}

export async function readLayout(source: ByteSource): Promise<MpegLayout> {
  const warnings: SourceWarning[] = [];
  const start = await skipLeadingTags(source, 0);
  let end = await trimTrailingTags(source, start, source.size);
  const head = (await source.read(start, Math.min(FIRST_FRAME_SEARCH_BYTES, end - start))).slice();
  const first = findMpegFrame(head, 0, start + head.length >= end);
  if (!first) {
    const where = start > 0 ? `in the ${head.length} bytes after its ID3 tag` : `in its first ${head.length} bytes`;
    throw new VoiceprepError('malformed', `no MPEG audio frame was found ${where}`);
  }
  if (first.offset > 0) warnings.push({ code: 'junk', message: `${first.offset} byte(s) before the first MPEG frame are skipped` });
  const { header } = first;
  const frameStart = start + first.offset;
  end = await withoutZeroPadding(source, frameStart, end, header);
  const streamBytes = end - frameStart;
  const tag = parseStreamTag(head, first.offset, header);
  const length = streamLength(header, tag, streamBytes, meanFrameBytes(head, first.offset, header));
  const missingBytes = await missingTailBytes(source, frameStart, end, header);
  if (missingBytes > 0) {
    warnings.push({ code: 'truncated', message: `the file ends inside an MPEG frame (${missingBytes} bytes missing), decoded as if they were silence` });
  } else if (tag?.bytes && tag.bytes > streamBytes) {
    warnings.push({ code: 'truncated', message: `the file holds ${streamBytes} of the ${tag.bytes} bytes of MPEG audio its ${tag.kind} tag gives: it was cut short` });
  }
  return {
    stream: {
      start: frameStart,
      end,
      channels: header.channels,
      sampleRate: header.sampleRate,
      missingBytes,
      tagFrame: tag !== null,
      gapless: tag?.gapless ? { ...tag.gapless, frames: tag.frames } : null,
    },
    header,
    frames: length.frames,
    exactFrames: length.exact && missingBytes === 0,
    warnings,
  };
}

/**
 * The stream's length in samples, as the decode will yield it. A Xing/Info tag with LAME's fields gives it exactly
 * (mpg123, like FFmpeg, removes the encoder's delay and padding plus its own 529 samples of delay), if the tag's
 * byte count shows that the file is the one it was written for; otherwise the tag's frame count, or the stream's
 * size over the mean size of its first frames, gives an estimate.
 */
function streamLength(header: MpegFrameHeader, tag: StreamTag | null, streamBytes: number, frameBytes: number): { frames: number; exact: boolean } {
  const { min, max } = frameBytesRange(header);
  const tagFrames = tag?.frames ?? null;
  const plausible = tagFrames !== null && tagFrames > 0 && tagFrames * min <= streamBytes + max && (tagFrames + 1) * max >= streamBytes;
  if (!tag || tagFrames === null || !plausible) {
    return { frames: Math.round((streamBytes / frameBytes) * header.samplesPerFrame), exact: false };
  }
  let frames = tagFrames * header.samplesPerFrame;
  if (tag.gapless) {
    const { delay, padding } = tag.gapless;
    frames -= delay + DECODER_DELAY + Math.max(0, padding - DECODER_DELAY);
  }
  frames = Math.max(0, frames);
  const whole = tag.bytes === streamBytes;
  if (!whole && tag.bytes) frames = Math.round((frames * streamBytes) / tag.bytes);
  return { frames, exact: whole && tag.gapless !== null && tag.kind !== 'VBRI' };
}

/**
 * The mean size of the frames that follow one another from the first within `head` (up to 64 KB of them): a VBR
 * stream without a Xing tag is as long as its size over this, where its first frame's bitrate can be ten times its
 * mean (ffmpeg writing VBR to a pipe). For a CBR stream it is the bitrate's frame size, padding included.
 */
function meanFrameBytes(head: Uint8Array, at: number, first: MpegFrameHeader): number {
  let frames = 0;
  let bytes = 0;
  for (let offset = at; ; ) {
    const header = parseMpegHeader(head, offset);
    if (!header || !sameStream(header, first) || offset + header.frameBytes > head.length) break;
    frames++;
    bytes += header.frameBytes;
    offset += header.frameBytes;
  }
  return frames > 0 ? bytes / frames : first.frameBytes;
}

/**
 * Where the stream ends when zero bytes follow its last frame: padding, not frames, which mpg123 would report as
 * damaged ones. The last frame may itself end in zeros (silence): it ends where its header says, found by following
 * the frames to the first zero of the run.
 */
async function withoutZeroPadding(source: ByteSource, frameStart: number, end: number, first: MpegFrameHeader): Promise<number> {
  const searchFrom = Math.max(frameStart, end - ZERO_TAIL_SEARCH_BYTES);
  let zerosFrom = end;
  for (let windowEnd = end; windowEnd > searchFrom && zerosFrom === windowEnd; windowEnd -= ZERO_TAIL_WINDOW_BYTES) {
    const windowStart = Math.max(searchFrom, windowEnd - ZERO_TAIL_WINDOW_BYTES);
    const window = await source.read(windowStart, windowEnd - windowStart);
    let at = window.length;
    while (at > 0 && window[at - 1] === 0) at--;
    zerosFrom = windowStart + at;
  }
  if (zerosFrom === end) return end;
  return Math.min(end, zerosFrom + (await missingTailBytes(source, frameStart, zerosFrom, first)));
}

/**
 * Bytes missing from the last frame when the file was cut off inside it: found by following the chain of frames
 * (each header where the previous frame ends) through the last few frames to the end of the stream. A chain that
 * stops before the end (junk after the audio) is not a cut frame.
 */
async function missingTailBytes(source: ByteSource, frameStart: number, end: number, first: MpegFrameHeader): Promise<number> {
  const windowStart = Math.max(frameStart, end - TAIL_BYTES);
  const tail = (await source.read(windowStart, end - windowStart)).slice();
  for (let from = 0; from < tail.length; from++) {
    if (tail[from] !== 0xff) continue;
    for (let at = from, links = 0; ; links++) {
      const header = parseMpegHeader(tail, at);
      if (!header || !sameStream(header, first)) break;
      const next = at + header.frameBytes;
      if (next === tail.length) return 0;
      if (next > tail.length) {
        if (links > 0) return next - tail.length;
        break;
      }
      at = next;
    }
  }
  return 0;
}
