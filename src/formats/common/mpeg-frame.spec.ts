import { describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/compressed/reference.js';
import { findMpegFrame, frameBytesRange, parseMpegHeader, parseStreamTag } from './mpeg-frame.js';

const header = (...bytes: number[]) => parseMpegHeader(new Uint8Array(bytes), 0);

describe('parseMpegHeader', () => {
  it('reads version, layer, bitrate, rate, channels and the frame length', () => {
    // MPEG-1 Layer III, 128 kbps, 44.1 kHz, padded, joint stereo: 144 x 128000 / 44100 + 1 bytes.
    expect(header(0xff, 0xfb, 0x92, 0x64)).toEqual({
      version: '1', layer: 3, bitrate: 128000, sampleRate: 44100, channels: 2, frameBytes: 418, samplesPerFrame: 1152,
    });
    // MPEG-2.5 Layer III, 8 kbps, 8 kHz, mono: 72 x 8000 / 8000 bytes, 576 samples.
    expect(header(0xff, 0xe3, 0x18, 0xc4)).toMatchObject({ version: '2.5', bitrate: 8000, sampleRate: 8000, channels: 1, frameBytes: 72, samplesPerFrame: 576 });
    // MPEG-1 Layer I, 64 kbps, 32 kHz: 4-byte slots, 384 samples.
    expect(header(0xff, 0xff, 0x28, 0xc4)).toMatchObject({ layer: 1, frameBytes: 96, samplesPerFrame: 384 });
    // MPEG-1 Layer II, 384 kbps, 32 kHz, padded: the largest MPEG-1 frame.
    expect(header(0xff, 0xfd, 0xea, 0x04)).toMatchObject({ layer: 2, frameBytes: 1729 });
  });

  it('refuses what is not a header: reserved version or layer, free format, bad bitrate or rate, ADTS', () => {
    expect(header(0xff, 0xeb, 0x92, 0x64)).toBeNull(); // version 01 is reserved
    expect(header(0xff, 0xf9, 0x92, 0x64)).toBeNull(); // layer 00 is reserved (ADTS uses it)
    expect(header(0xff, 0xfb, 0x02, 0x64)).toBeNull(); // free format
    expect(header(0xff, 0xfb, 0xf2, 0x64)).toBeNull(); // bitrate index 15
    expect(header(0xff, 0xfb, 0x9e, 0x64)).toBeNull(); // rate index 3
    expect(header(0xff, 0xf1, 0x50, 0x80)).toBeNull(); // ADTS
    expect(header(0xff, 0xfb, 0x92)).toBeNull(); // cut short
  });

  it('gives the range of frame sizes a tag frame count is checked against', () => {
    expect(frameBytesRange(header(0xff, 0xfb, 0x92, 0x64)!)).toEqual({ min: 104, max: 1045 });
  });
});

describe('findMpegFrame', () => {
  it('needs a second frame where the first one ends, so a stray sync pattern is not a stream', () => {
    const bytes = new Uint8Array(1000);
    bytes.set([0xff, 0xfb, 0x92, 0x64], 10); // a lone header
    expect(findMpegFrame(bytes, 0, false)).toBeNull();
    bytes.set([0xff, 0xfb, 0x90, 0x64], 428); // the next frame, 418 bytes on
    expect(findMpegFrame(bytes, 0, false)).toMatchObject({ offset: 10 });
  });
});

describe('parseStreamTag', () => {
  it("reads LAME's Info tag: frame count, byte count, encoder delay and padding", () => {
    const bytes = fixture('speech-cbr.mp3');
    const tag = parseStreamTag(bytes, 0, parseMpegHeader(bytes, 0)!);
    expect(tag).toEqual({ kind: 'Info', frames: 34, bytes: 7313, gapless: { delay: 576, padding: 1248 } });
    // 34 x 1152 - 576 - 1248: the 37344 samples of the WAV that was encoded.
  });

  it("reads Fraunhofer's VBRI tag", () => {
    const bytes = new Uint8Array(418);
    bytes.set([0xff, 0xfb, 0x92, 0x64]);
    bytes.set([...'VBRI'].map((c) => c.charCodeAt(0)), 36);
    new DataView(bytes.buffer).setUint32(36 + 10, 123456);
    new DataView(bytes.buffer).setUint32(36 + 14, 321);
    expect(parseStreamTag(bytes, 0, parseMpegHeader(bytes, 0)!)).toEqual({ kind: 'VBRI', frames: 321, bytes: 123456, gapless: null });
  });

  it('finds no tag in an audio frame, and none past the end of a frame cut short', () => {
    const bytes = fixture('speech-no-gapless.mp3');
    expect(parseStreamTag(bytes, 0, parseMpegHeader(bytes, 0)!)).toBeNull();
    const tagged = fixture('speech-cbr.mp3');
    expect(parseStreamTag(tagged.subarray(0, 24), 0, parseMpegHeader(tagged, 0)!)).toBeNull();
  });
});
