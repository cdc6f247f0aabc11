// AssemblyScript: a FLAC subframe (RFC 9639 section 9.2), decoded into one channel's i32 samples (see decoder.ts).
import { bitLimit, bitPos, bits, inputBase, runOut, sbits, setBitPos, swap64, unary } from './bits';

/** The predictor's coefficients of an LPC subframe, widened to i64 for the sums that need 64 bits. */
const COEFFS: usize = memory.data(32 * 4, 16);
const WIDE_COEFFS: usize = memory.data(32 * 8, 16);

/**
 * Decodes the subframe at the bit reader into the `count` samples at `out`, `bps` bits deep (one more for a side
 * channel); false for a subframe that cannot be (a reserved code, an order longer than the block, a partition that
 * does not divide it) or whose data runs past `bitLimit`.
 */
export function subframe(out: usize, count: i32, bps: i32): bool {
  if (bits(1) != 0) return false;
  const type = <i32>bits(6);
  let wasted = 0;
  if (bits(1) != 0) {
    const zeros = unary();
    if (zeros < 0 || zeros + 1 >= bps) return false;
    wasted = zeros + 1;
  }
  const depth = bps - wasted;
  if (type == 0) {
    const value = sbits(depth);
    for (let i = 0; i < count; i++) store<i32>(out + (<usize>i << 2), value);
  } else if (type == 1) {
    // a run of raw samples: its length is known, so it is checked before it is read
    if (<u64>bitPos + <u64>count * <u64>depth > <u64>bitLimit) return runOut();
    for (let i = 0; i < count; i++) store<i32>(out + (<usize>i << 2), sbits(depth));
  } else if (type >= 8 && type <= 12) {
    if (!fixed(out, count, depth, type - 8)) return false;
  } else if (type >= 32) {
    if (!lpc(out, count, depth, type - 31)) return false;
  } else {
    return false;
  }
  if (bitPos > bitLimit) return false;
  if (wasted > 0) {
    for (let i = 0; i < count; i++) store<i32>(out + (<usize>i << 2), load<i32>(out + (<usize>i << 2)) << wasted);
  }
  return true;
}

function warmUp(out: usize, order: i32, depth: i32): void {
  for (let i = 0; i < order; i++) store<i32>(out + (<usize>i << 2), sbits(depth));
}

/** The fixed predictors of orders 0 to 4: up to 25 bits deep (a 24-bit side channel), their sums fit an i32. */
function fixed(out: usize, count: i32, depth: i32, order: i32): bool {
  if (order > count) return false;
  warmUp(out, order, depth);
  if (!residual(out, count, order)) return false;
  if (order == 1) {
    let a = load<i32>(out);
    for (let i = 1; i < count; i++) {
      a += load<i32>(out + (<usize>i << 2));
      store<i32>(out + (<usize>i << 2), a);
    }
  } else if (order == 2) {
    let b = load<i32>(out), a = load<i32>(out, 4);
    for (let i = 2; i < count; i++) {
      const s = load<i32>(out + (<usize>i << 2)) + 2 * a - b;
      store<i32>(out + (<usize>i << 2), s);
      b = a; a = s;
    }
  } else if (order == 3) {
    let c = load<i32>(out), b = load<i32>(out, 4), a = load<i32>(out, 8);
    for (let i = 3; i < count; i++) {
      const s = load<i32>(out + (<usize>i << 2)) + 3 * (a - b) + c;
      store<i32>(out + (<usize>i << 2), s);
      c = b; b = a; a = s;
    }
  } else if (order == 4) {
    let d = load<i32>(out), c = load<i32>(out, 4), b = load<i32>(out, 8), a = load<i32>(out, 12);
    for (let i = 4; i < count; i++) {
      const s = load<i32>(out + (<usize>i << 2)) + 4 * (a + c) - 6 * b - d;
      store<i32>(out + (<usize>i << 2), s);
      d = c; c = b; b = a; a = s;
    }
  }
  return true;
}

