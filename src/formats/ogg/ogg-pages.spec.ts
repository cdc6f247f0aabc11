import { describe, expect, it } from 'vitest';
import { bytesSource } from '../../source/byte-source.js';
import { crc32 } from '../common/crc.js';
import { type OggPage, PacketAssembler, findLastGranulePage, parsePage, readPages } from './ogg-pages.js';

interface PageSpec {
  flags?: number;
  granule?: number;
  serial?: number;
  sequence: number;
  /** Segment sizes (lacing values); the body is filled with the segment's index. */
  lacing: number[];
}

/** A page as an encoder writes it, checksum included. */
function oggPage({ flags = 0, granule = 0, serial = 7, sequence, lacing }: PageSpec): Uint8Array {
  const body = lacing.flatMap((size, index) => new Array<number>(size).fill(index + 1));
  const bytes = new Uint8Array(27 + lacing.length + body.length);
  const view = new DataView(bytes.buffer);
  bytes.set([0x4f, 0x67, 0x67, 0x53, 0, flags]);
  view.setUint32(6, granule < 0 ? 0xffffffff : granule, true);
  view.setUint32(10, granule < 0 ? 0xffffffff : 0, true);
  view.setUint32(14, serial, true);
  view.setUint32(18, sequence, true);
  bytes[26] = lacing.length;
  bytes.set(lacing, 27);
  bytes.set(body, 27 + lacing.length);
  view.setUint32(22, crc32(bytes, 0, bytes.length), true);
  return bytes;
}

const parsed = (bytes: Uint8Array) => parsePage(bytes, 0) as OggPage;

describe('parsePage', () => {
  it('reads the header fields, and -1 for a page on which no packet ends', () => {
    const page = parsed(oggPage({ flags: 4, granule: 48000, serial: 9, sequence: 3, lacing: [255, 10] }));
    expect(page).toMatchObject({ flags: 4, granule: 48000, serial: 9, sequence: 3 });
    expect(page.body).toHaveLength(265);
    expect(parsed(oggPage({ granule: -1, sequence: 0, lacing: [255] })).granule).toBe(-1);
  });

  it('refuses a page whose checksum does not match, and asks for more bytes for one cut short', () => {
    const bytes = oggPage({ sequence: 0, lacing: [100] });
    expect(parsePage(bytes.subarray(0, 100), 0)).toBe('short');
    bytes[60] ^= 1;
    expect(parsePage(bytes, 0)).toBeNull();
  });
});

describe('readPages', () => {
  it('skips damage between pages and says how many bytes it skipped', async () => {
    const damaged = oggPage({ sequence: 1, lacing: [50] });
    damaged[40] ^= 0xff;
    const file = new Uint8Array([
      ...oggPage({ sequence: 0, lacing: [10] }),
      ...damaged,
      ...new Array(33).fill(0x4f),
      ...oggPage({ sequence: 2, lacing: [20] }),
    ]);
    const skipped: number[] = [];
    const sequences: number[] = [];
    for await (const page of readPages(bytesSource(file), 0, file.length, (_, bytes) => skipped.push(bytes))) sequences.push(page.sequence);
    expect(sequences).toEqual([0, 2]);
    expect(skipped).toEqual([damaged.length + 33]);
  });
});

describe('findLastGranulePage', () => {
  it("finds the stream's last page with a granule position at the end of the file", async () => {
    const file = new Uint8Array([
      ...oggPage({ sequence: 0, granule: 1000, lacing: [10] }),
      ...oggPage({ sequence: 1, granule: 2000, flags: 4, lacing: [10] }),
      ...oggPage({ sequence: 0, granule: 9999, serial: 8, lacing: [10] }),
      ...oggPage({ sequence: 2, granule: -1, lacing: [255] }),
    ]);
    expect((await findLastGranulePage(bytesSource(file), 7))?.granule).toBe(2000);
  });
});

describe('PacketAssembler', () => {
  const assemble = (pages: PageSpec[], maxPacketBytes = 10_000) => {
    const lost: string[] = [];
    const assembler = new PacketAssembler(maxPacketBytes, (reason) => lost.push(reason));
    const packets = pages.flatMap((spec) => assembler.packetsOf(parsed(oggPage(spec))).map((packet) => packet?.length ?? null));
    return { packets, lost };
  };

  it('joins a packet continued over pages, and ends one on a 0 segment', () => {
    expect(assemble([
      { sequence: 0, lacing: [255, 255] },
      { sequence: 1, flags: 1, lacing: [255, 0, 7] },
    ])).toEqual({ packets: [765, 7], lost: [] });
  });

  it('drops a packet whose middle page is missing, never gluing the halves of two packets', () => {
    expect(assemble([
      { sequence: 0, lacing: [5, 255] },
      { sequence: 2, flags: 1, lacing: [30, 8] },
    ])).toEqual({ packets: [5, 8], lost: ['a page is missing before byte 0'] });
  });

  it('gives an oversized packet as null in its place, without holding it', () => {
    expect(assemble([{ sequence: 0, lacing: [255, 255, 3, 4] }], 300).packets).toEqual([null, 4]);
  });

  it('notices a page that claims to continue a packet that has ended', () => {
    expect(assemble([
      { sequence: 0, lacing: [5] },
      { sequence: 1, flags: 1, lacing: [9, 6] },
    ])).toEqual({ packets: [5, 6], lost: ['the page at byte 0 does not continue the packet before it'] });
  });
});
