// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/mix/mix-to-mono.ts. Each kernel reads whole interleaved frames of one sample encoding and writes their mono
// mix (the mean of the channels) as full-scale floats: decoding and mixing in one pass reads the input once and
// writes a quarter (16-bit stereo) of what a separate decode would, which is most of the time spent on PCM input.
//
// Arithmetic, which the reference in test/support/kernel-reference.ts repeats exactly: every sample becomes an f32
// (exact for 8, 16 and 24-bit integers), the channels are added in order in f32, and the sum is multiplied by the
// f32 nearest to 1/channels (exact for one and two channels).

// Sample encodings, numbered for this file only: each exported kernel passes its own to the shared loops below,
// which the optimizer then specializes.
const U8: i32 = 0;
const S16LE: i32 = 1;
const S24LE: i32 = 2;
const S32LE: i32 = 3;
const F32LE: i32 = 4;
const F64LE: i32 = 5;
const S16BE: i32 = 6;
const S24BE: i32 = 7;
const S32BE: i32 = 8;
const F32BE: i32 = 9;
const F64BE: i32 = 10;
const TABLE8: i32 = 11; // one byte per sample looked up in a 256-entry table (A-law, mu-law)

const S16_SCALE: f32 = 1.0 / 32768.0;
const S24_SCALE: f32 = 1.0 / 8388608.0;
const S32_SCALE: f32 = 1.0 / 2147483648.0;

@inline
function bytesPerSample(format: i32): i32 {
  if (format == U8 || format == TABLE8) return 1;
  if (format == S16LE || format == S16BE) return 2;
  if (format == S24LE || format == S24BE) return 3;
  if (format == F64LE || format == F64BE) return 8;
  return 4;
}

/** A NaN or an infinity would poison every filter after it; it is decoded as silence. */
@inline
function finite(value: f32): f32 {
  return value - value == 0 ? value : 0;
}

@inline
function sampleAt(format: i32, p: usize, table: usize): f32 {
  if (format == U8) return <f32>(<i32>load<u8>(p) - 128) * (1.0 / 128.0);
  if (format == S16LE) return <f32>load<i16>(p) * S16_SCALE;
  if (format == S16BE) return <f32>bswap<i16>(load<i16>(p)) * S16_SCALE;
  if (format == S24LE) return <f32>(((<i32>load<u8>(p) | (<i32>load<u8>(p, 1) << 8) | (<i32>load<u8>(p, 2) << 16)) << 8) >> 8) * S24_SCALE;
  if (format == S24BE) return <f32>(((<i32>load<u8>(p, 2) | (<i32>load<u8>(p, 1) << 8) | (<i32>load<u8>(p) << 16)) << 8) >> 8) * S24_SCALE;
  if (format == S32LE) return <f32>load<i32>(p) * S32_SCALE;
  if (format == S32BE) return <f32>bswap<i32>(load<i32>(p)) * S32_SCALE;
  if (format == F32LE) return finite(load<f32>(p));
  if (format == F32BE) return finite(reinterpret<f32>(bswap<i32>(load<i32>(p))));
  if (format == F64LE) return finite(<f32>load<f64>(p));
  if (format == F64BE) return finite(<f32>reinterpret<f64>(bswap<i64>(load<i64>(p))));
  return load<f32>(table + ((<usize>load<u8>(p)) << 2));
}

/** Any encoding, any channel count, one frame at a time: the general path, and the tail of the vector paths. */
@inline
function decodeScalar(format: i32, src: usize, dst: usize, from: i32, frames: i32, channels: i32, table: usize): void {
  const width = bytesPerSample(format);
  const frameBytes = <usize>(width * channels);
  const scale: f32 = <f32>1.0 / <f32>channels;
  let p = src + <usize>from * frameBytes;
  for (let i = from; i < frames; i++) {
    let sum = sampleAt(format, p, table);
    for (let c = 1; c < channels; c++) sum += sampleAt(format, p + <usize>(c * width), table);
    store<f32>(dst + (<usize>i << 2), sum * scale);
    p += frameBytes;
  }
}

export function decode_u8(src: usize, dst: usize, frames: i32, channels: i32): void {
  decodeScalar(U8, src, dst, 0, frames, channels, 0);
}

