import { alawFromLinear16 } from '../../src/codecs/g711-alaw.js';
import { canonicalFileSize, canonicalHeader } from '../../src/write/canonical-wave.js';

/**
 * Builds WAVE files chunk by chunk, including broken ones: every size can be overridden, pad bytes left out, the
 * container and form type changed. The reader, checker and fuzz tests all start from here.
 */

export interface ChunkSpec {
  id: string;
  body: Uint8Array;
  /** The size written in the chunk header; defaults to the body's length. */
  declaredSize?: number;
  /** Write the pad byte after an odd-sized body (default true). */
  pad?: boolean;
}

export interface ContainerOptions {
  magic?: 'RIFF' | 'RF64' | 'BW64' | string;
  form?: string;
  /** The RIFF size field; defaults to the true size. */
  riffSize?: number;
}

export function buildRiff(chunks: ChunkSpec[], options: ContainerOptions = {}): Uint8Array {
  const parts: Uint8Array[] = [];
  for (const chunk of chunks) {
    const header = new Uint8Array(8);
    header.set(asciiBytes(chunk.id.padEnd(4, ' ').slice(0, 4)));
    new DataView(header.buffer).setUint32(4, chunk.declaredSize ?? chunk.body.length, true);
    parts.push(header, chunk.body);
    if (chunk.body.length % 2 === 1 && chunk.pad !== false) parts.push(new Uint8Array(1));
  }
  const bodyLength = parts.reduce((sum, part) => sum + part.length, 0);
  const file = new Uint8Array(12 + bodyLength);
  file.set(asciiBytes(options.magic ?? 'RIFF'));
  new DataView(file.buffer).setUint32(4, options.riffSize ?? 4 + bodyLength, true);
  file.set(asciiBytes(options.form ?? 'WAVE'), 8);
  let at = 12;
  for (const part of parts) {
    file.set(part, at);
    at += part.length;
  }
  return file;
}

export interface FmtFields {
  formatTag: number;
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  blockAlign?: number;
  byteRate?: number;
  /** Write cbSize (an 18-byte fmt) even when there is no extension. */
  cbSize?: number;
  extensible?: { validBits?: number; channelMask?: number; subFormatTag: number; guidTail?: Uint8Array };
}

const STANDARD_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

export function fmtBody(fields: FmtFields): Uint8Array {
  const blockAlign = fields.blockAlign ?? fields.channels * Math.ceil(fields.bitsPerSample / 8);
  const size = fields.extensible ? 40 : fields.cbSize !== undefined ? 18 : 16;
  const body = new Uint8Array(size);
  const view = new DataView(body.buffer);
  view.setUint16(0, fields.extensible ? 0xfffe : fields.formatTag, true);
  view.setUint16(2, fields.channels, true);
  view.setUint32(4, fields.sampleRate, true);
  view.setUint32(8, fields.byteRate ?? fields.sampleRate * blockAlign, true);
  view.setUint16(12, blockAlign, true);
  view.setUint16(14, fields.bitsPerSample, true);
  if (fields.extensible) {
    view.setUint16(16, 22, true);
    view.setUint16(18, fields.extensible.validBits ?? fields.bitsPerSample, true);
    view.setUint32(20, fields.extensible.channelMask ?? 0, true);
    view.setUint16(24, fields.extensible.subFormatTag, true);
    body.set(fields.extensible.guidTail ?? STANDARD_GUID_TAIL, 26);
  } else if (fields.cbSize !== undefined) {
    view.setUint16(16, fields.cbSize, true);
  }
  return body;
}

export type SampleFormat = 'u8' | 's16' | 's24' | 's32' | 'f32' | 'f64' | 'alaw' | 'mulaw';

export const SAMPLE_FORMATS: readonly SampleFormat[] = ['u8', 's16', 's24', 's32', 'f32', 'f64', 'alaw', 'mulaw'];

