// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/encode/kernel-encoder.ts. Full-scale floats become 16-bit integers (rounded to nearest with ties up, as
// Math.round does; clipped to the 16-bit range and counted), and those become the output encoding's samples, sixteen
// at a time: G.711 A-law exactly as the ITU-T G.191 reference `alaw_compress` codes them, G.711 mu-law exactly as
// `ulaw_compress` does, or the 16-bit integers themselves (little-endian PCM).
//
// The A-law code of a 16-bit sample s: the magnitude m = (s < 0 ? ~s : s) >> 4 (0 .. 2047); its segment e is 0 for
// m < 16, else the position of its leading one bit minus 3 (1 .. 7), read here from the exponent of m as a float;
// the four bits below the leading one (the float's top four mantissa bits) are the step within the segment; a
// positive sample sets the sign bit 0x80; G.711 then inverts the even bits (^ 0x55).
//
// The mu-law code: a = ((s < 0 ? ~s : s) >> 2) + 33, at most 0x1FFF (so a is 33 .. 8191 and its leading one sits at
// bit 5 .. 12); G.191's segment is that position minus 4 (1 .. 8), and its code is 0x7F minus ((segment - 1) << 4 |
// the four bits below the leading one), which is the same as 0x7F ^ that; a sample >= 0 sets 0x80.

// stats[0] and stats[1]: the highest and lowest sample seen (in 16-bit units, before clipping), as f32;
// stats[2]: samples clipped, as i32. Kept by the caller between blocks.

const ALAW: i32 = 0;
const ULAW: i32 = 1;
const PCM16: i32 = 2;

@inline
function alawOfRounded(rounded: v128): v128 {
  const negative = i32x4.lt_s(rounded, i32x4.splat(0));
  const magnitude = i32x4.shr_s(v128.xor(rounded, negative), 4);
  const bits = f32x4.convert_i32x4_s(magnitude);
  const exponent = i32x4.sub(i32x4.shr_u(bits, 23), i32x4.splat(127 + 3));
  const segmented = v128.or(i32x4.shl(exponent, 4), v128.and(i32x4.shr_u(bits, 19), i32x4.splat(15)));
  const code = v128.bitselect(segmented, magnitude, i32x4.ge_s(magnitude, i32x4.splat(16)));
  return v128.xor(v128.or(code, v128.andnot(i32x4.splat(0x80), negative)), i32x4.splat(0x55));
}

@inline
function alawOfRoundedScalar(rounded: i32): i32 {
  const negative = rounded < 0;
  const magnitude = (negative ? ~rounded : rounded) >> 4;
  let code = magnitude;
  if (magnitude >= 16) {
    const segment = 28 - clz(magnitude);
    code = (segment << 4) | ((magnitude >> (segment - 1)) & 15);
  }
  return (negative ? code : code | 0x80) ^ 0x55;
}

@inline
function ulawOfRounded(rounded: v128): v128 {
  const negative = i32x4.lt_s(rounded, i32x4.splat(0));
  const biased = i32x4.min_s(i32x4.add(i32x4.shr_s(v128.xor(rounded, negative), 2), i32x4.splat(33)), i32x4.splat(0x1fff));
  const bits = f32x4.convert_i32x4_s(biased);
  const segmentLess1 = i32x4.sub(i32x4.shr_u(bits, 23), i32x4.splat(127 + 5));
  const code = v128.xor(v128.or(i32x4.shl(segmentLess1, 4), v128.and(i32x4.shr_u(bits, 19), i32x4.splat(15))), i32x4.splat(0x7f));
  return v128.or(code, v128.andnot(i32x4.splat(0x80), negative));
}

@inline
function ulawOfRoundedScalar(rounded: i32): i32 {
  const negative = rounded < 0;
  const biased = min(((negative ? ~rounded : rounded) >> 2) + 33, 0x1fff);
  const segment = 27 - clz(biased); // the leading one at bit 5 .. 12 gives 1 .. 8
  const code = 0x7f ^ (((segment - 1) << 4) | ((biased >> segment) & 15));
  return negative ? code : code | 0x80;
}

/** Four rounded, clipped 16-bit samples as the encoding's codes (G.711: one per i32 lane). */
@inline
function codesOf(law: i32, rounded: v128): v128 {
  if (law == ALAW) return alawOfRounded(rounded);
  if (law == ULAW) return ulawOfRounded(rounded);
  return rounded;
}

