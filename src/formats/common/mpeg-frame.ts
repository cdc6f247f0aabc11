import { ascii } from './ascii.js';

/**
 * MPEG audio frame headers (MPEG-1, MPEG-2 and MPEG-2.5; layers I, II and III), after ISO/IEC 11172-3 and
 * 13818-3, and the tags encoders put in the first frame (Xing/Info with LAME's extension, and Fraunhofer's VBRI)
 * that give a file's length without reading it all.
 */

export type MpegVersion = '1' | '2' | '2.5';

export interface MpegFrameHeader {
  version: MpegVersion;
  layer: 1 | 2 | 3;
  bitrate: number;
  sampleRate: number;
  channels: 1 | 2;
  /** Bytes from this header to the next one. */
  frameBytes: number;
  samplesPerFrame: number;
}

export const MPEG_HEADER_BYTES = 4;
/** The largest frame any header can describe (layer II at 384 kbps and 8 kHz would be more, but is not allowed). */
export const MAX_MPEG_FRAME_BYTES = 2881;

const BITRATES_KBPS: Record<'1' | '2', Record<1 | 2 | 3, readonly number[]>> = {
  '1': {
    1: [0, 32, 64, 96, 128, 160, 192, 224, 256, 288, 320, 352, 384, 416, 448],
    2: [0, 32, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320, 384],
    3: [0, 32, 40, 48, 56, 64, 80, 96, 112, 128, 160, 192, 224, 256, 320],
  },
  '2': {
    1: [0, 32, 48, 56, 64, 80, 96, 112, 128, 144, 160, 176, 192, 224, 256],
    2: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
    3: [0, 8, 16, 24, 32, 40, 48, 56, 64, 80, 96, 112, 128, 144, 160],
  },
};

const SAMPLE_RATES: Record<MpegVersion, readonly number[]> = {
  '1': [44100, 48000, 32000],
  '2': [22050, 24000, 16000],
  '2.5': [11025, 12000, 8000],
};

const VERSIONS: ReadonlyArray<MpegVersion | null> = ['2.5', null, '2', '1'];
const LAYERS: ReadonlyArray<1 | 2 | 3 | null> = [null, 3, 2, 1];

/**
 * The header at `at`, or null when those four bytes are not a usable one. Free-format streams (bitrate index 0)
 * are refused: their frame length is not in the header, and no encoder in use writes them.
 */
export function parseMpegHeader(bytes: Uint8Array, at: number): MpegFrameHeader | null {
  if (at < 0 || at + MPEG_HEADER_BYTES > bytes.length) return null;
  const b1 = bytes[at + 1];
  const b2 = bytes[at + 2];
  if (bytes[at] !== 0xff || (b1 & 0xe0) !== 0xe0) return null;
  const version = VERSIONS[(b1 >> 3) & 3];
  const layer = LAYERS[(b1 >> 1) & 3];
  const bitrateIndex = b2 >> 4;
  const rateIndex = (b2 >> 2) & 3;
  if (!version || !layer || bitrateIndex === 0 || bitrateIndex === 15 || rateIndex === 3) return null;
  const bitrate = BITRATES_KBPS[version === '1' ? '1' : '2'][layer][bitrateIndex] * 1000;
  const sampleRate = SAMPLE_RATES[version][rateIndex];
  const padding = (b2 >> 1) & 1;
  const channels = bytes[at + 3] >> 6 === 3 ? 1 : 2;
  const frameBytes = frameBytesAt(version, layer, bitrate, sampleRate, padding);
  return { version, layer, bitrate, sampleRate, channels, frameBytes, samplesPerFrame: samplesPerFrame(version, layer) };
}

function samplesPerFrame(version: MpegVersion, layer: 1 | 2 | 3): number {
  if (layer === 1) return 384;
  if (layer === 2 || version === '1') return 1152;
  return 576;
}

/**
 * The smallest and largest frame a stream of this version, layer and rate can have (the lowest bitrate without
 * padding, the highest with it): what a frame count in a tag can be checked against.
 */
export function frameBytesRange(header: MpegFrameHeader): { min: number; max: number } {
  const { version, layer, sampleRate } = header;
  const bitrates = BITRATES_KBPS[version === '1' ? '1' : '2'][layer];
  return {
    min: frameBytesAt(version, layer, bitrates[1] * 1000, sampleRate, 0),
    max: frameBytesAt(version, layer, bitrates[14] * 1000, sampleRate, 1),
  };
}

/** Layer I counts in 4-byte slots; layer III of MPEG-2 and 2.5 has half the samples per frame, so half the bytes. */
function frameBytesAt(version: MpegVersion, layer: 1 | 2 | 3, bitrate: number, sampleRate: number, padding: number): number {
  if (layer === 1) return (Math.floor((12 * bitrate) / sampleRate) + padding) * 4;
  const factor = layer === 3 && version !== '1' ? 72 : 144;
  return Math.floor((factor * bitrate) / sampleRate) + padding;
}

/** Two headers of one stream agree on these; the padding bit, the bitrate and the channel mode may change. */
export function sameStream(a: MpegFrameHeader, b: MpegFrameHeader): boolean {
  return a.version === b.version && a.layer === b.layer && a.sampleRate === b.sampleRate;
}

