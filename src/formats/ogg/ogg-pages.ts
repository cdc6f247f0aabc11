import type { ByteSource } from '../../source/byte-source.js';
import { crc32 } from '../common/crc.js';

/**
 * Ogg pages and the packets they carry (RFC 3533). A page is at most 27 + 255 + 255 x 255 bytes, so nothing here
 * is ever sized by a claim beyond that: a damaged page fails its CRC and is skipped, and reading resumes at the
 * next capture pattern, as libogg does.
 */

export const PAGE_HEADER_BYTES = 27;
export const MAX_PAGE_BYTES = PAGE_HEADER_BYTES + 255 + 255 * 255;
const CONTINUED = 0x01;
export const BEGINNING_OF_STREAM = 0x02;
export const END_OF_STREAM = 0x04;
const READ_BYTES = 64 * 1024;

export interface OggPage {
  offset: number;
  flags: number;
  /** The position (in samples) at the end of the last packet that ends on this page; -1 when none does. */
  granule: number;
  serial: number;
  sequence: number;
  /** Segment sizes: a packet ends with the first segment shorter than 255 bytes. */
  lacing: Uint8Array;
  /** Only valid until the next page is read. */
  body: Uint8Array;
}

/**
 * The page at the start of `bytes`, or 'short' when more bytes are needed to tell, or null when there is no
 * valid page there (no capture pattern, an unknown version, or a checksum that does not match).
 */
export function parsePage(bytes: Uint8Array, offset: number): OggPage | 'short' | null {
  if (bytes.length < PAGE_HEADER_BYTES) return 'short';
  if (bytes[0] !== 0x4f || bytes[1] !== 0x67 || bytes[2] !== 0x67 || bytes[3] !== 0x53 || bytes[4] !== 0) return null;
  const segments = bytes[26];
  if (bytes.length < PAGE_HEADER_BYTES + segments) return 'short';
  const lacing = bytes.subarray(PAGE_HEADER_BYTES, PAGE_HEADER_BYTES + segments);
  let bodyBytes = 0;
  for (const size of lacing) bodyBytes += size;
  const pageBytes = PAGE_HEADER_BYTES + segments + bodyBytes;
  if (bytes.length < pageBytes) return 'short';
  const view = new DataView(bytes.buffer, bytes.byteOffset, PAGE_HEADER_BYTES);
  if (view.getUint32(22, true) !== pageChecksum(bytes.subarray(0, pageBytes))) return null;
  return {
    offset,
    flags: bytes[5],
    granule: granulePosition(view.getUint32(6, true), view.getUint32(10, true)),
    serial: view.getUint32(14, true),
    sequence: view.getUint32(18, true),
    lacing,
    body: bytes.subarray(PAGE_HEADER_BYTES + segments, pageBytes),
  };
}

export function pageBytes(page: OggPage): number {
  return PAGE_HEADER_BYTES + page.lacing.length + page.body.length;
}

/** The checksum is computed with its own four bytes taken as zero. */
function pageChecksum(page: Uint8Array): number {
  const copy = page.slice();
  copy.fill(0, 22, 26);
  return crc32(copy, 0, copy.length);
}

/**
 * Granule positions are signed 64-bit; -1 marks a page on which no packet ends. Beyond 2^53 no real stream goes
 * (that is millennia of audio), and negative positions other than -1 are meaningless: both read as -1.
 */
function granulePosition(low: number, high: number): number {
  if (high >= 0x200000) return -1;
  return high * 2 ** 32 + low;
}

/**
 * Every valid page in [start, end), in order. Bytes between pages (damage, or pages that fail their checksum)
 * are skipped and counted through `onSkipped`.
 */
export async function* readPages(
  source: ByteSource,
  start: number,
  end: number,
  onSkipped: (offset: number, bytes: number) => void,
): AsyncGenerator<OggPage> {
  let buffer = new Uint8Array(0);
  let bufferOffset = start;
  let readOffset = start;
  let at = 0;
  let skippedFrom = -1;
  const flushSkipped = (until: number) => {
    if (skippedFrom >= 0) onSkipped(skippedFrom, until - skippedFrom);
    skippedFrom = -1;
  };
  for (;;) {
    const page = parsePage(buffer.subarray(at), bufferOffset + at);
    if (page === 'short') {
      if (readOffset >= end) break;
      const more = await source.read(readOffset, Math.min(READ_BYTES, end - readOffset));
      if (more.length === 0) break;
      readOffset += more.length;
      const kept = buffer.subarray(at);
      buffer = new Uint8Array(kept.length + more.length);
      buffer.set(kept);
      buffer.set(more, kept.length);
      bufferOffset += at;
      at = 0;
    } else if (page === null) {
      if (skippedFrom < 0) skippedFrom = bufferOffset + at;
      at = nextCapture(buffer, at + 1);
    } else {
      flushSkipped(page.offset);
      yield page;
      at += pageBytes(page);
    }
  }
  if (at < buffer.length && skippedFrom < 0) skippedFrom = bufferOffset + at;
  flushSkipped(bufferOffset + buffer.length);
}

