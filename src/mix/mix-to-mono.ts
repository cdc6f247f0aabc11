import { FLOAT_FROM_ALAW, FLOAT_FROM_MULAW } from '../codecs/g711-expand.js';
import type { PcmBlock, SampleFormat } from '../source/audio-source.js';
import type { KernelExports, Kernels } from '../wasm/kernels.js';

type DecodeKernel = (kernels: KernelExports, src: number, dst: number, frames: number, channels: number, tables: G711Tables) => void;

interface G711Tables {
  alaw: number;
  mulaw: number;
}

/** For each sample encoding: its size, and the kernel (src/mix/kernels/decode-frames.ts) that decodes and mixes it. */
const DECODERS: Record<SampleFormat, { bytes: number; kernel: DecodeKernel }> = {
  u8: { bytes: 1, kernel: (k, s, d, f, c) => k.decode_u8(s, d, f, c) },
  s16le: { bytes: 2, kernel: (k, s, d, f, c) => k.decode_s16le(s, d, f, c) },
  s24le: { bytes: 3, kernel: (k, s, d, f, c) => k.decode_s24le(s, d, f, c) },
  s32le: { bytes: 4, kernel: (k, s, d, f, c) => k.decode_s32le(s, d, f, c) },
  f32le: { bytes: 4, kernel: (k, s, d, f, c) => k.decode_f32le(s, d, f, c) },
  f64le: { bytes: 8, kernel: (k, s, d, f, c) => k.decode_f64le(s, d, f, c) },
  s16be: { bytes: 2, kernel: (k, s, d, f, c) => k.decode_s16be(s, d, f, c) },
  s24be: { bytes: 3, kernel: (k, s, d, f, c) => k.decode_s24be(s, d, f, c) },
  s32be: { bytes: 4, kernel: (k, s, d, f, c) => k.decode_s32be(s, d, f, c) },
  f32be: { bytes: 4, kernel: (k, s, d, f, c) => k.decode_f32be(s, d, f, c) },
  f64be: { bytes: 8, kernel: (k, s, d, f, c) => k.decode_f64be(s, d, f, c) },
  alaw: { bytes: 1, kernel: (k, s, d, f, c, t) => k.decode_table8(s, d, f, c, t.alaw) },
  mulaw: { bytes: 1, kernel: (k, s, d, f, c, t) => k.decode_table8(s, d, f, c, t.mulaw) },
};

/** Bytes the widest sample encoding takes: the input area holds a block of any encoding. */
const WIDEST_SAMPLE = 8;
/** Vector loads may read this far past the last byte of a block (the 24-bit kernel reads 16 bytes for 12). */
const READ_SLACK = 16;

export function bytesPerSample(format: SampleFormat): number {
  return DECODERS[format].bytes;
}

/**
 * Folds PCM blocks of any layout and encoding into mono, the mean of the channels, so that a signal present in every
 * channel keeps its level and a mono file is unchanged. The work is done by WebAssembly kernels in the kernels' own
 * memory, and the mono blocks are views of it: each is valid until the next one is produced. Blocks of more than
 * `maxFrames` frames come out in several pieces.
 */
export class MonoMixer {
  private readonly inputAddress: number;
  private readonly inputBytes: number;
  private readonly outputAddress: number;
  private readonly pointersAddress: number;
  private readonly tables: G711Tables;

  constructor(
    private readonly kernels: Kernels,
    private readonly channels: number,
    readonly maxFrames: number,
  ) {
    this.inputBytes = maxFrames * channels * WIDEST_SAMPLE;
    this.inputAddress = kernels.alloc(this.inputBytes + READ_SLACK);
    this.outputAddress = kernels.alloc(maxFrames * 4);
    this.pointersAddress = kernels.alloc(channels * 4);
    this.tables = { alaw: kernels.alloc(256 * 4), mulaw: kernels.alloc(256 * 4) };
    kernels.f32(this.tables.alaw, 256).set(FLOAT_FROM_ALAW);
    kernels.f32(this.tables.mulaw, 256).set(FLOAT_FROM_MULAW);
  }

  /** Where a source may read the next block's sample bytes to (at most `byteLength`, and at most what one block holds). */
  input(byteLength: number): Uint8Array {
    return this.kernels.u8(this.inputAddress, Math.min(byteLength, this.inputBytes));
  }

  *mix(block: PcmBlock): Generator<Float32Array> {
    if (block.layout === 'planar') yield* this.mixPlanar(block.channels, block.frames);
    else yield* this.mixInterleaved(block.bytes, block.sampleFormat, block.frames);
  }

  private *mixInterleaved(bytes: Uint8Array, format: SampleFormat, frames: number): Generator<Float32Array> {
    const { bytes: width, kernel } = DECODERS[format];
    const frameBytes = width * this.channels;
    const available = Math.min(frames, Math.floor(bytes.length / frameBytes));
    // A source that read its bytes into `input()` has put them where the kernels read them already.
    const inPlace = this.kernels.holds(bytes) && bytes.byteOffset === this.inputAddress && available <= this.maxFrames;
    for (let done = 0; done < available; ) {
      const count = Math.min(this.maxFrames, available - done);
      if (!inPlace) this.kernels.u8(this.inputAddress, count * frameBytes).set(bytes.subarray(done * frameBytes, (done + count) * frameBytes));
      kernel(this.kernels.exports, this.inputAddress, this.outputAddress, count, this.channels, this.tables);
      yield this.kernels.f32(this.outputAddress, count);
      done += count;
    }
  }

  private *mixPlanar(channels: readonly Float32Array[], frames: number): Generator<Float32Array> {
    for (let done = 0; done < frames; ) {
      const count = Math.min(this.maxFrames, frames - done);
      if (this.channels === 1) {
        this.kernels.f32(this.outputAddress, count).set(channels[0].subarray(done, done + count));
      } else {
        const pointers = this.kernels.u32(this.pointersAddress, this.channels);
        for (let c = 0; c < this.channels; c++) {
          const address = this.inputAddress + c * this.maxFrames * 4;
          this.kernels.f32(address, count).set(channels[c].subarray(done, done + count));
          pointers[c] = address;
        }
        this.kernels.exports.mix_planar(this.pointersAddress, this.channels, this.outputAddress, count);
      }
      yield this.kernels.f32(this.outputAddress, count);
      done += count;
    }
  }
}
