// AssemblyScript: a FLAC subframe (RFC 9639 section 9.2), decoded into one channel's i32 samples (see decoder.ts).
import { bitLimit, bitPos, bits, peek64, runOut, sbits, unary } from './bits';

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
  for (let j = 0; j < order; j++) {
    const coefficient = sbits(precision);
    store<i32>(COEFFS + (<usize>(order - 1 - j) << 2), coefficient);
    store<i64>(WIDE_COEFFS + (<usize>(order - 1 - j) << 3), <i64>coefficient);
  }
  if (bitPos > bitLimit) return false;
  if (!residual(out, count, order)) return false;
  // as libFLAC decides it: 32-bit sums where no sum can overflow them, 64-bit ones otherwise
  if (depth + precision + (31 - <i32>clz<u32>(order)) <= 32) narrowLpc(out, count, order, shift);
  else wideLpc(out, count, order, shift);
  return true;
}

function narrowLpc(out: usize, count: i32, order: i32, shift: i32): void {
  if (order <= 8) {
    // the usual orders: the first eight coefficients in registers, zero past the order
    const c0 = order > 0 ? load<i32>(COEFFS) : 0;
    const c1 = order > 1 ? load<i32>(COEFFS, 4) : 0;
    const c2 = order > 2 ? load<i32>(COEFFS, 8) : 0;
    const c3 = order > 3 ? load<i32>(COEFFS, 12) : 0;
    const c4 = order > 4 ? load<i32>(COEFFS, 16) : 0;
    const c5 = order > 5 ? load<i32>(COEFFS, 20) : 0;
    const c6 = order > 6 ? load<i32>(COEFFS, 24) : 0;
    const c7 = order > 7 ? load<i32>(COEFFS, 28) : 0;
    for (let i = order; i < count; i++) {
      const p = out + (<usize>(i - order) << 2);
      const sum =
        c0 * load<i32>(p) + c1 * load<i32>(p, 4) + c2 * load<i32>(p, 8) + c3 * load<i32>(p, 12) +
        c4 * load<i32>(p, 16) + c5 * load<i32>(p, 20) + c6 * load<i32>(p, 24) + c7 * load<i32>(p, 28);
      store<i32>(p + (<usize>order << 2), load<i32>(p + (<usize>order << 2)) + (sum >> shift));
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

function wideLpc(out: usize, count: i32, order: i32, shift: i32): void {
  for (let i = order; i < count; i++) {
    const p = out + (<usize>(i - order) << 2);
    let sum: i64 = 0;
    for (let j = 0; j < order; j++) sum += load<i64>(WIDE_COEFFS + (<usize>j << 3)) * <i64>load<i32>(p + (<usize>j << 2));
    store<i32>(p + (<usize>order << 2), load<i32>(p + (<usize>order << 2)) + <i32>(sum >> shift));
  }
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
    } else {
      for (; at < end; at += 4) {
        const word = peek64();
        let folded: u32;
        const zeros = <u32>clz<u64>(word);
        if (word != 0 && zeros + 1 + parameter <= 56) {
          // the usual case: the quotient's zeros, its one and the remainder are in this one word
          folded = (zeros << parameter) | <u32>(((word << <u64>(zeros + 1)) >> <u64>(63 - parameter)) >> 1);
          bitPos += zeros + 1 + parameter;
        } else {
          const quotient = unary();
          if (quotient < 0) return false;
          folded = (<u32>quotient << parameter) | bits(parameter);
        }
        store<i32>(at, <i32>(folded >> 1) ^ -<i32>(folded & 1));
      }
    }
    if (bitPos > bitLimit) return false;
  }
  return true;
}
