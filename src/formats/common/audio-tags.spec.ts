import { describe, expect, it } from 'vitest';
import { id3v2TagBytes, skipLeadingTags, trimTrailingTags } from './audio-tags.js';
import { bytesSource } from '../../source/byte-source.js';

const ascii = (text: string) => [...text].map((c) => c.charCodeAt(0));

/** An ID3v2 header declaring `size` body bytes (syncsafe), with the footer flag when asked. */
function id3v2Header(size: number, footer = false): number[] {
  return [...ascii('ID3'), 4, 0, footer ? 0x10 : 0, (size >> 21) & 0x7f, (size >> 14) & 0x7f, (size >> 7) & 0x7f, size & 0x7f];
}

function apeTag(bodyBytes: number, withHeader: boolean): number[] {
  const part = (flags: number) => {
    const bytes = new Uint8Array(32);
    bytes.set(ascii('APETAGEX'));
    const view = new DataView(bytes.buffer);
    view.setUint32(8, 2000, true);
    view.setUint32(12, bodyBytes + 32, true);
    view.setUint32(20, flags, true);
    return [...bytes];
  };
  return [...(withHeader ? part(0xa0000000) : []), ...new Array(bodyBytes).fill(0x41), ...part(withHeader ? 0x80000000 : 0)];
}

describe('ID3v2 at the start', () => {
  it('is sized by its syncsafe size, plus 10 for the header and 10 more with the footer flag', () => {
    expect(id3v2TagBytes(new Uint8Array(id3v2Header(300)))).toBe(310);
    expect(id3v2TagBytes(new Uint8Array(id3v2Header(300, true)))).toBe(320);
    // 2^28 - 1: the largest size there is, whatever the file holds (the reader clamps).
    expect(id3v2TagBytes(new Uint8Array(id3v2Header(0x0fffffff)))).toBe(0x0fffffff + 10);
  });

  it('is not a tag when a size byte has its top bit set, or the version is 0xFF', () => {
    const header = id3v2Header(300);
    header[8] = 0x80;
    expect(id3v2TagBytes(new Uint8Array(header))).toBe(0);
    expect(id3v2TagBytes(new Uint8Array([...ascii('ID3'), 0xff, 0, 0, 0, 0, 0, 0]))).toBe(0);
  });

  it('is skipped, and a second one after it, never past the end of the file', async () => {
    const file = new Uint8Array([...id3v2Header(5), 1, 2, 3, 4, 5, ...id3v2Header(2), 9, 9, 0xff, 0xfb]);
    expect(await skipLeadingTags(bytesSource(file), 0)).toBe(file.length - 2);
    const claimsTooMuch = new Uint8Array([...id3v2Header(1_000_000), 1, 2, 3]);
    expect(await skipLeadingTags(bytesSource(claimsTooMuch), 0)).toBe(claimsTooMuch.length);
  });
});

describe('tags at the end', () => {
  const audio = new Array(1000).fill(0x55);
  const id3v1 = [...ascii('TAG'), ...new Array(125).fill(0x20)];

  it('ID3v1, APEv2 (with or without its header), Lyrics3v2 and an appended ID3v2 are all left out', async () => {
    const lyrics = [...ascii('LYRICSBEGIN'), ...ascii('IND00003110'), ...ascii('000022'), ...ascii('LYRICS200')];
    const appended = [...id3v2Header(4).slice(0, 10), 1, 2, 3, 4, ...ascii('3DI'), 4, 0, 0, 0, 0, 0, 4];
    const file = new Uint8Array([...audio, ...appended, ...apeTag(20, true), ...lyrics, ...apeTag(8, false), ...id3v1]);
    expect(await trimTrailingTags(bytesSource(file), 0, file.length)).toBe(audio.length);
  });

  it('an absurd APE size takes away at most what lies after the audio start', async () => {
    const tag = apeTag(0, false);
    tag.splice(12, 4, 0xff, 0xff, 0xff, 0x7f); // the tag's size field: 2 GiB
    const file = new Uint8Array([...audio, ...tag]);
    expect(await trimTrailingTags(bytesSource(file), 100, file.length)).toBe(100);
  });
});
