/**
 * AIFF, AIFF-C, AU and CAF files for tests, built from the sample bytes of a WAV file (test/support/wav-builder.ts), so
 * that a test can ask for the same samples in both containers and expect the same conversion.
 */

export interface AiffOptions {
  channels: number;
  sampleRate: number;
  bitsPerSample: number;
  /** Sample bytes as the AIFF stores them. */
  samples: Uint8Array;
  /** An AIFF-C compression type ('NONE', 'sowt', 'fl32', ...); plain AIFF when absent. */
  compression?: string;
  /** COMM's frame count, when it is to differ from what the samples hold. */
  declaredFrames?: number;
  /** Leave a chunk out. */
  without?: 'COMM' | 'SSND';
  /** SSND's offset field (the samples start that many bytes later). */
  ssndOffset?: number;
  /** SSND's size field, when it is to differ from what the chunk holds (0: written to a pipe). */
  ssndDeclaredSize?: number;
  /** Chunks of no interest to a reader, this many, before COMM and SSND. */
  otherChunks?: number;
}

export function aiffFile(options: AiffOptions): Uint8Array {
  const { channels, sampleRate, bitsPerSample, samples, compression } = options;
  const bytesPerFrame = Math.ceil(bitsPerSample / 8) * channels;
  const frames = options.declaredFrames ?? Math.floor(samples.length / bytesPerFrame);
  const comm = new Uint8Array(compression === undefined ? 18 : 24);
  const view = new DataView(comm.buffer);
  view.setUint16(0, channels);
  view.setUint32(2, frames);
  view.setUint16(6, bitsPerSample);
  comm.set(extended(sampleRate), 8);
  if (compression !== undefined) comm.set(ascii(compression), 18); // and an empty name (a zero length, a pad byte)
  const offset = options.ssndOffset ?? 0;
  const ssnd = new Uint8Array(8 + offset + samples.length);
  new DataView(ssnd.buffer).setUint32(0, offset);
  ssnd.set(samples, 8 + offset);
  const chunks: Array<[string, Uint8Array, number?]> = [];
  if (compression !== undefined) chunks.push(['FVER', Uint8Array.of(0xa2, 0x80, 0x51, 0x40)]);
  for (let i = 0; i < (options.otherChunks ?? 0); i++) chunks.push(['APPL', ascii('voiceprep')]);
  if (options.without !== 'COMM') chunks.push(['COMM', comm]);
  if (options.without !== 'SSND') chunks.push(['SSND', ssnd, options.ssndDeclaredSize]);
  return iff('FORM', compression === undefined ? 'AIFF' : 'AIFC', chunks);
}

export interface AuOptions {
  channels: number;
  sampleRate: number;
  /** The AU encoding number: 1 mu-law, 2-5 PCM of 8-32 bits, 6-7 float, 27 A-law. */
  encoding: number;
  samples: Uint8Array;
  /** The header's data size, when it is to differ (0xffffffff: unknown). */
  declaredSize?: number;
  /** The header's data offset, when it is to differ from 24 plus an 8-byte annotation. */
  dataOffset?: number;
}

export function auFile(options: AuOptions): Uint8Array {
  const header = new Uint8Array(32);
  const view = new DataView(header.buffer);
  header.set(ascii('.snd'));
  view.setUint32(4, options.dataOffset ?? header.length);
  view.setUint32(8, options.declaredSize ?? options.samples.length);
  view.setUint32(12, options.encoding);
  view.setUint32(16, options.sampleRate);
  view.setUint32(20, options.channels);
  header.set(ascii('voicepr'), 24);
  const file = new Uint8Array(header.length + options.samples.length);
  file.set(header);
  file.set(options.samples, header.length);
  return file;
}

export interface CafOptions {
  channels: number;
  sampleRate: number;
  /** 'lpcm', 'alaw', 'ulaw', 'alac', ... */
  formatId: string;
  /** For 'lpcm': 1 float, 2 little-endian. */
  flags?: number;
  bytesPerPacket: number;
  bitsPerChannel: number;
  samples: Uint8Array;
  /** The data chunk's size field, when it is to differ (-1: unknown, a recording to a pipe). */
  declaredDataSize?: bigint;
}

