// AssemblyScript, compiled to WebAssembly by `npm run build` (src/wasm/build-kernels.mjs); called from
// src/resample/fft-stage.ts, which designs the filter's spectrum and keeps the input history. A long filter that
// halves the rate (the sharp stage: 384 taps) costs 384 multiplies an output done directly; through the FFT it costs
// about 25 butterflies. Two blocks of input are filtered at once: the first as the real part and the second as the
// imaginary part of one complex FFT (the filter is real, so the two never mix).
//
// Complex arrays are split: real parts at one address, imaginary parts at another. The forward FFT takes natural
// order to bit-reversed order (decimation in frequency), the inverse takes bit-reversed order back (decimation in
// time), so no permutation is ever done: the filter's spectrum is stored in the same bit-reversed order.

/**
 * `n` outputs-worth of FFT (a power of two, at least 8): the correlation of the filter (its spectrum at `gRe`/`gIm`,
 * bit-reversed, scaled by 1/n) with `span` inputs from `x` + `first` (the first block) and from `x` + `first` + `hop`
 * (the second), zeros past `span`, kept at every second position: `count` outputs of the first block to `out`, then
 * `count` of the second. `re`/`im` are scratch of `n` floats; `twRe`/`twIm` hold exp(-2πi j / 2h) at h + j for every
 * h from 4 to n/2.
 */
export function fft_decimate2(
  x: usize,
  first: i32,
  hop: i32,
  span: i32,
  n: i32,
  re: usize,
  im: usize,
  gRe: usize,
  gIm: usize,
  twRe: usize,
  twIm: usize,
  out: usize,
  count: i32,
): void {
  const bytes = <usize>span << 2;
  memory.copy(re, x + (<usize>first << 2), bytes);
  memory.copy(im, x + (<usize>(first + hop) << 2), bytes);
  memory.fill(re + bytes, 0, (<usize>(n - span)) << 2);
  memory.fill(im + bytes, 0, (<usize>(n - span)) << 2);
  forward(re, im, n, twRe, twIm);
  multiplyAndFold(re, im, gRe, gIm, n);
  inverse(re, im, n >> 1, twRe, twIm);
  memory.copy(out, re, <usize>count << 2);
  memory.copy(out + (<usize>count << 2), im, <usize>count << 2);
}

/** Decimation in frequency: natural order in, bit-reversed order out. */
@inline
function forward(re: usize, im: usize, n: i32, twRe: usize, twIm: usize): void {
  for (let h = n >> 1; h >= 4; h >>= 1) {
    const step = <usize>h << 2;
    for (let g = 0; g < n; g += 2 * h) {
      const aRe = re + (<usize>g << 2);
      const aIm = im + (<usize>g << 2);
      for (let j = 0; j < h; j += 4) {
        const o = <usize>j << 2;
        const t = <usize>(h + j) << 2;
        const ar = v128.load(aRe + o);
        const ai = v128.load(aIm + o);
        const br = v128.load(aRe + o + step);
        const bi = v128.load(aIm + o + step);
        const wr = v128.load(twRe + t);
        const wi = v128.load(twIm + t);
        v128.store(aRe + o, f32x4.add(ar, br));
        v128.store(aIm + o, f32x4.add(ai, bi));
        const dr = f32x4.sub(ar, br);
        const di = f32x4.sub(ai, bi);
        v128.store(aRe + o + step, f32x4.sub(f32x4.mul(dr, wr), f32x4.mul(di, wi)));
        v128.store(aIm + o + step, f32x4.add(f32x4.mul(dr, wi), f32x4.mul(di, wr)));
      }
    }
  }
  // the last two stages (h = 2, then 1) on each group of four: twiddles 1 and -i
  for (let g = 0; g < n; g += 4) {
    const r = re + (<usize>g << 2);
    const i = im + (<usize>g << 2);
    const a0r = load<f32>(r), a1r = load<f32>(r, 4), a2r = load<f32>(r, 8), a3r = load<f32>(r, 12); // prettier-ignore
    const a0i = load<f32>(i), a1i = load<f32>(i, 4), a2i = load<f32>(i, 8), a3i = load<f32>(i, 12); // prettier-ignore
    const b0r = a0r + a2r, b0i = a0i + a2i, b2r = a0r - a2r, b2i = a0i - a2i; // prettier-ignore
    const b1r = a1r + a3r, b1i = a1i + a3i; // prettier-ignore
    // (a1 - a3) x (-i)
    const b3r = a1i - a3i, b3i = a3r - a1r; // prettier-ignore
    store<f32>(r, b0r + b1r);
    store<f32>(i, b0i + b1i);
    store<f32>(r, b0r - b1r, 4);
    store<f32>(i, b0i - b1i, 4);
    store<f32>(r, b2r + b3r, 8);
    store<f32>(i, b2i + b3i, 8);
    store<f32>(r, b2r - b3r, 12);
    store<f32>(i, b2i - b3i, 12);
  }
}

