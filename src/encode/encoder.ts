import { FLOAT_FROM_ALAW, FLOAT_FROM_MULAW } from '../codecs/g711-expand.js';
import type { OutputEncoding } from '../profile/encodings.js';
import type { Kernels } from '../wasm/kernels.js';
import { KernelDecoder } from './kernel-decoder.js';
import { KernelEncoder } from './kernel-encoder.js';
import type { SampleEncoder } from './sample-encoder.js';

/** An output encoding's codec: what the pipeline needs to write it, and to hear what it wrote. */
export interface OutputCodec {
  /** The last step before the bytes: full-scale floats become this encoding's samples. */
  createEncoder(kernels: Kernels, maxBlock: number): SampleEncoder;
  /** Decodes encoded samples to full-scale floats (what the file plays) into `into`; returns the sample count. */
  decode(encoded: Uint8Array, into: Float32Array): number;
  /** The same decoding by a WebAssembly kernel, for a stream of blocks of at most `maxBlock` samples. */
  createDecoder(kernels: Kernels, maxBlock: number): KernelDecoder;
  /** The largest magnitude among encoded samples, full scale = 1.0. */
  peak(encoded: Uint8Array): number;
}

/** G.711 codes decode through a table of 256 floats. */
function g711(table: Float32Array, law: 'alaw' | 'ulaw'): OutputCodec {
  return {
    createEncoder: (kernels, maxBlock) => new KernelEncoder(kernels, maxBlock, law),
    createDecoder: (kernels, maxBlock) => new KernelDecoder(kernels, maxBlock, { kind: 'table', table }, 1),
    decode(encoded, into) {
      for (let i = 0; i < encoded.length; i++) into[i] = table[encoded[i]];
      return encoded.length;
    },
    peak(encoded) {
      let peak = 0;
      for (let i = 0; i < encoded.length; i++) peak = Math.max(peak, Math.abs(table[encoded[i]]));
      return peak;
    },
  };
}

/** Little-endian 16-bit samples, read from any byte offset (a block need not be aligned). */
const pcm16: OutputCodec = {
  createEncoder: (kernels, maxBlock) => new KernelEncoder(kernels, maxBlock, 'pcm16'),
  createDecoder: (kernels, maxBlock) => new KernelDecoder(kernels, maxBlock, { kind: 's16' }, 2),
  decode(encoded, into) {
    const count = encoded.length >> 1;
    for (let i = 0; i < count; i++) into[i] = (((encoded[2 * i + 1] << 24) >> 16) | encoded[2 * i]) / 32768;
    return count;
  },
  peak(encoded) {
    let peak = 0;
    for (let i = 0; i + 1 < encoded.length; i += 2) peak = Math.max(peak, Math.abs(((encoded[i + 1] << 24) >> 16) | encoded[i]));
    return peak / 32768;
  },
};

const CODECS: Record<OutputEncoding, OutputCodec> = {
  alaw: g711(FLOAT_FROM_ALAW, 'alaw'),
  ulaw: g711(FLOAT_FROM_MULAW, 'ulaw'),
  pcm16,
};

/** The codec for a profile's encoding: the one place an output encoding meets its encoder. */
export function codecFor(encoding: OutputEncoding): OutputCodec {
  return CODECS[encoding];
}
