import type { ByteSource } from '../../source/byte-source.js';
import { ascii } from './ascii.js';

/**
 * The walk over a chunked container (RIFF and its kin, IFF's AIFF, Apple's CAF): a four-character id, a size, a
 * body, and on to the next. What differs between them is data: how the size is written and whether an odd body is
 * followed by a pad byte. What a chunk means, and any quirk of a container's own, is its reader's.
 */

/** Real files have a handful of chunks; this bounds the walk over a file of garbage that parses as tiny chunks. */
export const MAX_CHUNKS = 4096;

/** How a chunk's size follows its id: unsigned 32 bits (little- or big-endian), or CAF's signed 64-bit big-endian. */
export type ChunkSizeField = 'u32le' | 'u32be' | 'i64be';

export interface ChunkLayout<F extends ChunkSizeField = ChunkSizeField> {
  sizeField: F;
  /** Whether an odd-sized body is followed by a pad byte (RIFF, IFF) or not (CAF). */
  padOddSizes: boolean;
}

/** A 32-bit size as a number; CAF's 64-bit size as the bigint it is, so that -1 and sizes past 2^53 stay exact. */
export type DeclaredSize<F extends ChunkSizeField> = F extends 'i64be' ? bigint : number;

export interface WalkedChunk<F extends ChunkSizeField = ChunkSizeField> {
  /** The chunk's place in the walk, from 0. */
  index: number;
  /** The id as its four bytes spell it (not made printable). */
  id: string;
  /** Where the chunk's header starts, and where its body does. */
  offset: number;
  bodyOffset: number;
  declaredSize: DeclaredSize<F>;
  /** The bytes from the body's start to the end of the file. */
  available: number;
  /** The declared size clamped to `available` (a negative size, CAF's "unknown", counts as all of it). */
  size: number;
  /**
   * Where the walk goes after this chunk: past the body and its pad byte, if the layout pads. A reader with a rule
   * of its own (WAV's missing pad byte, say) sets it before asking for the next chunk.
   */
  next: number;
}

export interface ChunkWalk<F extends ChunkSizeField> {
  layout: ChunkLayout<F>;
  /** Where the first chunk's header starts (past the container's own header). */
  start: number;
  /** Where the walk says it stopped early; only 'too-many-chunks' is ever added. */
  warnings: { push(warning: { code: 'too-many-chunks'; message: string }): unknown };
}

/**
 * Yields each chunk whose header fits in the source, reading headers only: what a body holds is read by the
 * reader, and nothing is allocated by a size read from the file. After MAX_CHUNKS chunks the walk stops with the
 * one warning that says so.
 */
export async function* walkChunks<F extends ChunkSizeField>(source: ByteSource, walk: ChunkWalk<F>): AsyncGenerator<WalkedChunk<F>, void, undefined> {
  const { layout, warnings } = walk;
  const headerBytes = layout.sizeField === 'i64be' ? 12 : 8;
  for (let offset = walk.start, index = 0; offset + headerBytes <= source.size; index++) {
    if (index === MAX_CHUNKS) {
      warnings.push({ code: 'too-many-chunks', message: `stopped reading after ${MAX_CHUNKS} chunks` });
      return;
    }
    const header = await source.read(offset, headerBytes);
    const id = ascii(header, 0, 4);
    const view = new DataView(header.buffer, header.byteOffset, headerBytes);
    const declaredSize = (layout.sizeField === 'i64be' ? view.getBigInt64(4) : view.getUint32(4, layout.sizeField === 'u32le')) as DeclaredSize<F>;
    const bodyOffset = offset + headerBytes;
    const available = source.size - bodyOffset;
    const size = declaredSize < 0 || declaredSize > available ? available : Number(declaredSize);
    const next = bodyOffset + size + (layout.padOddSizes ? size % 2 : 0);
    const chunk: WalkedChunk<F> = { index, id, offset, bodyOffset, declaredSize, available, size, next };
    yield chunk;
    offset = chunk.next;
  }
}
