// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/encode/alaw-encoder.ts. Full-scale floats become 16-bit integers (rounded to nearest with ties up, as
// Math.round does; clipped to the 16-bit range and counted) and those become G.711 A-law exactly as the ITU-T G.191
// reference `alaw_compress` does, sixteen samples at a time.
//
// The A-law code of a 16-bit sample s: the magnitude m = (s < 0 ? ~s : s) >> 4 (0 .. 2047); its segment e is 0 for
// m < 16, else the position of its leading one bit minus 3 (1 .. 7), read here from the exponent of m as a float;
// the four bits below the leading one (the float's top four mantissa bits) are the step within the segment; a
// positive sample sets the sign bit 0x80; G.711 then inverts the even bits (^ 0x55).

// stats[0] and stats[1]: the highest and lowest sample seen (in 16-bit units, before clipping), as f32;
// stats[2]: samples clipped, as i32. Kept by the caller between blocks.

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

export function alaw_encode(src: usize, dst: usize, count: i32, stats: usize): void {
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
    const codesA = alawOfRounded(i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.max(a, bottom), top)));
    const codesB = alawOfRounded(i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.max(b, bottom), top)));
    const codesC = alawOfRounded(i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.max(c, bottom), top)));
    const codesD = alawOfRounded(i32x4.trunc_sat_f32x4_s(f32x4.min(f32x4.max(d, bottom), top)));
    const bytes = i8x16.narrow_i16x8_u(i16x8.narrow_i32x4_u(codesA, codesB), i16x8.narrow_i32x4_u(codesC, codesD));
    v128.store(dst + <usize>i, bytes);
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
    store<u8>(dst + <usize>i, alawOfRoundedScalar(<i32>rounded));
  }
  store<f32>(stats, high);
  store<f32>(stats, low, 4);
  store<i32>(stats, load<i32>(stats, 8) + clips, 8);
}