/** The next 'OggS' at or after `from`, or where one could still begin when the buffer ends first. */
function nextCapture(buffer: Uint8Array, from: number): number {
  for (let i = from; i + 4 <= buffer.length; i++) {
    if (buffer[i] === 0x4f && buffer[i + 1] === 0x67 && buffer[i + 2] === 0x67 && buffer[i + 3] === 0x53) return i;
  }
  return Math.max(from, buffer.length - 3);
}

/** Last pages are usually a few kilobytes: this much of the end is read first, twice the largest page if need be. */
const LIKELY_TAIL_BYTES = 16 * 1024;

/**
 * The last valid page of stream `serial` that has a granule position, looked for in the end of the file: how long
 * the stream is, without reading it all.
 */
export async function findLastGranulePage(source: ByteSource, serial: number): Promise<OggPage | null> {
  for (const reach of [LIKELY_TAIL_BYTES, 2 * MAX_PAGE_BYTES]) {
    const start = Math.max(0, source.size - reach);
    const tail = (await source.read(start, source.size - start)).slice();
    for (let at = tail.length - PAGE_HEADER_BYTES; at >= 0; at--) {
      if (tail[at] !== 0x4f || tail[at + 1] !== 0x67) continue;
      const page = parsePage(tail.subarray(at), start + at);
      if (page && page !== 'short' && page.serial === serial && page.granule >= 0) return page;
    }
    if (start === 0) break;
  }
  return null;
}

/**
 * Joins the segments of one logical stream's pages into packets. A page lost to damage (a gap in the sequence
 * numbers) loses the packet it was part of, never glues two halves of different packets together. A packet larger
 * than `maxPacketBytes` (the decoder's input buffer; or a comment packet carrying cover art) is never held: it
 * comes out as null, in its place, so that packets keep their numbers.
 */
export class PacketAssembler {
  private parts: Uint8Array[] = [];
  private partBytes = 0;
  /** The rest of a packet whose start was lost is skipped. */
  private orphaned = false;
  private oversized = false;
  private nextSequence: number | null = null;

  constructor(
    private readonly maxPacketBytes: number,
    private readonly onLost: (reason: string) => void,
  ) {}

  /** The packets that end on this page, in order. */
  packetsOf(page: OggPage): Array<Uint8Array | null> {
    const continued = (page.flags & CONTINUED) !== 0;
    const pending = this.parts.length > 0 || this.oversized;
    if (this.nextSequence !== null && page.sequence !== this.nextSequence) {
      this.onLost(`a page is missing before byte ${page.offset}`);
      this.restart(continued);
    } else if (continued !== (pending || this.orphaned)) {
      if (!this.orphaned) this.onLost(`the page at byte ${page.offset} does not continue the packet before it`);
      this.restart(continued);
    }
    this.nextSequence = (page.sequence + 1) >>> 0;

    const packets: Array<Uint8Array | null> = [];
    let position = 0;
    for (const size of page.lacing) {
      this.append(page.body.subarray(position, position + size));
      position += size;
      if (size === 255) continue;
      if (this.oversized) packets.push(null);
      else if (!this.orphaned) packets.push(this.take());
      this.restart(false);
    }
    return packets;
  }

  /** Forgets a packet in progress; when the page continues one, its first segments are skipped too. */
  private restart(continued: boolean): void {
    this.parts = [];
    this.partBytes = 0;
    this.oversized = false;
    this.orphaned = continued;
  }

  private append(segment: Uint8Array): void {
    if (this.orphaned || this.oversized) return;
    if (this.partBytes + segment.length > this.maxPacketBytes) {
      this.oversized = true;
      this.parts = [];
      return;
    }
    this.parts.push(segment.slice());
    this.partBytes += segment.length;
  }

  private take(): Uint8Array {
    if (this.parts.length === 1) return this.parts[0];
    const packet = new Uint8Array(this.partBytes);
    let offset = 0;
    for (const part of this.parts) {
      packet.set(part, offset);
      offset += part.length;
    }
    return packet;
  }
}
