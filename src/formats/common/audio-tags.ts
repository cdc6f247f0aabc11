import { ascii } from './ascii.js';
import type { ByteSource } from '../../source/byte-source.js';

/**
 * The metadata tags that wrap MP3 (and sometimes FLAC and AAC) streams: ID3v2 in front, and ID3v1, APEv2,
 * Lyrics3v2 or an appended ID3v2 behind. A decoder fed these would take them for damaged frames, so the readers
 * find where the audio itself starts and ends. Every size is clamped to the bytes that are really there.
 */

const ID3V2_HEADER_BYTES = 10;
const ID3V2_FOOTER_FLAG = 0x10;
const ID3V1_BYTES = 128;
const APE_FOOTER_BYTES = 32;
const APE_HAS_HEADER = 0x80000000;
const LYRICS3_END = 'LYRICS200';
const LYRICS3_SIZE_DIGITS = 6;
/** Real files have one or two; a loop over a file of nothing but tags stops here. */
const MAX_TAGS = 8;

/** The size of the ID3v2 tag (header, body and footer) at the start of `bytes`, or 0 when there is none. */
export function id3v2TagBytes(bytes: Uint8Array): number {
  if (bytes.length < ID3V2_HEADER_BYTES || ascii(bytes, 0, 3) !== 'ID3') return 0;
  const [major, revision, flags] = [bytes[3], bytes[4], bytes[5]];
  if (major === 0xff || revision === 0xff) return 0;
  const size = syncsafe(bytes, 6);
  if (size === null) return 0;
  return ID3V2_HEADER_BYTES + size + (flags & ID3V2_FOOTER_FLAG ? ID3V2_HEADER_BYTES : 0);
}

/** Where the audio starts: after every ID3v2 tag at `offset` (some taggers write a second one after the first). */
export async function skipLeadingTags(source: ByteSource, offset: number): Promise<number> {
  for (let tags = 0; tags < MAX_TAGS && offset < source.size; tags++) {
    const tagBytes = id3v2TagBytes(await source.read(offset, ID3V2_HEADER_BYTES));
    if (tagBytes === 0) break;
    offset = Math.min(source.size, offset + tagBytes);
  }
  return offset;
}

/** Where the audio ends: before the tags at the end of the range [start, end). */
export async function trimTrailingTags(source: ByteSource, start: number, end: number): Promise<number> {
  for (let tags = 0; tags < MAX_TAGS; tags++) {
    const tagBytes = trailingTagBytes(await source.read(Math.max(start, end - ID3V1_BYTES), Math.min(ID3V1_BYTES, end - start)));
    if (tagBytes === 0) break;
    end = Math.max(start, end - tagBytes);
  }
  return end;
}

/** The size of the tag that ends where `tail` ends (the last bytes before the end), or 0. */
function trailingTagBytes(tail: Uint8Array): number {
  const at = (fromEnd: number) => tail.length - fromEnd;
  if (tail.length >= ID3V1_BYTES && ascii(tail, at(ID3V1_BYTES), 3) === 'TAG') return ID3V1_BYTES;
  if (tail.length >= APE_FOOTER_BYTES && ascii(tail, at(APE_FOOTER_BYTES), 8) === 'APETAGEX') {
    const view = new DataView(tail.buffer, tail.byteOffset + at(APE_FOOTER_BYTES), APE_FOOTER_BYTES);
    const size = view.getUint32(12, true);
    const hasHeader = (view.getUint32(20, true) & APE_HAS_HEADER) !== 0;
    return Math.max(APE_FOOTER_BYTES, size + (hasHeader ? APE_FOOTER_BYTES : 0));
  }
  if (tail.length >= ID3V2_HEADER_BYTES && ascii(tail, at(ID3V2_HEADER_BYTES), 3) === '3DI') {
    const size = syncsafe(tail, at(ID3V2_HEADER_BYTES) + 6);
    if (size !== null) return size + 2 * ID3V2_HEADER_BYTES;
  }
  const lyricsEnd = LYRICS3_END.length + LYRICS3_SIZE_DIGITS;
  if (tail.length >= lyricsEnd && ascii(tail, at(LYRICS3_END.length), LYRICS3_END.length) === LYRICS3_END) {
    const digits = ascii(tail, at(lyricsEnd), LYRICS3_SIZE_DIGITS);
    if (/^\d{6}$/.test(digits)) return Number(digits) + lyricsEnd;
  }
  return 0;
}

/** ID3v2 sizes are 28-bit numbers in four bytes of seven bits each; a byte with its top bit set is not a tag. */
function syncsafe(bytes: Uint8Array, at: number): number | null {
  let value = 0;
  for (let i = 0; i < 4; i++) {
    const byte = bytes[at + i];
    if (byte === undefined || byte >= 0x80) return null;
    value = value * 128 + byte;
  }
  return value;
}
