// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/adjust/fault-meter.ts, which gathers the written samples into 0.2 s frames and keeps what this returns. Each
// step is the one the meter took in JavaScript, in the same order and in f64, so that every figure (and so every
// warning) is the same to the last bit; only the mains lines' recurrences run two lines to a vector.

/**
 * One frame of `n` samples (f32 at `frame`): its mean taken out, its energy, the Hann-windowed frame summed in groups
 * of `group` into `grouped` (n/group f64), and Goertzel's |X(f)|² of those sums at each of `lines` lines (their
 * 2·cos(2π f / (rate / group)) at `coefficients`, f64, padded with zeros to a multiple of 16). Writes `record` (f64):
 * [0] the frame's energy per sample with the first `humLines` lines' power taken out, then each line's power.
 */
export function fault_frame(frame: usize, n: i32, group: i32, window: usize, grouped: usize, coefficients: usize, lines: i32, humLines: i32, record: usize): void {
  let mean: f64 = 0;
  for (let i = 0; i < n; i++) mean += <f64>load<f32>(frame + (<usize>i << 2));
  mean /= <f64>n;
  let energy: f64 = 0;
  const sums = n / group;
  for (let i = 0; i < sums; i++) {
    // the group's first sample starts its sum: for a pair that is even * w + odd * w', the steps the meter took in
    // JavaScript when it summed pairs
    const first = i * group;
    let x = <f64>load<f32>(frame + (<usize>first << 2)) - mean;
    energy += x * x;
    let windowed = x * load<f64>(window + (<usize>first << 3));
    for (let j = first + 1, end = first + group; j < end; j++) {
      x = <f64>load<f32>(frame + (<usize>j << 2)) - mean;
      energy += x * x;
      windowed += x * load<f64>(window + (<usize>j << 3));
    }
    store<f64>(grouped + (<usize>i << 3), windowed);
  }
  for (let i = sums * group; i < n; i++) {
    const last = <f64>load<f32>(frame + (<usize>i << 2)) - mean;
    energy += last * last;
  }
  // sixteen lines at a time, two to a vector: each recurrence waits on its own last step only, so eight of them keep
  // the processor busy (the coefficients are read from memory each step: there are too few registers to hold them)
  for (let j = 0; j < lines; j += 16) {
    const c = coefficients + (<usize>j << 3);
    let a1 = f64x2.splat(0), a2 = f64x2.splat(0), b1 = f64x2.splat(0), b2 = f64x2.splat(0); // prettier-ignore
    let d1 = f64x2.splat(0), d2 = f64x2.splat(0), e1 = f64x2.splat(0), e2 = f64x2.splat(0); // prettier-ignore
    let f1 = f64x2.splat(0), f2 = f64x2.splat(0), g1 = f64x2.splat(0), g2 = f64x2.splat(0); // prettier-ignore
    let k1 = f64x2.splat(0), k2 = f64x2.splat(0), m1 = f64x2.splat(0), m2 = f64x2.splat(0); // prettier-ignore
    for (let i = 0; i < sums; i++) {
      const x = v128.load64_splat(grouped + (<usize>i << 3));
      const a0 = f64x2.sub(f64x2.add(x, f64x2.mul(v128.load(c), a1)), a2);
      const b0 = f64x2.sub(f64x2.add(x, f64x2.mul(v128.load(c, 16), b1)), b2);
      const d0 = f64x2.sub(f64x2.add(x, f64x2.mul(v128.load(c, 32), d1)), d2);
      const e0 = f64x2.sub(f64x2.add(x, f64x2.mul(v128.load(c, 48), e1)), e2);
      const f0 = f64x2.sub(f64x2.add(x, f64x2.mul(v128.load(c, 64), f1)), f2);
      const g0 = f64x2.sub(f64x2.add(x, f64x2.mul(v128.load(c, 80), g1)), g2);
      const k0 = f64x2.sub(f64x2.add(x, f64x2.mul(v128.load(c, 96), k1)), k2);
      const m0 = f64x2.sub(f64x2.add(x, f64x2.mul(v128.load(c, 112), m1)), m2);
      a2 = a1;
      a1 = a0;
      b2 = b1;
      b1 = b0;
      d2 = d1;
      d1 = d0;
      e2 = e1;
      e1 = e0;
      f2 = f1;
      f1 = f0;
      g2 = g1;
      g1 = g0;
      k2 = k1;
      k1 = k0;
      m2 = m1;
      m1 = m0;
    }
    const out = record + 8 + (<usize>j << 3);
    v128.store(out, power(v128.load(c), a1, a2));
    v128.store(out, power(v128.load(c, 16), b1, b2), 16);
    v128.store(out, power(v128.load(c, 32), d1, d2), 32);
    v128.store(out, power(v128.load(c, 48), e1, e2), 48);
    v128.store(out, power(v128.load(c, 64), f1, f2), 64);
    v128.store(out, power(v128.load(c, 80), g1, g2), 80);
    v128.store(out, power(v128.load(c, 96), k1, k2), 96);
    v128.store(out, power(v128.load(c, 112), m1, m2), 112);
  }
  // a sine of amplitude A reads (A·n/4)² through the Hann window, and carries A²/2 · n of the frame's energy
  let humEnergy: f64 = 0;
  for (let j = 0; j < humLines; j++) humEnergy += (8 * load<f64>(record + 8 + (<usize>j << 3))) / <f64>n;
  store<f64>(record, max<f64>(0, energy - humEnergy) / <f64>n);
}

/** Goertzel's last step: s1² + s2² - c·s1·s2, two lines at once. */
@inline
function power(c: v128, s1: v128, s2: v128): v128 {
  return f64x2.sub(f64x2.add(f64x2.mul(s1, s1), f64x2.mul(s2, s2)), f64x2.mul(f64x2.mul(c, s1), s2));
}