export function cafFile(options: CafOptions): Uint8Array {
  const desc = new Uint8Array(32);
  const view = new DataView(desc.buffer);
  view.setFloat64(0, options.sampleRate);
  desc.set(ascii(options.formatId), 8);
  view.setUint32(12, options.flags ?? 0);
  view.setUint32(16, options.bytesPerPacket);
  view.setUint32(20, 1);
  view.setUint32(24, options.channels);
  view.setUint32(28, options.bitsPerChannel);
  const data = new Uint8Array(4 + options.samples.length); // the edit count, then the samples
  data.set(options.samples, 4);
  const chunks: Array<[string, Uint8Array, bigint]> = [
    ['desc', desc, 32n],
    ['data', data, options.declaredDataSize ?? BigInt(data.length)],
  ];
  const file = new Uint8Array(8 + chunks.reduce((sum, [, body]) => sum + 12 + body.length, 0));
  const fileView = new DataView(file.buffer);
  file.set(ascii('caff'));
  fileView.setUint16(4, 1);
  let at = 8;
  for (const [type, body, size] of chunks) {
    file.set(ascii(type), at);
    fileView.setBigInt64(at + 4, size);
    file.set(body, at + 12);
    at += 12 + body.length;
  }
  return file;
}

/** Sample bytes of `width` bytes each with their byte order reversed: little-endian WAV samples made big-endian. */
export function swapBytes(samples: Uint8Array, width: number): Uint8Array {
  const swapped = new Uint8Array(samples.length);
  for (let at = 0; at < samples.length; at += width) {
    for (let i = 0; i < width; i++) swapped[at + i] = samples[at + width - 1 - i];
  }
  return swapped;
}

/** Unsigned 8-bit samples (WAV's) as signed ones (AIFF's and AU's). */
export function signed8(samples: Uint8Array): Uint8Array {
  return samples.map((byte) => byte ^ 0x80);
}

/** The sample bytes of a canonical WAV file built by wav-builder (a 44-byte header, or more with `fact`). */
export function dataOf(wave: Uint8Array): Uint8Array {
  for (let at = 12; at + 8 <= wave.length; ) {
    const size = new DataView(wave.buffer, wave.byteOffset + at + 4, 4).getUint32(0, true);
    if (String.fromCharCode(...wave.subarray(at, at + 4)) === 'data') return wave.subarray(at + 8, at + 8 + size);
    at += 8 + size + (size % 2);
  }
  throw new Error('no data chunk');
}

function iff(magic: string, form: string, chunks: Array<[string, Uint8Array, number?]>): Uint8Array {
  const size = 4 + chunks.reduce((sum, [, body]) => sum + 8 + body.length + (body.length % 2), 0);
  const file = new Uint8Array(8 + size);
  const view = new DataView(file.buffer);
  file.set(ascii(magic));
  view.setUint32(4, size);
  file.set(ascii(form), 8);
  let at = 12;
  for (const [id, body, declaredSize] of chunks) {
    file.set(ascii(id), at);
    view.setUint32(at + 4, declaredSize ?? body.length);
    file.set(body, at + 8);
    at += 8 + body.length + (body.length % 2);
  }
  return file;
}

/** A positive integer as an 80-bit IEEE 754 extended number (AIFF's sample rate). */
function extended(value: number): Uint8Array {
  const bytes = new Uint8Array(10);
  const exponent = Math.floor(Math.log2(value));
  const view = new DataView(bytes.buffer);
  view.setUint16(0, 16383 + exponent);
  const mantissa = BigInt(value) << BigInt(63 - exponent);
  view.setBigUint64(2, mantissa);
  return bytes;
}

function ascii(text: string): Uint8Array {
  return Uint8Array.from(text, (char) => char.charCodeAt(0));
}
