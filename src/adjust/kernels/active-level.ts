// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/adjust/active-speech-level.ts (ActiveSpeechLevelMeter.pushAt), which keeps everything but the per-sample loop:
// each step here is the one `push` takes in JavaScript, in the same order and in f64, so that every level (and so
// every warning) is the same to the last bit. The loop stops at the first sample that needs the meter's recount
// (the envelope crossed one of its thresholds, or a hangover ran out): that happens a few dozen times a second.

/**
 * The meters' state, f64 at `state`: [0] the smoothing g, [1] 1 - g, then for each meter (at 2 and at 9):
 * stage1, envelope, sum of squares, samples so far, up, down, hangover end. [16] says which meters need a recount;
 * [17] is a running sum of the samples (a fault meter's DC offset), added one by one in order as its loop did.
 */
const A: usize = 2 * 8;
const B: usize = 9 * 8;
const FLAGS: usize = 16 * 8;
const SUM: usize = 17 * 8;

/**
 * Runs two P.56 meters over `count` f32 samples at `block`. Returns `count` when it went through them all, else the
 * index of the sample after which the meters flagged at [16] (1: the first, 2: the second, 3: both) need their
 * recount; their sample counts then still stand at that sample's index.
 */
export function active_level_pair(block: usize, count: i32, state: usize): i32 {
  // the two meters side by side, one to a lane: each lane takes exactly the steps one meter takes alone
  const g = f64x2.splat(load<f64>(state));
  const oneMinusG = f64x2.splat(load<f64>(state, 8));
  let stage1 = f64x2(load<f64>(state + A), load<f64>(state + B));
  let envelope = f64x2(load<f64>(state + A, 8), load<f64>(state + B, 8));
  let squares = f64x2(load<f64>(state + A, 16), load<f64>(state + B, 16));
  let n = f64x2(load<f64>(state + A, 24), load<f64>(state + B, 24));
  const up = f64x2(load<f64>(state + A, 32), load<f64>(state + B, 32));
  const down = f64x2(load<f64>(state + A, 40), load<f64>(state + B, 40));
  const hangoverEnd = f64x2(load<f64>(state + A, 48), load<f64>(state + B, 48));
  const one = f64x2.splat(1);
  let sum = load<f64>(state + SUM);
  let i = 0;
  let flags = 0;
  for (; i < count; i++) {
    const sample = <f64>load<f32>(block + (<usize>i << 2));
    sum += sample;
    const x = f64x2.splat(sample);
    squares = f64x2.add(squares, f64x2.mul(x, x));
    stage1 = f64x2.add(f64x2.mul(g, stage1), f64x2.mul(oneMinusG, f64x2.abs(x)));
    envelope = f64x2.add(f64x2.mul(g, envelope), f64x2.mul(oneMinusG, stage1));
    // true only a few dozen times a second
    const crossed = v128.or(v128.or(f64x2.ge(envelope, up), f64x2.lt(envelope, down)), f64x2.gt(n, hangoverEnd));
    if (v128.any_true(crossed)) {
      flags = i64x2.bitmask(crossed);
      break;
    }
    n = f64x2.add(n, one);
  }
  store<f64>(state + A, f64x2.extract_lane(stage1, 0));
  store<f64>(state + B, f64x2.extract_lane(stage1, 1));
  store<f64>(state + A, f64x2.extract_lane(envelope, 0), 8);
  store<f64>(state + B, f64x2.extract_lane(envelope, 1), 8);
  store<f64>(state + A, f64x2.extract_lane(squares, 0), 16);
  store<f64>(state + B, f64x2.extract_lane(squares, 1), 16);
  store<f64>(state + A, f64x2.extract_lane(n, 0), 24);
  store<f64>(state + B, f64x2.extract_lane(n, 1), 24);
  store<f64>(state + FLAGS, <f64>flags);
  store<f64>(state + SUM, sum);
  return i;
}

/** The same for one meter (at 2; [16] is 1 when it needs its recount). */
export function active_level_one(block: usize, count: i32, state: usize): i32 {
  const g = load<f64>(state);
  const oneMinusG = load<f64>(state, 8);
  let stage1 = load<f64>(state + A), envelope = load<f64>(state + A, 8), squares = load<f64>(state + A, 16); // prettier-ignore
  let n = load<f64>(state + A, 24);
  const up = load<f64>(state + A, 32), down = load<f64>(state + A, 40), hangoverEnd = load<f64>(state + A, 48); // prettier-ignore
  let sum = load<f64>(state + SUM);
  let i = 0;
  let flags = 0;
  for (; i < count; i++) {
    const x = <f64>load<f32>(block + (<usize>i << 2));
    sum += x;
    squares += x * x;
    stage1 = g * stage1 + oneMinusG * abs<f64>(x);
    envelope = g * envelope + oneMinusG * stage1;
    flags = <i32>(envelope >= up) | <i32>(envelope < down) | <i32>(n > hangoverEnd);
    if (flags != 0) break;
    n += 1;
  }
  store<f64>(state + A, stage1);
  store<f64>(state + A, envelope, 8);
  store<f64>(state + A, squares, 16);
  store<f64>(state + A, n, 24);
  store<f64>(state + FLAGS, <f64>flags);
  store<f64>(state + SUM, sum);
  return i;
}
