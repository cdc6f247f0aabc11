import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/compressed/reference.js';
import { bytesSource } from '../../source/byte-source.js';
import { crc8 } from '../common/crc.js';
import { lastFrameEnd, parseFlacFrameHeader, readFlacLayout } from './flac-stream.js';

/** A frame header with a valid CRC-8: fixed or variable blocksize, the number UTF-8 coded, a blocksize code. */
function frameHeader(variable: boolean, numberBytes: number[], blockCode: number, extra: number[] = []): Uint8Array {
  const bytes = [0xff, variable ? 0xf9 : 0xf8, (blockCode << 4) | 0x9, 0x08, ...numberBytes, ...extra];
  return new Uint8Array([...bytes, crc8(new Uint8Array(bytes), 0, bytes.length)]);
}

describe('parseFlacFrameHeader', () => {
  it('turns a fixed stream\'s frame number into its first sample', () => {
    expect(parseFlacFrameHeader(frameHeader(false, [0x05], 0xc), 0, 4096)).toEqual({ firstSample: 5 * 4096, blockSize: 4096 });
  });

  it('reads a variable stream\'s sample number in up to 7 UTF-8-like bytes, and explicit block sizes', () => {
    // 0xC2 0x80: two bytes for 128; blocksize code 7, 16 bits + 1.
    expect(parseFlacFrameHeader(frameHeader(true, [0xc2, 0x80], 7, [0x04, 0xd9]), 0, 0)).toEqual({ firstSample: 128, blockSize: 1242 });
    // 0xFE and six continuation bytes: 36 bits.
    const largest = frameHeader(true, [0xfe, 0xbf, 0xbf, 0xbf, 0xbf, 0xbf, 0xbf], 1);
    expect(parseFlacFrameHeader(largest, 0, 0)).toEqual({ firstSample: 2 ** 36 - 1, blockSize: 192 });
  });

  it('refuses a bad CRC-8, reserved codes and broken numbers', () => {
    const header = frameHeader(false, [0x05], 0xc);
    header[header.length - 1] ^= 1;
    expect(parseFlacFrameHeader(header, 0, 4096)).toBeNull();
    expect(parseFlacFrameHeader(frameHeader(false, [0x05], 0), 0, 4096)).toBeNull(); // blocksize code 0 is reserved
    expect(parseFlacFrameHeader(frameHeader(false, [0x80], 0xc), 0, 4096)).toBeNull(); // a continuation byte first
    expect(parseFlacFrameHeader(frameHeader(true, [0xc2, 0x00], 0xc), 0, 4096)).toBeNull(); // not a continuation byte
  });
});

describe('readFlacLayout and lastFrameEnd', () => {
  it('read STREAMINFO and find that the file ends with the whole frame that ends the stream', async () => {
    const source = bytesSource(fixture('speech-16bit-8k.flac'));
    const layout = await readFlacLayout(source);
    expect(layout.streamInfo).toMatchObject({ sampleRate: 8000, channels: 1, bitsPerSample: 16, totalSamples: 6774, minBlockSize: 1024 });
    expect(await lastFrameEnd(source, layout)).toEqual({ samples: 6774, whole: true });
  });

  it('find in a file cut short where its last frame header starts', async () => {
    const bytes = fixture('speech-16bit-8k.flac');
    const source = bytesSource(bytes.subarray(0, bytes.length - 100));
    expect(await lastFrameEnd(source, await readFlacLayout(source))).toEqual({ samples: 6144, whole: false });
  });

  it('leave a Node Buffer it reads as it was, and find the frames after every metadata block in it', async () => {
    // A Buffer's slice() is a view: the layout once marked STREAMINFO last in the caller's own bytes, and then
    // took the blocks after it for frames.
    const bytes = readFileSync(new URL('../../../test/fixtures/flac/mono-16-level5.flac', import.meta.url));
    const before = Buffer.from(bytes);
    const layout = await readFlacLayout(bytesSource(bytes));
    expect(bytes.equals(before)).toBe(true);
    expect(bytes[4] & 0x80).toBe(0); // STREAMINFO is not the last block of this file: a VORBIS_COMMENT follows
    expect(bytes.subarray(layout.framesStart, layout.framesStart + 2)).toEqual(Buffer.from([0xff, 0xf8]));
  });

  it('refuse a file without STREAMINFO, or one whose metadata never ends', async () => {
    const bytes = fixture('speech-16bit-8k.flac').slice();
    bytes[4] = 0x84; // the first block is not STREAMINFO
    await expect(readFlacLayout(bytesSource(bytes))).rejects.toMatchObject({ code: 'malformed' });
    const endless = fixture('speech-16bit-8k.flac').slice(0, 42);
    endless[4] = 0x00; // STREAMINFO, not marked last, and nothing after it
    await expect(readFlacLayout(bytesSource(endless))).rejects.toMatchObject({ code: 'malformed' });
  });
});
