import { describe, expect, it } from 'vitest';
import { VoiceprepError } from '../errors.js';
import type { Encoding, WaveFormat } from '../read/wave-header.js';
import { createDecoder } from './sample-decoder.js';

function format(encoding: Encoding | null, bits: number, channels = 1, overrides: Partial<WaveFormat> = {}): WaveFormat {
  const tags = { pcm: 1, float: 3, alaw: 6, mulaw: 7 };
  const names = { pcm: 'PCM', float: 'IEEE float', alaw: 'A-law', mulaw: 'mu-law' };
  const tag = encoding ? tags[encoding] : 0x0011;
  const blockAlign = channels * Math.ceil(bits / 8);
  return {
    formatTag: tag,
    effectiveTag: tag,
    encoding,
    encodingName: encoding ? names[encoding] : 'IMA ADPCM',
    extensible: false,
    channels,
    sampleRate: 8000,
    bitsPerSample: bits,
    validBitsPerSample: bits,
    blockAlign,
    byteRate: blockAlign * 8000,
    fmtSize: 16,
    extraSize: null,
    ...overrides,
  };
}

function decode(f: WaveFormat, bytes: number[]): number[] {
  const decoder = createDecoder(f);
  const out = new Float32Array(bytes.length);
  const frames = decoder.decode(Uint8Array.from(bytes), out);
  return Array.from(out.subarray(0, frames * f.channels));
}

describe('sample decoder', () => {
  it('decodes unsigned 8-bit PCM around 128', () => {
    expect(decode(format('pcm', 8), [0, 128, 255])).toEqual([-1, 0, 127 / 128]);
  });

  it('decodes signed 16-bit little-endian PCM', () => {
    expect(decode(format('pcm', 16), [0x00, 0x80, 0xff, 0xff, 0xff, 0x7f])).toEqual([-1, -1 / 32768, 32767 / 32768]);
  });

  it('decodes signed 24-bit PCM, sign-extending the top byte', () => {
    expect(decode(format('pcm', 24), [0x00, 0x00, 0x80, 0x01, 0x00, 0x00])).toEqual([-1, 1 / 8388608]);
  });

  it('decodes signed 32-bit PCM', () => {
    const out = decode(format('pcm', 32), [0x00, 0x00, 0x00, 0x80, 0x00, 0x00, 0x00, 0x40]);
    expect(out).toEqual([-1, 0.5]);
  });

  it('decodes 20-bit PCM in a 24-bit container as left-justified', () => {
    expect(decode(format('pcm', 20, 1, { blockAlign: 3 }), [0x00, 0x00, 0x40])).toEqual([0.5]);
  });

  it('decodes IEEE float 32 and 64, turning NaN and infinity into silence', () => {
    const f32 = new Uint8Array(new Float32Array([0.25, -0.5, NaN, Infinity]).buffer);
    expect(decode(format('float', 32), Array.from(f32))).toEqual([0.25, -0.5, 0, 0]);
    const f64 = new Uint8Array(new Float64Array([0.125, -1]).buffer);
    expect(decode(format('float', 64), Array.from(f64))).toEqual([0.125, -1]);
  });

  it('decodes A-law and mu-law with the G.711 tables', () => {
    expect(decode(format('alaw', 8), [0xd5, 0x55, 0xaa])).toEqual([8 / 32768, -8 / 32768, 32256 / 32768]);
    expect(decode(format('mulaw', 8), [0xff, 0x80, 0x00])).toEqual([0, 32124 / 32768, -32124 / 32768]);
  });

  it('keeps channels interleaved and decodes only whole frames', () => {
    const decoder = createDecoder(format('pcm', 16, 2));
    const out = new Float32Array(4);
    const frames = decoder.decode(Uint8Array.from([0, 0x40, 0, 0xc0, 0, 0x20, 0]), out);
    expect(frames).toBe(1);
    expect(Array.from(out.subarray(0, 2))).toEqual([0.5, -0.5]);
  });

  it('names an unsupported encoding and its format tag', () => {
    expect(() => createDecoder(format(null, 4))).toThrowError(
      new VoiceprepError('unsupported-encoding', 'unsupported encoding: IMA ADPCM (format tag 0x0011)'),
    );
  });

  it('rejects bit depths it cannot decode with the bit depth in the message', () => {
    expect(() => createDecoder(format('pcm', 40))).toThrow(/unsupported encoding: 40-bit PCM/);
    expect(() => createDecoder(format('float', 16))).toThrow(/16-bit IEEE float/);
    expect(() => createDecoder(format('alaw', 16))).toThrow(/16-bit A-law/);
    expect(() => createDecoder(format('pcm', 0))).toThrow(/0-bit PCM/);
  });
});
