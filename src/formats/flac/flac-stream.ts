import { VoiceprepError } from '../../errors.js';
import { ascii } from '../common/ascii.js';
import { skipLeadingTags, trimTrailingTags } from '../common/audio-tags.js';
import type { ByteSource } from '../../source/byte-source.js';
import { crc8, crc16 } from '../common/crc.js';

/**
 * The structure of a native FLAC file (after the format's specification, RFC 9639): the 'fLaC' marker, metadata
 * blocks of which the first is STREAMINFO, then frames. Read from the header and from the last frame only.
 */

/**
 * The bit depths decoded: voiceprep's decoder (kernels/decoder.ts) decodes 4 to 24 bits; these are the depths its
 * samples are checked against libFLAC's in (flac-decode.spec.ts), the ones the decoder it replaced could scale.
 */
export const DECODABLE_FLAC_BITS: readonly number[] = [8, 16, 24];

export interface StreamInfo {
  minBlockSize: number;
  maxBlockSize: number;
  /** 0 when the encoder did not know it. */
  maxFrameBytes: number;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
  /** 0 when the encoder did not know it (a stream piped in). */
  totalSamples: number;
}

export interface FlacLayout {
  streamInfo: StreamInfo;
  /** The first frame, after the metadata blocks (a cover picture among them is skipped, never read). */
  framesStart: number;
  /** The end of the last frame: an ID3v1 or APE tag behind it is left out. */
  framesEnd: number;
}

const BLOCK_HEADER_BYTES = 4;
const STREAMINFO_BYTES = 34;
const LAST_BLOCK = 0x80;
/** Real files have a handful of blocks; a file of garbage that parses as tiny blocks stops here. */
const MAX_BLOCKS = 1024;

export async function readFlacLayout(source: ByteSource): Promise<FlacLayout> {
  const markerAt = await skipLeadingTags(source, 0);
  const marker = await source.read(markerAt, 4 + BLOCK_HEADER_BYTES + STREAMINFO_BYTES);
  if (ascii(marker, 0, 4) !== 'fLaC') throw new VoiceprepError('malformed', "the FLAC marker 'fLaC' is missing");
  if (marker.length < 4 + BLOCK_HEADER_BYTES + STREAMINFO_BYTES || (marker[4] & 0x7f) !== 0) {
    throw new VoiceprepError('malformed', 'the FLAC file does not start with a STREAMINFO block');
  }
  const streamInfo = parseStreamInfo(marker.subarray(4 + BLOCK_HEADER_BYTES));

  let offset = markerAt + 4;
  for (let blocks = 0; ; blocks++) {
    const header = await source.read(offset, BLOCK_HEADER_BYTES);
    if (header.length < BLOCK_HEADER_BYTES) throw new VoiceprepError('malformed', 'the FLAC file ends inside its metadata; it holds no audio');
    if (blocks === MAX_BLOCKS) throw new VoiceprepError('malformed', `the FLAC file has more than ${MAX_BLOCKS} metadata blocks`);
    const length = (header[1] << 16) | (header[2] << 8) | header[3];
    offset += BLOCK_HEADER_BYTES + length;
    if (header[0] & LAST_BLOCK) break;
  }
  if (offset >= source.size) throw new VoiceprepError('malformed', 'the FLAC file ends inside its metadata; it holds no audio');
  return { streamInfo, framesStart: offset, framesEnd: await trimTrailingTags(source, offset, source.size) };
}

function parseStreamInfo(body: Uint8Array): StreamInfo {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const packed = view.getUint32(10);
  const info: StreamInfo = {
    minBlockSize: view.getUint16(0),
    maxBlockSize: view.getUint16(2),
    maxFrameBytes: (body[7] << 16) | (body[8] << 8) | body[9],
    sampleRate: packed >>> 12,
    channels: ((packed >>> 9) & 0x7) + 1,
    bitsPerSample: ((packed >>> 4) & 0x1f) + 1,
    totalSamples: (packed & 0xf) * 2 ** 32 + view.getUint32(14),
  };
  if (info.sampleRate === 0) throw new VoiceprepError('malformed', 'the FLAC STREAMINFO gives a sample rate of 0');
  if (info.bitsPerSample < 4) throw new VoiceprepError('malformed', `the FLAC STREAMINFO gives ${info.bitsPerSample} bits per sample`);
  return info;
}

export interface FlacFrameHeader {
  /** The stream's sample number where this frame starts. */
  firstSample: number;
  blockSize: number;
}

/**
 * The frame header at `at`, or null when the bytes there are not one (its CRC-8 included). A fixed-blocksize
 * stream numbers its frames, a variable one its samples; `streamBlockSize` turns the first into the second.
 */
