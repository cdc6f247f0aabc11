import { describe, expect, it } from 'vitest';
import { waveFile } from '../../../test/support/wav-builder.js';
import { VoiceprepError } from '../../errors.js';
import { bytesSource } from '../../source/byte-source.js';
import type { PcmBlock } from '../../source/audio-source.js';
import type { Encoding, WaveFormat } from './wave-header.js';
import { sampleFormatOf, waveReader } from './wave-reader.js';

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

describe('sampleFormatOf', () => {
  it('reads each WAVE encoding as the sample layout the mixer decodes', () => {
    expect(sampleFormatOf(format('pcm', 8))).toBe('u8');
    expect(sampleFormatOf(format('pcm', 16, 2))).toBe('s16le');
    expect(sampleFormatOf(format('pcm', 24))).toBe('s24le');
    expect(sampleFormatOf(format('pcm', 32))).toBe('s32le');
    expect(sampleFormatOf(format('float', 32))).toBe('f32le');
    expect(sampleFormatOf(format('float', 64))).toBe('f64le');
    expect(sampleFormatOf(format('alaw', 8))).toBe('alaw');
    expect(sampleFormatOf(format('mulaw', 8))).toBe('mulaw');
  });

  it('reads samples narrower than their container as the container (they are left-justified)', () => {
    expect(sampleFormatOf(format('pcm', 20, 1, { blockAlign: 3 }))).toBe('s24le');
    expect(sampleFormatOf(format('pcm', 12, 2, { blockAlign: 4 }))).toBe('s16le');
  });

  it('names an unsupported encoding and its format tag', () => {
    expect(() => sampleFormatOf(format(null, 4))).toThrowError(
      new VoiceprepError('unsupported-encoding', 'unsupported encoding: IMA ADPCM (format tag 0x0011)'),
    );
  });

  it('rejects bit depths it cannot decode with the bit depth in the message, and a block align that fits no channel count', () => {
    expect(() => sampleFormatOf(format('pcm', 40))).toThrow(/unsupported encoding: 40-bit PCM/);
    expect(() => sampleFormatOf(format('float', 16))).toThrow(/16-bit IEEE float/);
    expect(() => sampleFormatOf(format('alaw', 16))).toThrow(/16-bit A-law/);
    expect(() => sampleFormatOf(format('pcm', 0))).toThrow(/0-bit PCM/);
    expect(() => sampleFormatOf(format('pcm', 16, 2, { blockAlign: 5 }))).toThrow(/block align 5 does not fit 2 channel/);
  });
});

describe('waveReader', () => {
  const file = waveFile({ format: 's16', channels: 2, sampleRate: 44100, samples: Float32Array.from({ length: 2000 }, (_, i) => (i % 100) / 200) });

  it('recognizes RIFF, RF64 and BW64 WAVE files by their first twelve bytes, whatever the name', () => {
    expect(waveReader.recognizes(file.subarray(0, 12), { name: 'x.mp3' })).toBe(true);
    expect(waveReader.recognizes(file.subarray(0, 8), {})).toBe(false);
    expect(waveReader.recognizes(new TextEncoder().encode('RIFF\0\0\0\0AVI LIST'), {})).toBe(false);
  });

  it('yields the data chunk as blocks of whole frames, up to maxFrames, the same on every pass', async () => {
    const source = await waveReader.open(bytesSource(file), {});
    expect(source).toMatchObject({ sampleRate: 44100, channels: 2, frames: 1000, exactFrames: true });
    // a reader describes how its samples are stored, never what the output wants
    expect(source.stored?.sampleFormat).toBe('s16le');
    const frames = async (maxFrames?: number) => {
      const sizes: number[] = [];
      for await (const block of source.blocks({ blockFrames: 300, maxFrames })) sizes.push((block as Extract<PcmBlock, { layout: 'interleaved-bytes' }>).frames);
      return sizes;
    };
    expect(await frames()).toEqual([300, 300, 300, 100]);
    expect(await frames()).toEqual([300, 300, 300, 100]);
    expect(await frames(450)).toEqual([300, 150]);
  });

  it('probes the format and duration from the header', async () => {
    expect(await waveReader.probe(bytesSource(file), {})).toEqual({
      format: { container: 'RIFF', encoding: 'PCM', formatTag: 1, extensible: false, sampleRate: 44100, channels: 2, bitsPerSample: 16 },
      seconds: 1000 / 44100,
    });
  });
});