const LAYOUT: Record<SampleFormat, { tag: number; bits: number }> = {
  u8: { tag: 1, bits: 8 },
  s16: { tag: 1, bits: 16 },
  s24: { tag: 1, bits: 24 },
  s32: { tag: 1, bits: 32 },
  f32: { tag: 3, bits: 32 },
  f64: { tag: 3, bits: 64 },
  alaw: { tag: 6, bits: 8 },
  mulaw: { tag: 7, bits: 8 },
};

/** Encodes interleaved full-scale floats as the given sample format (what a WAV writer would store). */
export function encodeSamples(samples: Float32Array, format: SampleFormat): Uint8Array {
  const width = LAYOUT[format].bits / 8;
  const bytes = new Uint8Array(samples.length * width);
  const view = new DataView(bytes.buffer);
  samples.forEach((sample, i) => {
    const at = i * width;
    const clamp = (scale: number) => Math.max(-scale, Math.min(scale - 1, Math.round(sample * scale)));
    switch (format) {
      case 'u8':
        return view.setUint8(at, clamp(128) + 128);
      case 's16':
        return view.setInt16(at, clamp(32768), true);
      case 's24': {
        const value = clamp(8388608);
        view.setUint8(at, value & 0xff);
        return view.setInt16(at + 1, value >> 8, true);
      }
      case 's32':
        return view.setInt32(at, clamp(2147483648), true);
      case 'f32':
        return view.setFloat32(at, sample, true);
      case 'f64':
        return view.setFloat64(at, sample, true);
      case 'alaw':
        return view.setUint8(at, alawFromLinear16(clamp(32768)));
      case 'mulaw':
        return view.setUint8(at, mulawFromLinear16(clamp(32768)));
    }
  });
  return bytes;
}

export interface WaveOptions {
  format: SampleFormat;
  channels: number;
  sampleRate: number;
  /** Interleaved samples. */
  samples: Float32Array;
  extensible?: boolean;
  /** Chunks to put before fmt (e.g. LIST, JUNK). */
  before?: ChunkSpec[];
  /** Chunks to put after data. */
  after?: ChunkSpec[];
  fact?: boolean;
}

/** A complete, valid WAVE file of the given format. */
export function waveFile(options: WaveOptions): Uint8Array {
  const { tag, bits } = LAYOUT[options.format];
  const fmt = fmtBody({
    formatTag: tag,
    channels: options.channels,
    sampleRate: options.sampleRate,
    bitsPerSample: bits,
    cbSize: tag === 1 ? undefined : 0,
    extensible: options.extensible ? { subFormatTag: tag } : undefined,
  });
  const frames = options.samples.length / options.channels;
  const fact = new Uint8Array(4);
  new DataView(fact.buffer).setUint32(0, frames, true);
  return buildRiff([
    ...(options.before ?? []),
    { id: 'fmt ', body: fmt },
    ...(options.fact ? [{ id: 'fact', body: fact }] : []),
    { id: 'data', body: encodeSamples(options.samples, options.format) },
    ...(options.after ?? []),
  ]);
}

/** mu-law encoding as G.191's ulaw_compress (used only to build test inputs; the product never writes mu-law). */
function mulawFromLinear16(sample: number): number {
  const absno = sample < 0 ? ((~sample) >> 2) + 33 : (sample >> 2) + 33;
  const clipped = Math.min(absno, 0x1fff);
  let segno = 1;
  for (let i = clipped >> 6; i !== 0; i >>= 1) segno++;
  const low = 0x0f - ((clipped >> segno) & 0x0f);
  const high = (8 - segno) << 4;
  const code = low | high;
  return sample >= 0 ? code | 0x80 : code;
}

export function asciiBytes(text: string): Uint8Array {
  return Uint8Array.from(text, (ch) => ch.charCodeAt(0) & 0xff);
}

/** A file in exactly the layout voiceprep writes (58-byte header, pad byte when odd): compliant by construction. */
export function canonicalAlawFile(samples: number, fill = 0xd5): Uint8Array {
  const header = canonicalHeader(samples);
  const file = new Uint8Array(canonicalFileSize(samples));
  file.set(header);
  file.fill(fill, header.length, header.length + samples);
  return file;
}
