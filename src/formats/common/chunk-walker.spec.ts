import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../source/byte-source.js';
import { type ChunkLayout, type ChunkSizeField, MAX_CHUNKS, type WalkedChunk, walkChunks } from './chunk-walker.js';

const RIFF: ChunkLayout<'u32le'> = { sizeField: 'u32le', padOddSizes: true };
const IFF: ChunkLayout<'u32be'> = { sizeField: 'u32be', padOddSizes: true };
const CAF: ChunkLayout<'i64be'> = { sizeField: 'i64be', padOddSizes: false };

/** A chunk header: the id's four characters, then the size as the layout writes it. */
function header(id: string, size: number | bigint, field: ChunkSizeField): number[] {
  const bytes = new Uint8Array(field === 'i64be' ? 12 : 8);
  bytes.set([...id].map((c) => c.charCodeAt(0)));
  const view = new DataView(bytes.buffer);
  if (field === 'i64be') view.setBigInt64(4, BigInt(size));
  else view.setUint32(4, Number(size), field === 'u32le');
  return [...bytes];
}

async function walk<F extends ChunkSizeField>(bytes: number[], layout: ChunkLayout<F>, start = 0) {
  const warnings: Array<{ code: string; message: string }> = [];
  const chunks: Array<WalkedChunk<F>> = [];
  for await (const chunk of walkChunks(bytesSource(new Uint8Array(bytes)), { layout, start, warnings })) chunks.push(chunk);
  return { chunks, warnings };
}

describe('walkChunks', () => {
  it('reads little-endian RIFF sizes and steps over the pad byte after an odd body', async () => {
    const bytes = [...header('abcd', 3, 'u32le'), 1, 2, 3, 0, ...header('efgh', 2, 'u32le'), 4, 5];
    const { chunks, warnings } = await walk(bytes, RIFF);
    expect(chunks.map(({ id, offset, bodyOffset, declaredSize, size, next }) => ({ id, offset, bodyOffset, declaredSize, size, next }))).toEqual([
      { id: 'abcd', offset: 0, bodyOffset: 8, declaredSize: 3, size: 3, next: 12 },
      { id: 'efgh', offset: 12, bodyOffset: 20, declaredSize: 2, size: 2, next: 22 },
    ]);
    expect(warnings).toEqual([]);
  });

  it('reads big-endian IFF sizes from the start it is given', async () => {
    const bytes = [0, 0, 0, 0, ...header('COMM', 1, 'u32be'), 9, 0, ...header('SSND', 0, 'u32be')];
    const { chunks } = await walk(bytes, IFF, 4);
    expect(chunks.map((chunk) => [chunk.id, chunk.offset, chunk.declaredSize, chunk.index])).toEqual([
      ['COMM', 4, 1, 0],
      ['SSND', 14, 0, 1],
    ]);
  });

  it("reads CAF's signed 64-bit sizes as bigints, with no pad byte, and takes -1 as the rest of the file", async () => {
    const bytes = [...header('desc', 1, 'i64be'), 7, ...header('data', -1, 'i64be'), 1, 2, 3, 4, 5];
    const { chunks } = await walk(bytes, CAF);
    expect(chunks.map((chunk) => [chunk.id, chunk.offset, chunk.declaredSize, chunk.size, chunk.available])).toEqual([
      ['desc', 0, 1n, 1, 18],
      ['data', 13, -1n, 5, 5],
    ]);
  });

  it('clamps a size to the file, and stops where no further header fits', async () => {
    const bytes = [...header('big ', 1000, 'u32be'), 1, 2, 3];
    const { chunks } = await walk(bytes, IFF);
    expect(chunks).toHaveLength(1);
    expect(chunks[0]).toMatchObject({ declaredSize: 1000, available: 3, size: 3 });
    expect((await walk([...header('a   ', 0, 'u32le'), 1, 2, 3, 4, 5, 6, 7], RIFF)).chunks).toHaveLength(1);
  });

  it('goes where the reader says next', async () => {
    const bytes = [...header('odd ', 1, 'u32le'), 1, ...header('next', 0, 'u32le')];
    const seen: string[] = [];
    for await (const chunk of walkChunks(bytesSource(new Uint8Array(bytes)), { layout: RIFF, start: 0, warnings: [] })) {
      seen.push(chunk.id);
      if (chunk.id === 'odd ') chunk.next = chunk.bodyOffset + chunk.size; // a writer that left the pad byte out
    }
    expect(seen).toEqual(['odd ', 'next']);
  });

  it(`stops after ${MAX_CHUNKS} chunks with one warning`, async () => {
    const bytes = Array.from({ length: MAX_CHUNKS + 10 }, () => header('tiny', 0, 'u32be')).flat();
    const { chunks, warnings } = await walk(bytes, IFF);
    expect(chunks).toHaveLength(MAX_CHUNKS);
    expect(warnings).toEqual([{ code: 'too-many-chunks', message: `stopped reading after ${MAX_CHUNKS} chunks` }]);
  });
});