export function decode_s16le(src: usize, dst: usize, frames: i32, channels: i32): void {
  let done = 0;
  if (channels == 1) {
    const scale = f32x4.splat(S16_SCALE);
    for (; done + 8 <= frames; done += 8) {
      const words = v128.load(src + (<usize>done << 1));
      const out = dst + (<usize>done << 2);
      v128.store(out, f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_low_i16x8_s(words)), scale));
      v128.store(out, f32x4.mul(f32x4.convert_i32x4_s(i32x4.extend_high_i16x8_s(words)), scale), 16);
    }
  } else if (channels == 2) {
    // A pairwise add of the 16-bit words is left + right of each frame, exactly, in one instruction.
    const scale = f32x4.splat(0.5 * S16_SCALE);
    for (; done + 8 <= frames; done += 8) {
      const at = src + (<usize>done << 2);
      const out = dst + (<usize>done << 2);
      v128.store(out, f32x4.mul(f32x4.convert_i32x4_s(i32x4.extadd_pairwise_i16x8_s(v128.load(at))), scale));
      v128.store(out, f32x4.mul(f32x4.convert_i32x4_s(i32x4.extadd_pairwise_i16x8_s(v128.load(at, 16))), scale), 16);
    }
  }
  decodeScalar(S16LE, src, dst, done, frames, channels, 0);
}

/**
 * Four 24-bit samples (12 bytes) spread into the top three bytes of four 32-bit lanes: sign-correct integers that
 * are the samples times 256, so one conversion to float and one scale by 2^-31 decode them exactly.
 */
@inline
function s24x4(p: usize): v128 {
  const spread = i8x16(-1, 0, 1, 2, -1, 3, 4, 5, -1, 6, 7, 8, -1, 9, 10, 11);
  return f32x4.mul(f32x4.convert_i32x4_s(i8x16.swizzle(v128.load(p), spread)), f32x4.splat(S32_SCALE));
}

export function decode_s24le(src: usize, dst: usize, frames: i32, channels: i32): void {
  let done = 0;
  if (channels == 1) {
    // Reads 16 bytes for every 12 it uses: input buffers carry 16 bytes of slack after their data.
    for (; done + 4 <= frames; done += 4) v128.store(dst + (<usize>done << 2), s24x4(src + <usize>(done * 3)));
  } else if (channels == 2) {
    const half = f32x4.splat(0.5);
    for (; done + 4 <= frames; done += 4) {
      const at = src + <usize>(done * 6);
      const first = s24x4(at); // L0 R0 L1 R1
      const second = s24x4(at + 12); // L2 R2 L3 R3
      const left = v128.shuffle<f32>(first, second, 0, 2, 4, 6);
      const right = v128.shuffle<f32>(first, second, 1, 3, 5, 7);
      v128.store(dst + (<usize>done << 2), f32x4.mul(f32x4.add(left, right), half));
    }
  }
  decodeScalar(S24LE, src, dst, done, frames, channels, 0);
}

export function decode_s32le(src: usize, dst: usize, frames: i32, channels: i32): void {
  decodeScalar(S32LE, src, dst, 0, frames, channels, 0);
}

export function decode_f32le(src: usize, dst: usize, frames: i32, channels: i32): void {
  let done = 0;
  if (channels == 1) {
    const zero = f32x4.splat(0);
    for (; done + 4 <= frames; done += 4) {
      const value = v128.load(src + (<usize>done << 2));
      // x - x is 0 for a finite x and NaN otherwise: the comparison keeps exactly the finite lanes.
      v128.store(dst + (<usize>done << 2), v128.and(value, f32x4.eq(f32x4.sub(value, value), zero)));
    }
  }
  decodeScalar(F32LE, src, dst, done, frames, channels, 0);
}

export function decode_f64le(src: usize, dst: usize, frames: i32, channels: i32): void {
  decodeScalar(F64LE, src, dst, 0, frames, channels, 0);
}

export function decode_s16be(src: usize, dst: usize, frames: i32, channels: i32): void {
  decodeScalar(S16BE, src, dst, 0, frames, channels, 0);
}

export function decode_s24be(src: usize, dst: usize, frames: i32, channels: i32): void {
  decodeScalar(S24BE, src, dst, 0, frames, channels, 0);
}

export function decode_s32be(src: usize, dst: usize, frames: i32, channels: i32): void {
  decodeScalar(S32BE, src, dst, 0, frames, channels, 0);
}

export function decode_f32be(src: usize, dst: usize, frames: i32, channels: i32): void {
  decodeScalar(F32BE, src, dst, 0, frames, channels, 0);
}

export function decode_f64be(src: usize, dst: usize, frames: i32, channels: i32): void {
  decodeScalar(F64BE, src, dst, 0, frames, channels, 0);
}

/** One byte per sample through a 256-entry float table at `table`: how A-law and mu-law decode. */
export function decode_table8(src: usize, dst: usize, frames: i32, channels: i32, table: usize): void {
  decodeScalar(TABLE8, src, dst, 0, frames, channels, table);
}