function lpc(out: usize, count: i32, depth: i32, order: i32): bool {
  if (order > count) return false;
  warmUp(out, order, depth);
  const precision = <i32>bits(4) + 1;
  if (precision == 16) return false;
  const shift = sbits(5);
  if (shift < 0) return false;
  // coefficient j applies to the sample j + 1 back; stored oldest first, as the samples lie in memory
  let magnitude: i64 = 0;
  for (let j = 0; j < order; j++) {
    const coefficient = sbits(precision);
    magnitude += <i64>abs(coefficient);
    store<i32>(COEFFS + (<usize>(order - 1 - j) << 2), coefficient);
    store<i64>(WIDE_COEFFS + (<usize>(order - 1 - j) << 3), <i64>coefficient);
  }
  if (bitPos > bitLimit) return false;
  if (!residual(out, count, order)) return false;
  // 32-bit sums where no sum of samples `depth` bits deep can overflow them, 64-bit ones otherwise: either way the
  // exact sum, as libFLAC's (it takes 64 bits whenever depth + precision + log2(order) > 32, which FFmpeg's 16-bit
  // streams with their 15-bit coefficients all are, though their sums stay far inside 32 bits)
  if (magnitude << (depth - 1) < 0x7fffffff) narrowLpc(out, count, order, shift);
  else wideLpc(out, count, order, shift);
  return true;
}

function narrowLpc(out: usize, count: i32, order: i32, shift: i32): void {
  if (order <= 8) {
    // the usual orders: eight taps, coefficients and the last eight samples in registers (zero coefficients for the
    // taps past the order, whose samples lie before the block: SAMPLES has room there), so that each sample waits
    // only on the one before it, not on a store and a load of it. k7 applies to the newest sample.
    const k0 = tap(0, order), k1 = tap(1, order), k2 = tap(2, order), k3 = tap(3, order);
    const k4 = tap(4, order), k5 = tap(5, order), k6 = tap(6, order), k7 = tap(7, order);
    const p = out + (<usize>order << 2) - 32;
    let s0 = load<i32>(p), s1 = load<i32>(p, 4), s2 = load<i32>(p, 8), s3 = load<i32>(p, 12);
    let s4 = load<i32>(p, 16), s5 = load<i32>(p, 20), s6 = load<i32>(p, 24), s7 = load<i32>(p, 28);
    const end = out + (<usize>count << 2);
    for (let at = out + (<usize>order << 2); at < end; at += 4) {
      const sum = k0 * s0 + k1 * s1 + k2 * s2 + k3 * s3 + k4 * s4 + k5 * s5 + k6 * s6 + k7 * s7;
      const sample = load<i32>(at) + (sum >> shift);
      store<i32>(at, sample);
      s0 = s1; s1 = s2; s2 = s3; s3 = s4; s4 = s5; s5 = s6; s6 = s7; s7 = sample;
    }
    return;
  }
  // longer orders: four products a step in SIMD, over the order rounded up to four (zero coefficients past it)
  const rounded = (order + 3) & ~3;
  for (let j = order; j < rounded; j++) store<i32>(COEFFS + (<usize>j << 2), 0);
  for (let i = order; i < count; i++) {
    const p = out + (<usize>(i - order) << 2);
    let sums = i32x4.splat(0);
    for (let j = 0; j < rounded; j += 4) {
      sums = i32x4.add(sums, i32x4.mul(v128.load(p + (<usize>j << 2)), v128.load(COEFFS + (<usize>j << 2))));
    }
    const sum = i32x4.extract_lane(sums, 0) + i32x4.extract_lane(sums, 1) + i32x4.extract_lane(sums, 2) + i32x4.extract_lane(sums, 3);
    store<i32>(p + (<usize>order << 2), load<i32>(p + (<usize>order << 2)) + (sum >> shift));
  }
}

/** Tap k of eight (7: the newest sample) for a predictor of `order` taps: its coefficient, or zero before them. */
function tap(k: i32, order: i32): i32 {
  return k >= 8 - order ? load<i32>(COEFFS + (<usize>(k - (8 - order)) << 2)) : 0;
}

