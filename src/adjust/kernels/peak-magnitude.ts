// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/pipeline/output-rate-pass.ts, which counts flat tops in a recording's own samples (src/adjust/peak-meter.ts).
// Most blocks of a recording come nowhere near full scale: their peak, found here sixteen samples at a time, says
// so, and only a block that reaches the rail is walked sample by sample.

/** The largest magnitude of the `count` floats at `src` (NaN if one of them is NaN); 0 for none. */
export function peak_magnitude(src: usize, count: i32): f32 {
  // four running maxima: each max waits on the one before it in its own chain only
  let a = f32x4.splat(0);
  let b = a;
  let c = a;
  let d = a;
  let i = 0;
  for (; i + 16 <= count; i += 16) {
    const at = src + (<usize>i << 2);
    a = f32x4.max(a, f32x4.abs(v128.load(at)));
    b = f32x4.max(b, f32x4.abs(v128.load(at, 16)));
    c = f32x4.max(c, f32x4.abs(v128.load(at, 32)));
    d = f32x4.max(d, f32x4.abs(v128.load(at, 48)));
  }
  const peaks = f32x4.max(f32x4.max(a, b), f32x4.max(c, d));
  let peak = max(max(f32x4.extract_lane(peaks, 0), f32x4.extract_lane(peaks, 1)), max(f32x4.extract_lane(peaks, 2), f32x4.extract_lane(peaks, 3)));
  for (; i < count; i++) peak = max(peak, abs(load<f32>(src + (<usize>i << 2))));
  return peak;
}
