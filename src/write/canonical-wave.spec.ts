import wavefilePkg from 'wavefile';
import { describe, expect, it } from 'vitest';
import { canonicalFileSize, canonicalHeader, canonicalTrailer, maxSamplesForFileSize } from './canonical-wave.js';

const { WaveFile } = wavefilePkg;

function file(samples: number): Uint8Array {
  const data = new Uint8Array(samples).fill(0xd5);
  const parts = [canonicalHeader(samples), data, canonicalTrailer(samples)];
  const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
  let offset = 0;
  for (const part of parts) {
    bytes.set(part, offset);
    offset += part.length;
  }
  return bytes;
}

const text = (bytes: Uint8Array, at: number) => String.fromCharCode(...bytes.subarray(at, at + 4));
const u32 = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer).getUint32(at, true);
const u16 = (bytes: Uint8Array, at: number) => new DataView(bytes.buffer).getUint16(at, true);

describe('canonical A-law WAV layout', () => {
  it('has exactly the chunks fmt (18 bytes), fact and data, in that order', () => {
    const bytes = file(10);
    expect([text(bytes, 0), text(bytes, 8), text(bytes, 12), text(bytes, 38), text(bytes, 50)]).toEqual([
      'RIFF', 'WAVE', 'fmt ', 'fact', 'data',
    ]);
    expect(u32(bytes, 16)).toBe(18);
    expect([u16(bytes, 20), u16(bytes, 22), u32(bytes, 24), u32(bytes, 28), u16(bytes, 32), u16(bytes, 34), u16(bytes, 36)])
      .toEqual([6, 1, 8000, 8000, 1, 8, 0]);
    expect(u32(bytes, 42)).toBe(4);
    expect(u32(bytes, 46)).toBe(10);
    expect(u32(bytes, 54)).toBe(10);
    expect(bytes.length).toBe(68);
    expect(u32(bytes, 4)).toBe(60);
  });

  it('pads an odd data chunk with one zero byte, counted by RIFF but not by data', () => {
    const bytes = file(7);
    expect(bytes.length).toBe(58 + 7 + 1);
    expect(bytes[bytes.length - 1]).toBe(0);
    expect(u32(bytes, 54)).toBe(7);
    expect(u32(bytes, 4)).toBe(bytes.length - 8);
    expect(canonicalFileSize(7)).toBe(66);
  });

  it('is read by wavefile, an independent reader, as A-law 8000 Hz mono', () => {
    const wav = new WaveFile(file(9));
    const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; bitsPerSample: number };
    expect([fmt.audioFormat, fmt.numChannels, fmt.sampleRate, fmt.bitsPerSample]).toEqual([6, 1, 8000, 8]);
    expect((wav.data as { chunkSize: number }).chunkSize).toBe(9);
  });

  it('finds the longest output that fits a size limit, pad byte included', () => {
    expect(maxSamplesForFileSize(2097152)).toBe(2097094);
    expect(canonicalFileSize(maxSamplesForFileSize(2097152))).toBe(2097152);
    expect(canonicalFileSize(maxSamplesForFileSize(2097153))).toBeLessThanOrEqual(2097153);
    expect(maxSamplesForFileSize(10)).toBe(0);
  });

  it('refuses a sample count that RIFF cannot hold', () => {
    expect(() => canonicalHeader(-1)).toThrow(RangeError);
    expect(() => canonicalHeader(0xffffffff)).toThrow(RangeError);
  });
});