@inline
function encodeWith(law: i32, src: usize, dst: usize, count: i32, stats: usize): void {
  const full = f32x4.splat(32768);
  const half = f32x4.splat(0.5);
  const top = f32x4.splat(32767);
  const bottom = f32x4.splat(-32768);
  let highest = f32x4.splat(load<f32>(stats));
  let lowest = f32x4.splat(load<f32>(stats, 4));
  let clipped = i32x4.splat(0);
  let i = 0;
  for (; i + 16 <= count; i += 16) {
    const at = src + (<usize>i << 2);
    let a = f32x4.mul(v128.load(at), full);
    let b = f32x4.mul(v128.load(at, 16), full);
    let c = f32x4.mul(v128.load(at, 32), full);
    let d = f32x4.mul(v128.load(at, 48), full);
    highest = f32x4.max(highest, f32x4.max(f32x4.max(a, b), f32x4.max(c, d)));
    lowest = f32x4.min(lowest, f32x4.min(f32x4.min(a, b), f32x4.min(c, d)));
    a = f32x4.floor(f32x4.add(a, half));
    b = f32x4.floor(f32x4.add(b, half));
    c = f32x4.floor(f32x4.add(c, half));
    d = f32x4.floor(f32x4.add(d, half));
    // a comparison is -1 in every lane where it holds: subtracting it counts
    clipped = i32x4.sub(clipped, v128.or(f32x4.gt(a, top), f32x4.lt(a, bottom)));
    clipped = i32x4.sub(clipped, v128.or(f32x4.gt(b, top), f32x4.lt(b, bottom)));
    clipped = i32x4.sub(clipped, v128.or(f32x4.gt(c, top), f32x4.lt(c, bottom)));
    clipped = i32x4.sub(clipped, v128.or(f32x4.gt(d, top), f32x4.lt(d, bottom)));
    const codesA = codesOf(law, i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.max(a, bottom), top)));
    const codesB = codesOf(law, i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.max(b, bottom), top)));
    const codesC = codesOf(law, i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.max(c, bottom), top)));
    const codesD = codesOf(law, i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.max(d, bottom), top)));
    if (law == PCM16) {
      // signed saturation keeps each value as it is: they are already within the 16-bit range
      v128.store(dst + (<usize>i << 1), i16x8.narrow_i32x4_s(codesA, codesB));
      v128.store(dst + (<usize>i << 1), i16x8.narrow_i32x4_s(codesC, codesD), 16);
    } else {
      v128.store(dst + <usize>i, i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(codesA, codesB), i16x8.narrow_i32x4_u(codesC, codesD)));
    }
  }
  let high = max(max(f32x4.extract_lane(highest, 0), f32x4.extract_lane(highest, 1)), max(f32x4.extract_lane(highest, 2), f32x4.extract_lane(highest, 3)));
  let low = min(min(f32x4.extract_lane(lowest, 0), f32x4.extract_lane(lowest, 1)), min(f32x4.extract_lane(lowest, 2), f32x4.extract_lane(lowest, 3)));
  let clips = i32x4.extract_lane(clipped, 0) + i32x4.extract_lane(clipped, 1) + i32x4.extract_lane(clipped, 2) + i32x4.extract_lane(clipped, 3);
  for (; i < count; i++) {
    const value = load<f32>(src + (<usize>i << 2)) * 32768;
    high = max(high, value);
    low = min(low, value);
    let rounded = floor(value + 0.5);
    if (rounded > 32767 || rounded < -32768) clips++;
    rounded = min(max(rounded, -32768), 32767);
    if (law == ALAW) store<u8>(dst + <usize>i, alawOfRoundedScalar(<i32>rounded));
    else if (law == ULAW) store<u8>(dst + <usize>i, ulawOfRoundedScalar(<i32>rounded));
    else store<i16>(dst + (<usize>i << 1), <i16>(<i32>rounded));
  }
  store<f32>(stats, high);
  store<f32>(stats, low, 4);
  store<i32>(stats, load<i32>(stats, 8) + clips, 8);
}

export function alaw_encode(src: usize, dst: usize, count: i32, stats: usize): void {
  encodeWith(ALAW, src, dst, count, stats);
}

export function ulaw_encode(src: usize, dst: usize, count: i32, stats: usize): void {
  encodeWith(ULAW, src, dst, count, stats);
}

export function pcm16_encode(src: usize, dst: usize, count: i32, stats: usize): void {
  encodeWith(PCM16, src, dst, count, stats);
}