/**
 * The first frame in `bytes` at or after `from` that the next frame confirms (a lone 0xFFE pattern inside a tag
 * or a picture is not a stream). A frame whose successor lies past the end of `bytes` is accepted only when
 * `endsHere` (the bytes are all there is) and the frame itself ends within them.
 */
export function findMpegFrame(bytes: Uint8Array, from: number, endsHere: boolean): { offset: number; header: MpegFrameHeader } | null {
  for (let at = Math.max(0, from); at + MPEG_HEADER_BYTES <= bytes.length; at++) {
    if (bytes[at] !== 0xff) continue;
    const header = parseMpegHeader(bytes, at);
    if (!header) continue;
    const next = at + header.frameBytes;
    if (next + MPEG_HEADER_BYTES <= bytes.length) {
      const following = parseMpegHeader(bytes, next);
      if (following && sameStream(header, following)) return { offset: at, header };
    } else if (endsHere && next <= bytes.length) {
      return { offset: at, header };
    }
  }
  return null;
}

/**
 * Whether `head`, a file's first bytes (`whole`: the file is no longer), holds an MPEG audio stream: a frame that
 * the next one confirms, or one whole frame that is the whole file (no second frame can confirm it; its end does).
 */
export function holdsMpegStream(head: Uint8Array, whole: boolean): boolean {
  return findMpegFrame(head, 0, false) !== null || (whole && parseMpegHeader(head, 0)?.frameBytes === head.length);
}

export interface GaplessInfo {
  /** Samples the encoder put before the audio (LAME's "encoder delay"), not counting the decoder's 529. */
  delay: number;
  /** Samples the encoder added after the audio to fill the last frame. */
  padding: number;
}

/** What the first frame's Xing/Info or VBRI tag says about the stream. Such a frame holds no audio. */
export interface StreamTag {
  kind: 'Xing' | 'Info' | 'VBRI';
  /** Audio frames in the stream, not counting the tag's own frame. */
  frames: number | null;
  /** Bytes of the stream, the tag's own frame included. */
  bytes: number | null;
  /** LAME's (or FFmpeg's, which writes the same fields) encoder delay and padding. */
  gapless: GaplessInfo | null;
}

/** The Xing tag follows the side information, whose size depends on the version and the channel count. */
function sideInfoBytes(header: MpegFrameHeader): number {
  if (header.version === '1') return header.channels === 1 ? 17 : 32;
  return header.channels === 1 ? 9 : 17;
}

const XING_FRAMES = 0x1;
const XING_BYTES = 0x2;
const XING_TOC = 0x4;
const XING_QUALITY = 0x8;
const XING_TOC_BYTES = 100;
/** Encoders whose tag carries LAME's extension, where mpg123 and FFmpeg read the delay and padding. */
const LAME_LIKE = ['LAME', 'Lavf', 'Lavc'];
/** From the start of LAME's extension (its 9-byte version string) to its 12-bit delay and padding fields. */
const LAME_DELAY_OFFSET = 21;
const VBRI_OFFSET = MPEG_HEADER_BYTES + 32;

/** Reads the tag of the first frame at `at` in `bytes`, or null when it is an ordinary audio frame. */
export function parseStreamTag(bytes: Uint8Array, at: number, header: MpegFrameHeader): StreamTag | null {
  if (header.layer !== 3) return null;
  const frameEnd = Math.min(bytes.length, at + header.frameBytes);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const fits = (offset: number, length: number) => offset + length <= frameEnd;

  const xing = at + MPEG_HEADER_BYTES + sideInfoBytes(header);
  if (fits(xing, 8)) {
    const id = ascii(bytes, xing, 4);
    if (id === 'Xing' || id === 'Info') {
      const flags = view.getUint32(xing + 4);
      let field = xing + 8;
      const next = (present: boolean, size: number): number | null => {
        if (!present || !fits(field, size)) return null;
        const value = size === 4 ? view.getUint32(field) : 0;
        field += size;
        return value;
      };
      const frames = next((flags & XING_FRAMES) !== 0, 4);
      const streamBytes = next((flags & XING_BYTES) !== 0, 4);
      next((flags & XING_TOC) !== 0, XING_TOC_BYTES);
      next((flags & XING_QUALITY) !== 0, 4);
      let gapless: GaplessInfo | null = null;
      if (fits(field, LAME_DELAY_OFFSET + 3) && LAME_LIKE.includes(ascii(bytes, field, 4))) {
        const d = field + LAME_DELAY_OFFSET;
        gapless = {
          delay: (bytes[d] << 4) | (bytes[d + 1] >> 4),
          padding: ((bytes[d + 1] & 0x0f) << 8) | bytes[d + 2],
        };
      }
      return { kind: id, frames, bytes: streamBytes, gapless };
    }
  }

  const vbri = at + VBRI_OFFSET;
  if (fits(vbri, 18) && ascii(bytes, vbri, 4) === 'VBRI') {
    return { kind: 'VBRI', frames: view.getUint32(vbri + 14), bytes: view.getUint32(vbri + 10), gapless: null };
  }
  return null;
}

/** MPEG decoders' own delay, which LAME's delay field does not count and mpg123 and FFmpeg both remove. */
export const DECODER_DELAY = 529;

export function encodingName(header: MpegFrameHeader): string {
  return `MPEG-${header.version} Layer ${['I', 'II', 'III'][header.layer - 1]}`;
}
