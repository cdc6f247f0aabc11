// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/resample/polyphase-stage.ts, which designs the filters and keeps the input history. Every resampling stage
// is this one loop: output k is the dot product of `taps` consecutive inputs with one row of coefficients, the
// inputs and the row chosen by where output k falls between input samples.
//
// Where output k falls advances by `whole` + `part`/`up` input samples per output: `start` is the first input
// it reads and `phase`/`up` how far past an input sample it lies. For a whole-number decimator `up` is 1 and there is
// one row; for a rational ratio `up` is the interpolation factor and there is one row per phase (a polyphase bank).

/**
 * `taps` is a multiple of 4 (rows are padded with zeros), and both arrays are read in 16-byte vectors: two
 * independent sums keep the adds from waiting on each other.
 */
@inline
function dot(x: usize, h: usize, taps: i32): f32 {
  let even = f32x4.splat(0);
  let odd = f32x4.splat(0);
  let t = 0;
  for (; t + 8 <= taps; t += 8) {
    const offset = <usize>t << 2;
    even = f32x4.add(even, f32x4.mul(v128.load(x + offset), v128.load(h + offset)));
    odd = f32x4.add(odd, f32x4.mul(v128.load(x + offset, 16), v128.load(h + offset, 16)));
  }
  if (t < taps) even = f32x4.add(even, f32x4.mul(v128.load(x + (<usize>t << 2)), v128.load(h + (<usize>t << 2))));
  return sum4(f32x4.add(even, odd));
}

@inline
function sum4(v: v128): f32 {
  return f32x4.extract_lane(v, 0) + f32x4.extract_lane(v, 1) + (f32x4.extract_lane(v, 2) + f32x4.extract_lane(v, 3));
}

/**
 * Two outputs `step` inputs apart through the same row, as every pair of a whole-number decimator is, and outputs
 * `up` apart in a polyphase bank: each coefficient vector is loaded once for both, the second output stored at
 * `second`. Each output is summed exactly as `dot` sums it, so an output does not depend on whether it was computed
 * alone or in a pair (that is, on where a block started).
 */
@inline
function dotPair(x: usize, step: usize, h: usize, taps: i32, out: usize, second: usize): void {
  const y = x + (step << 2);
  let firstEven = f32x4.splat(0);
  let firstOdd = f32x4.splat(0);
  let secondEven = f32x4.splat(0);
  let secondOdd = f32x4.splat(0);
  let t = 0;
  for (; t + 8 <= taps; t += 8) {
    const offset = <usize>t << 2;
    const low = v128.load(h + offset);
    const high = v128.load(h + offset, 16);
    firstEven = f32x4.add(firstEven, f32x4.mul(v128.load(x + offset), low));
    firstOdd = f32x4.add(firstOdd, f32x4.mul(v128.load(x + offset, 16), high));
    secondEven = f32x4.add(secondEven, f32x4.mul(v128.load(y + offset), low));
    secondOdd = f32x4.add(secondOdd, f32x4.mul(v128.load(y + offset, 16), high));
  }
  if (t < taps) {
    const offset = <usize>t << 2;
    const last = v128.load(h + offset);
    firstEven = f32x4.add(firstEven, f32x4.mul(v128.load(x + offset), last));
    secondEven = f32x4.add(secondEven, f32x4.mul(v128.load(y + offset), last));
  }
  store<f32>(out, sum4(f32x4.add(firstEven, firstOdd)));
  store<f32>(second, sum4(f32x4.add(secondEven, secondOdd)));
}

/** Outputs from a bank of `up` rows of `taps` coefficients (row `phase` for an output `phase`/`up` past `start`). */
export function fir_bank(
  x: usize,
  bank: usize,
  taps: i32,
  out: usize,
  count: i32,
  start: i32,
  phase: i32,
  whole: i32,
  part: i32,
  up: i32,
): void {
  const rowBytes = <usize>taps << 2;
  let k = 0;
  if (up == 1) {
    for (; k + 2 <= count; k += 2) {
      const at = out + (<usize>k << 2);
      dotPair(x + (<usize>start << 2), <usize>whole, bank, taps, at, at + 4);
      start += 2 * whole;
    }
  } else {
    // Output k + up lies exactly `down` inputs after output k, on the same row: outputs go in pairs that far apart,
    // 2 x up at a time, after which the first input has moved on by 2 x down and the row is the same again.
    const down = whole * up + part;
    for (; k + 2 * up <= count; k += 2 * up) {
      let first = start;
      let row = phase;
      for (let j = 0; j < up; j++) {
        const at = out + (<usize>(k + j) << 2);
        dotPair(x + (<usize>first << 2), <usize>down, bank + <usize>row * rowBytes, taps, at, at + (<usize>up << 2));
        first += whole;
        row += part;
        if (row >= up) {
          row -= up;
          first++;
        }
      }
      start += 2 * down;
    }
  }
  for (; k < count; k++) {
    store<f32>(out + (<usize>k << 2), dot(x + (<usize>start << 2), bank + <usize>phase * rowBytes, taps));
    start += whole;
    phase += part;
    if (phase >= up) {
      phase -= up;
      start++;
    }
  }
}

/**
 * Outputs for ratios whose exact bank would be too large (7999 Hz, 44101 Hz): `table` holds `density` + 1 rows for
 * fractions 0, 1/density, ..., 1 of an input sample, and each output blends the dot products of the two rows
 * around its own fraction. Every row has unit gain at DC, so the blend has too.
 */
export function fir_interpolated(
  x: usize,
  table: usize,
  taps: i32,
  out: usize,
  count: i32,
  start: i32,
  phase: i32,
  whole: i32,
  part: i32,
  up: i32,
  density: i32,
): void {
  const rowBytes = <usize>taps << 2;
  for (let k = 0; k < count; k++) {
    const position = (<f64>phase * <f64>density) / <f64>up;
    const row = <i32>position;
    const weight = <f32>(position - <f64>row);
    const inputs = x + (<usize>start << 2);
    const below = dot(inputs, table + <usize>row * rowBytes, taps);
    const above = dot(inputs, table + <usize>(row + 1) * rowBytes, taps);
    store<f32>(out + (<usize>k << 2), below + weight * (above - below));
    start += whole;
    phase += part;
    if (phase >= up) {
      phase -= up;
      start++;
    }
  }
}