function wideLpc(out: usize, count: i32, order: i32, shift: i32): void {
  if (order <= 8) {
    // as narrowLpc's eight taps, in 64 bits
    const k0 = <i64>tap(0, order), k1 = <i64>tap(1, order), k2 = <i64>tap(2, order), k3 = <i64>tap(3, order);
    const k4 = <i64>tap(4, order), k5 = <i64>tap(5, order), k6 = <i64>tap(6, order), k7 = <i64>tap(7, order);
    const p = out + (<usize>order << 2) - 32;
    let s0 = <i64>load<i32>(p), s1 = <i64>load<i32>(p, 4), s2 = <i64>load<i32>(p, 8), s3 = <i64>load<i32>(p, 12);
    let s4 = <i64>load<i32>(p, 16), s5 = <i64>load<i32>(p, 20), s6 = <i64>load<i32>(p, 24), s7 = <i64>load<i32>(p, 28);
    const end = out + (<usize>count << 2);
    for (let at = out + (<usize>order << 2); at < end; at += 4) {
      const sum = k0 * s0 + k1 * s1 + k2 * s2 + k3 * s3 + k4 * s4 + k5 * s5 + k6 * s6 + k7 * s7;
      const sample = load<i32>(at) + <i32>(sum >> shift);
      store<i32>(at, sample);
      s0 = s1; s1 = s2; s2 = s3; s3 = s4; s4 = s5; s5 = s6; s6 = s7; s7 = <i64>sample;
    }
    return;
  }
  for (let i = order; i < count; i++) {
    const p = out + (<usize>(i - order) << 2);
    let sum: i64 = 0;
    for (let j = 0; j < order; j++) sum += load<i64>(WIDE_COEFFS + (<usize>j << 3)) * <i64>load<i32>(p + (<usize>j << 2));
    store<i32>(p + (<usize>order << 2), load<i32>(p + (<usize>order << 2)) + <i32>(sum >> shift));
  }
}

/**
 * Rice codes of `parameter` into [at, end). The bits are kept in a register (`cache`, `valid` of them, the next at
 * the top) and reloaded only when a code does not fit in what is left: a code then waits on the shift of the one
 * before it, not on a load and a byte swap.
 */
function rice(at: usize, end: usize, parameter: u32): bool {
  const input = inputBase();
  let position = bitPos;
  let cache: u64 = 0;
  let valid: u32 = 0;
  for (; at < end; at += 4) {
    let zeros = <u32>clz<u64>(cache);
    let used = zeros + 1 + parameter;
    if (used > valid) {
      cache = swap64(load<u64>(input + <usize>(position >> 3))) << <u64>(position & 7);
      valid = 64 - (position & 7);
      zeros = <u32>clz<u64>(cache);
      used = zeros + 1 + parameter;
      if (cache == 0 || used > valid) {
        // a long quotient, or a code across the word's end: read bit by bit
        setBitPos(position);
        const quotient = unary();
        if (quotient < 0) return false;
        const folded = (<u32>quotient << parameter) | bits(parameter);
        store<i32>(at, <i32>(folded >> 1) ^ -<i32>(folded & 1));
        position = bitPos;
        valid = 0;
        cache = 0;
        continue;
      }
    }
    const folded = (zeros << parameter) | <u32>(((cache << <u64>(zeros + 1)) >> <u64>(63 - parameter)) >> 1);
    store<i32>(at, <i32>(folded >> 1) ^ -<i32>(folded & 1));
    // a shift by 64 leaves a word unchanged in WebAssembly: `valid` is 0 then, and the next code reloads
    cache = cache << <u64>used;
    valid -= used;
    position += used;
  }
  setBitPos(position);
  return true;
}

/** The residual after `order` warm-up samples: Rice-coded partitions (RFC 9639 section 9.2.7), into out[order..]. */
function residual(out: usize, count: i32, order: i32): bool {
  const method = bits(2);
  if (method > 1) return false;
  const parameterBits: u32 = method == 0 ? 4 : 5;
  const escape: u32 = method == 0 ? 15 : 31;
  const partitionOrder = <i32>bits(4);
  const partitionSamples = count >> partitionOrder;
  if ((partitionSamples << partitionOrder) != count || partitionSamples < order) return false;
  let at = out + (<usize>order << 2);
  for (let partition = 0; partition < 1 << partitionOrder; partition++) {
    const samples = partition == 0 ? partitionSamples - order : partitionSamples;
    const end = at + (<usize>samples << 2);
    const parameter = bits(parameterBits);
    if (parameter == escape) {
      const raw = bits(5);
      if (raw == 0) {
        for (; at < end; at += 4) store<i32>(at, 0);
      } else {
        if (<u64>bitPos + <u64>samples * <u64>raw > <u64>bitLimit) return runOut();
        for (; at < end; at += 4) store<i32>(at, sbits(raw));
      }
    } else if (!rice(at, end, parameter)) {
      return false;
    }
    at = end;
    if (bitPos > bitLimit) return false;
  }
  return true;
}