export function parseFlacFrameHeader(bytes: Uint8Array, at: number, streamBlockSize: number): FlacFrameHeader | null {
  if (at + 6 > bytes.length || bytes[at] !== 0xff || (bytes[at + 1] & 0xfe) !== 0xf8) return null;
  const variable = (bytes[at + 1] & 1) === 1;
  const blockCode = bytes[at + 2] >> 4;
  const rateCode = bytes[at + 2] & 0xf;
  const channelCode = bytes[at + 3] >> 4;
  const sizeCode = (bytes[at + 3] >> 1) & 7;
  if (blockCode === 0 || rateCode === 15 || channelCode > 10 || sizeCode === 3 || (bytes[at + 3] & 1) !== 0) return null;

  let cursor = at + 4;
  const number = readUtf8Number(bytes, cursor);
  if (!number) return null;
  cursor += number.bytes;
  let blockSize: number;
  if (blockCode === 6 || blockCode === 7) {
    const extra = blockCode === 6 ? 1 : 2;
    if (cursor + extra > bytes.length) return null;
    blockSize = (extra === 1 ? bytes[cursor] : (bytes[cursor] << 8) | bytes[cursor + 1]) + 1;
    cursor += extra;
  } else {
    blockSize = blockSizeOfCode(blockCode);
  }
  if (rateCode === 12) cursor += 1;
  else if (rateCode === 13 || rateCode === 14) cursor += 2;
  if (cursor >= bytes.length || crc8(bytes, at, cursor) !== bytes[cursor]) return null;
  return { firstSample: variable ? number.value : number.value * streamBlockSize, blockSize };
}

function blockSizeOfCode(code: number): number {
  if (code === 1) return 192;
  if (code <= 5) return 576 * 2 ** (code - 2);
  return 256 * 2 ** (code - 8);
}

/** FLAC codes frame and sample numbers like UTF-8, extended to 7 bytes (36 bits). */
function readUtf8Number(bytes: Uint8Array, at: number): { value: number; bytes: number } | null {
  const first = bytes[at];
  if (first === undefined) return null;
  if (first < 0x80) return { value: first, bytes: 1 };
  let length = 0;
  while (length < 8 && first & (0x80 >> length)) length++;
  if (length < 2 || length > 7 || at + length > bytes.length) return null;
  let value = first & (0x7f >> length);
  for (let i = 1; i < length; i++) {
    const next = bytes[at + i];
    if ((next & 0xc0) !== 0x80) return null;
    value = value * 64 + (next & 0x3f);
  }
  return { value, bytes: length };
}

/** The most a frame can take: 65535 samples of 8 channels of 32 bits, plus headers. */
const MAX_FRAME_BYTES = 65535 * 8 * 4 + 64;
/** Beyond what STREAMINFO gives as the largest frame: room for the frame header and the footer. */
const FRAME_SLACK_BYTES = 64;

/**
 * Where the stream's last frame ends, in samples, when the file ends exactly after a whole, undamaged frame
 * (its header's CRC-8 and its CRC-16 check out); otherwise where the last frame header found starts (the samples
 * of the frames before a cut), or null when no frame header is found at all.
 */
export async function lastFrameEnd(source: ByteSource, layout: FlacLayout): Promise<{ samples: number; whole: boolean } | null> {
  const { streamInfo, framesStart, framesEnd } = layout;
  const reach = streamInfo.maxFrameBytes > 0 ? streamInfo.maxFrameBytes + FRAME_SLACK_BYTES : MAX_FRAME_BYTES;
  const windowStart = Math.max(framesStart, framesEnd - reach);
  const tail = (await source.read(windowStart, framesEnd - windowStart)).slice();
  const headers: Array<{ at: number; header: FlacFrameHeader }> = [];
  for (let at = 0; at + 2 <= tail.length; at++) {
    const header = tail[at] === 0xff ? parseFlacFrameHeader(tail, at, streamInfo.minBlockSize) : null;
    if (header) headers.push({ at, header });
  }
  if (headers.length === 0) return null;
  // The CRC over a frame followed by its own CRC is zero, so from any earlier frame to the end it comes to the
  // last frame's alone: candidates are tried from the last one back (a sync pattern inside the last frame's data
  // fails), and the first that checks out is the last frame. In a file cut short none does.
  const footer = (tail[tail.length - 2] << 8) | tail[tail.length - 1];
  for (let i = headers.length - 1; i >= 0; i--) {
    const { at, header } = headers[i];
    if (crc16(tail, at, tail.length - 2) === footer) return { samples: header.firstSample + header.blockSize, whole: true };
  }
  return { samples: headers[headers.length - 1].header.firstSample, whole: false };
}
