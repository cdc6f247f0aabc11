/**
 * Plain TypeScript versions of the WebAssembly kernels, written for clarity rather than speed, that the kernels are
 * tested against. Decoding, mixing and G.711/PCM encoding must match bit for bit, so these repeat the kernels' f32
 * arithmetic exactly (Math.fround after every operation the kernel does in f32); the FIR kernels sum in a different
 * order (vector lanes), so their references sum in f64 and are compared within a tolerance.
 */
import type { SampleFormat } from '../../src/source/audio-source.js';
import { linear16FromAlaw, linear16FromMulaw } from '../../src/codecs/g711-expand.js';
import { g191AlawCompress, g191UlawCompress } from './g191.js';

const f = Math.fround;

const WIDTH: Record<SampleFormat, number> = {
  u8: 1, s16le: 2, s24le: 3, s32le: 4, f32le: 4, f64le: 8, s16be: 2, s24be: 3, s32be: 4, f32be: 4, f64be: 8, alaw: 1, mulaw: 1,
};

/** A decoded sample as an f32, the way the kernel reads it (non-finite floats become 0). */
function sampleAt(format: SampleFormat, view: DataView, at: number): number {
  const finite = (x: number) => (Number.isFinite(x) ? x : 0);
  switch (format) {
    case 'u8':
      return f((view.getUint8(at) - 128) * f(1 / 128));
    case 's16le':
    case 's16be':
      return f(view.getInt16(at, format === 's16le') * f(1 / 32768));
    case 's24le':
    case 's24be': {
      const [b0, b1, b2] = format === 's24le' ? [0, 1, 2] : [2, 1, 0];
      const value = ((view.getUint8(at + b0) | (view.getUint8(at + b1) << 8) | (view.getUint8(at + b2) << 16)) << 8) >> 8;
      return f(value * f(1 / 8388608));
    }
    case 's32le':
    case 's32be':
      return f(f(view.getInt32(at, format === 's32le')) * f(1 / 2147483648));
    case 'f32le':
    case 'f32be':
      return finite(view.getFloat32(at, format === 'f32le'));
    case 'f64le':
    case 'f64be':
      return finite(f(view.getFloat64(at, format === 'f64le')));
    case 'alaw':
      return f(linear16FromAlaw(view.getUint8(at)) / 32768);
    case 'mulaw':
      return f(linear16FromMulaw(view.getUint8(at)) / 32768);
  }
}

/** The mean of each frame's channels: summed in channel order in f32, times the f32 nearest to 1/channels. */
export function referenceDecodeToMono(bytes: Uint8Array, format: SampleFormat, channels: number): Float32Array {
  const width = WIDTH[format];
  const frames = Math.floor(bytes.length / (width * channels));
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const scale = f(1 / channels);
  const out = new Float32Array(frames);
  for (let i = 0; i < frames; i++) {
    let sum = sampleAt(format, view, i * channels * width);
    for (let c = 1; c < channels; c++) sum = f(sum + sampleAt(format, view, (i * channels + c) * width));
    out[i] = f(sum * scale);
  }
  return out;
}

export function referenceMixPlanar(channels: readonly Float32Array[], frames: number): Float32Array {
  const scale = f(1 / channels.length);
  return Float32Array.from({ length: frames }, (_, i) => {
    let sum = channels[0][i];
    for (let c = 1; c < channels.length; c++) sum = f(sum + channels[c][i]);
    return f(sum * scale);
  });
}

/** Output k = sum over t of x[start_k + t] * row_k[t]; start and row advance by down/up input samples per output. */
export function referenceFirBank(
  x: Float32Array,
  bank: Float32Array,
  taps: number,
  count: number,
  start: number,
  phase: number,
  up: number,
  down: number,
): Float64Array {
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const position = start * up + phase + k * down; // in units of 1/up input samples
    const first = Math.floor(position / up);
    const row = position % up;
    let sum = 0;
    for (let t = 0; t < taps; t++) sum += x[first + t] * bank[row * taps + t];
    out[k] = sum;
  }
  return out;
}

/** As referenceFirBank, each output blending the two rows of a `density`-row table around its fraction. */
export function referenceFirInterpolated(
  x: Float32Array,
  table: Float32Array,
  taps: number,
  count: number,
  start: number,
  phase: number,
  up: number,
  down: number,
  density: number,
): Float64Array {
  const out = new Float64Array(count);
  for (let k = 0; k < count; k++) {
    const position = start * up + phase + k * down;
    const first = Math.floor(position / up);
    const where = ((position % up) * density) / up;
    const row = Math.floor(where);
    const weight = where - row;
    let sum = 0;
    for (let t = 0; t < taps; t++) {
      const c = table[row * taps + t] + weight * (table[(row + 1) * taps + t] - table[row * taps + t]);
      sum += x[first + t] * c;
    }
    out[k] = sum;
  }
  return out;
}

export interface ReferenceEncoded {
  bytes: Uint8Array;
  highest: number;
  lowest: number;
  clipped: number;
}
/** The A-law case, under the name the level and peak specs use. */
export type ReferenceAlaw = ReferenceEncoded;

/** Rounded to nearest (ties up, as Math.round), clipped to 16 bits and counted, then G.191 A-law. */
export function referenceAlawEncode(block: Float32Array): ReferenceAlaw {
  return referenceEncode(block, 'alaw');
}

/**
 * Rounded to nearest (ties up, as Math.round), clipped to 16 bits and counted, then coded as the encoding says: G.191
 * A-law, G.191 mu-law, or 16-bit little-endian PCM.
 */
export function referenceEncode(block: Float32Array, encoding: 'alaw' | 'ulaw' | 'pcm16'): ReferenceEncoded {
  let highest = 0;
  let lowest = 0;
  let clipped = 0;
  const width = encoding === 'pcm16' ? 2 : 1;
  const bytes = new Uint8Array(block.length * width);
  block.forEach((x, i) => {
    const value = x * 32768;
    highest = Math.max(highest, value);
    lowest = Math.min(lowest, value);
    const rounded = Math.round(value);
    if (rounded > 32767 || rounded < -32768) clipped++;
    const sample = Math.max(-32768, Math.min(32767, rounded));
    if (encoding === 'alaw') bytes[i] = g191AlawCompress(sample);
    else if (encoding === 'ulaw') bytes[i] = g191UlawCompress(sample);
    else new DataView(bytes.buffer).setInt16(2 * i, sample, true);
  });
  return { bytes, highest, lowest, clipped };
}