/**
 * Each bin times the filter's, then bins k and k + n/2 (neighbours in bit-reversed order) added: the spectrum of
 * every second output, n/2 bins in bit-reversed order, written over the first half.
 */
@inline
function multiplyAndFold(re: usize, im: usize, gRe: usize, gIm: usize, n: i32): void {
  for (let k = 0; k < n; k += 8) {
    const o = <usize>k << 2;
    const xr0 = v128.load(re + o);
    const xr1 = v128.load(re + o, 16);
    const xi0 = v128.load(im + o);
    const xi1 = v128.load(im + o, 16);
    const gr0 = v128.load(gRe + o);
    const gr1 = v128.load(gRe + o, 16);
    const gi0 = v128.load(gIm + o);
    const gi1 = v128.load(gIm + o, 16);
    const pr0 = f32x4.sub(f32x4.mul(xr0, gr0), f32x4.mul(xi0, gi0));
    const pi0 = f32x4.add(f32x4.mul(xr0, gi0), f32x4.mul(xi0, gr0));
    const pr1 = f32x4.sub(f32x4.mul(xr1, gr1), f32x4.mul(xi1, gi1));
    const pi1 = f32x4.add(f32x4.mul(xr1, gi1), f32x4.mul(xi1, gr1));
    const half = <usize>k << 1;
    v128.store(re + half, f32x4.add(v128.shuffle<f32>(pr0, pr1, 0, 2, 4, 6), v128.shuffle<f32>(pr0, pr1, 1, 3, 5, 7)));
    v128.store(im + half, f32x4.add(v128.shuffle<f32>(pi0, pi1, 0, 2, 4, 6), v128.shuffle<f32>(pi0, pi1, 1, 3, 5, 7)));
  }
}

/** Decimation in time, unscaled, with the conjugate twiddles: bit-reversed order in, natural order out. */
@inline
function inverse(re: usize, im: usize, n: i32, twRe: usize, twIm: usize): void {
  // the first two stages (h = 1, then 2) on each group of four: twiddles 1 and +i
  for (let g = 0; g < n; g += 4) {
    const r = re + (<usize>g << 2);
    const i = im + (<usize>g << 2);
    const a0r = load<f32>(r), a1r = load<f32>(r, 4), a2r = load<f32>(r, 8), a3r = load<f32>(r, 12); // prettier-ignore
    const a0i = load<f32>(i), a1i = load<f32>(i, 4), a2i = load<f32>(i, 8), a3i = load<f32>(i, 12); // prettier-ignore
    const b0r = a0r + a1r, b0i = a0i + a1i, b1r = a0r - a1r, b1i = a0i - a1i; // prettier-ignore
    const b2r = a2r + a3r, b2i = a2i + a3i, b3r = a2r - a3r, b3i = a2i - a3i; // prettier-ignore
    // t = b3 x (+i)
    const tr = -b3i, ti = b3r; // prettier-ignore
    store<f32>(r, b0r + b2r);
    store<f32>(i, b0i + b2i);
    store<f32>(r, b1r + tr, 4);
    store<f32>(i, b1i + ti, 4);
    store<f32>(r, b0r - b2r, 8);
    store<f32>(i, b0i - b2i, 8);
    store<f32>(r, b1r - tr, 12);
    store<f32>(i, b1i - ti, 12);
  }
  for (let h = 4; h < n; h <<= 1) {
    const step = <usize>h << 2;
    for (let g = 0; g < n; g += 2 * h) {
      const aRe = re + (<usize>g << 2);
      const aIm = im + (<usize>g << 2);
      for (let j = 0; j < h; j += 4) {
        const o = <usize>j << 2;
        const t = <usize>(h + j) << 2;
        const wr = v128.load(twRe + t);
        const wi = v128.load(twIm + t);
        const br = v128.load(aRe + o + step);
        const bi = v128.load(aIm + o + step);
        // b x conj(w)
        const tr = f32x4.add(f32x4.mul(br, wr), f32x4.mul(bi, wi));
        const ti = f32x4.sub(f32x4.mul(bi, wr), f32x4.mul(br, wi));
        const ar = v128.load(aRe + o);
        const ai = v128.load(aIm + o);
        v128.store(aRe + o, f32x4.add(ar, tr));
        v128.store(aIm + o, f32x4.add(ai, ti));
        v128.store(aRe + o + step, f32x4.sub(ar, tr));
        v128.store(aIm + o + step, f32x4.sub(ai, ti));
      }
    }
  }
}
