// AssemblyScript: the polyphase synthesis filterbank, a port of minimp3's mp3d_DCT_II, mp3d_synth and
// mp3d_synth_granule in their SIMD form (see decoder.ts), writing planar f32 output (full scale 1.0) at the
// stream's own rate. Subbands the output does not keep are zero and cost nothing but their share of the DCT.
import { SEC, WIN } from './layer3-tables';

@inline function f(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function set(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }
@inline function sec(i: i32): v128 { return f32x4.splat(f(SEC, i)); }
/** The four rows of eight vectors of minimp3's t[4][8]. */
const T: usize = memory.data(32 * 16, 16);
@inline function t(row: i32, i: i32): usize { return T + (<usize>(row * 8 + i) << 4); }

/** Planar output: the right channel's samples start this many floats after the left's. */
export const OUT_STRIDE: i32 = 1152;

function dctII(grbuf: usize, n: i32): void {
  for (let k = 0; k < n; k += 4) {
    let y = grbuf + (<usize>k << 2);
    for (let i = 0; i < 8; i++) {
      const x0 = v128.load(y + <usize>(i * 72));
      const x1 = v128.load(y + <usize>((15 - i) * 72));
      const x2 = v128.load(y + <usize>((16 + i) * 72));
      const x3 = v128.load(y + <usize>((31 - i) * 72));
      const t0 = f32x4.add(x0, x3);
      const t1 = f32x4.add(x1, x2);
      const t2 = f32x4.mul(f32x4.sub(x1, x2), sec(3 * i));
      const t3 = f32x4.mul(f32x4.sub(x0, x3), sec(3 * i + 1));
      v128.store(t(0, i), f32x4.add(t0, t1));
      v128.store(t(1, i), f32x4.mul(f32x4.sub(t0, t1), sec(3 * i + 2)));
      v128.store(t(2, i), f32x4.add(t3, t2));
      v128.store(t(3, i), f32x4.mul(f32x4.sub(t3, t2), sec(3 * i + 2)));
    }
    for (let row = 0; row < 4; row++) {
      const x = t(row, 0);
      let x0 = v128.load(x), x1 = v128.load(x, 16), x2 = v128.load(x, 32), x3 = v128.load(x, 48);
      let x4 = v128.load(x, 64), x5 = v128.load(x, 80), x6 = v128.load(x, 96), x7 = v128.load(x, 112);
      let xt = f32x4.sub(x0, x7); x0 = f32x4.add(x0, x7);
      x7 = f32x4.sub(x1, x6); x1 = f32x4.add(x1, x6);
      x6 = f32x4.sub(x2, x5); x2 = f32x4.add(x2, x5);
      x5 = f32x4.sub(x3, x4); x3 = f32x4.add(x3, x4);
      x4 = f32x4.sub(x0, x3); x0 = f32x4.add(x0, x3);
      x3 = f32x4.sub(x1, x2); x1 = f32x4.add(x1, x2);
      v128.store(x, f32x4.add(x0, x1));
      v128.store(x, f32x4.mul(f32x4.sub(x0, x1), f32x4.splat(0.70710677)), 64);
      x5 = f32x4.add(x5, x6);
      x6 = f32x4.mul(f32x4.add(x6, x7), f32x4.splat(0.70710677));
      x7 = f32x4.add(x7, xt);
      x3 = f32x4.mul(f32x4.add(x3, x4), f32x4.splat(0.70710677));
      x5 = f32x4.sub(x5, f32x4.mul(x7, f32x4.splat(0.198912367)));
      x7 = f32x4.add(x7, f32x4.mul(x5, f32x4.splat(0.382683432)));
      x5 = f32x4.sub(x5, f32x4.mul(x7, f32x4.splat(0.198912367)));
      x0 = f32x4.sub(xt, x6); xt = f32x4.add(xt, x6);
      v128.store(x, f32x4.mul(f32x4.add(xt, x7), f32x4.splat(0.50979561)), 16);
      v128.store(x, f32x4.mul(f32x4.add(x4, x3), f32x4.splat(0.54119611)), 32);
      v128.store(x, f32x4.mul(f32x4.sub(x0, x5), f32x4.splat(0.60134488)), 48);
      v128.store(x, f32x4.mul(f32x4.add(x0, x5), f32x4.splat(0.89997619)), 80);
      v128.store(x, f32x4.mul(f32x4.sub(x4, x3), f32x4.splat(1.30656302)), 96);
      v128.store(x, f32x4.mul(f32x4.sub(xt, x7), f32x4.splat(2.56291556)), 112);
    }
    // the last group holds two time slots (18 = 4 * 4 + 2): it stores two lanes only
    const whole = k <= n - 3;
    for (let i = 0; i < 7; i++, y += 4 * 72) {
      const s = f32x4.add(v128.load(t(3, i)), v128.load(t(3, i + 1)));
      save(y, whole, v128.load(t(0, i)));
      save(y + 72, whole, f32x4.add(v128.load(t(2, i)), s));
      save(y + 144, whole, f32x4.add(v128.load(t(1, i)), v128.load(t(1, i + 1))));
      save(y + 216, whole, f32x4.add(v128.load(t(2, i + 1)), s));
    }
    save(y, whole, v128.load(t(0, 7)));
    save(y + 72, whole, f32x4.add(v128.load(t(2, 7)), v128.load(t(3, 7))));
    save(y + 144, whole, v128.load(t(1, 7)));
    save(y + 216, whole, v128.load(t(3, 7)));
  }
}

@inline function save(p: usize, whole: bool, v: v128): void {
  if (whole) v128.store(p, v);
  else store<i64>(p, i64x2.extract_lane(v, 0));
}

const SCALE: f32 = 1.0 / 32768.0;

function synthPair(pcm: usize, zIn: usize): void {
  let z = zIn;
  let a: f32 = (f(z, 14 * 64) - f(z, 0)) * 29;
  a += (f(z, 64) + f(z, 13 * 64)) * 213;
  a += (f(z, 12 * 64) - f(z, 2 * 64)) * 459;
  a += (f(z, 3 * 64) + f(z, 11 * 64)) * 2037;
  a += (f(z, 10 * 64) - f(z, 4 * 64)) * 5153;
  a += (f(z, 5 * 64) + f(z, 9 * 64)) * 6574;
  a += (f(z, 8 * 64) - f(z, 6 * 64)) * 37489;
  a += f(z, 7 * 64) * 75038;
  set(pcm, 0, a * SCALE);
  z += 8;
  a = f(z, 14 * 64) * 104;
  a += f(z, 12 * 64) * 1567;
  a += f(z, 10 * 64) * 9727;
  a += f(z, 8 * 64) * 64019;
  a += f(z, 6 * 64) * -9975;
  a += f(z, 4 * 64) * -45;
  a += f(z, 2 * 64) * 146;
  a += f(z, 0) * -5;
  set(pcm, 16, a * SCALE);
}

function synth(xl: usize, dstl: usize, nch: i32, lins: usize): void {
  const xr = xl + <usize>(576 * 4 * (nch - 1));
  const dstr = dstl + <usize>(OUT_STRIDE * 4 * (nch - 1));
  const zlin = lins + 15 * 64 * 4;
  let w = WIN;
  set(zlin, 4 * 15, f(xl, 18 * 16));
  set(zlin, 4 * 15 + 1, f(xr, 18 * 16));
  set(zlin, 4 * 15 + 2, f(xl, 0));
  set(zlin, 4 * 15 + 3, f(xr, 0));
  set(zlin, 4 * 31, f(xl, 1 + 18 * 16));
  set(zlin, 4 * 31 + 1, f(xr, 1 + 18 * 16));
  set(zlin, 4 * 31 + 2, f(xl, 1));
  set(zlin, 4 * 31 + 3, f(xr, 1));
  synthPair(dstr, lins + (4 * 15 + 1) * 4);
  synthPair(dstr + 32 * 4, lins + (4 * 15 + 64 + 1) * 4);
  synthPair(dstl, lins + 4 * 15 * 4);
  synthPair(dstl + 32 * 4, lins + (4 * 15 + 64) * 4);
  const scale = f32x4.splat(SCALE);
  for (let i = 14; i >= 0; i--) {
    set(zlin, 4 * i, f(xl, 18 * (31 - i)));
    set(zlin, 4 * i + 1, f(xr, 18 * (31 - i)));
    set(zlin, 4 * i + 2, f(xl, 1 + 18 * (31 - i)));
    set(zlin, 4 * i + 3, f(xr, 1 + 18 * (31 - i)));
    set(zlin, 4 * i + 64, f(xl, 1 + 18 * (1 + i)));
    set(zlin, 4 * i + 64 + 1, f(xr, 1 + 18 * (1 + i)));
    set(zlin, 4 * i - 64 + 2, f(xl, 18 * (1 + i)));
    set(zlin, 4 * i - 64 + 3, f(xr, 18 * (1 + i)));
    let a = f32x4.splat(0);
    let b = f32x4.splat(0);
    for (let k = 0; k < 8; k++, w += 8) {
      const w0 = f32x4.splat(load<f32>(w));
      const w1 = f32x4.splat(load<f32>(w, 4));
      const vz = v128.load(zlin + <usize>((4 * i - 64 * k) << 2));
      const vy = v128.load(zlin + <usize>((4 * i - 64 * (15 - k)) << 2));
      b = f32x4.add(b, f32x4.add(f32x4.mul(vz, w1), f32x4.mul(vy, w0)));
      // minimp3's V0 and V1 (even k) add vz*w0 - vy*w1, its V2 (odd k) the opposite
      if (k & 1) a = f32x4.add(a, f32x4.sub(f32x4.mul(vy, w1), f32x4.mul(vz, w0)));
      else a = f32x4.add(a, f32x4.sub(f32x4.mul(vz, w0), f32x4.mul(vy, w1)));
    }
    a = f32x4.mul(a, scale);
    b = f32x4.mul(b, scale);
    set(dstr, 15 - i, f32x4.extract_lane(a, 1));
    set(dstr, 17 + i, f32x4.extract_lane(b, 1));
    set(dstl, 15 - i, f32x4.extract_lane(a, 0));
    set(dstl, 17 + i, f32x4.extract_lane(b, 0));
    set(dstr, 47 - i, f32x4.extract_lane(a, 3));
    set(dstr, 49 + i, f32x4.extract_lane(b, 3));
    set(dstl, 47 - i, f32x4.extract_lane(a, 2));
    set(dstl, 49 + i, f32x4.extract_lane(b, 2));
  }
}

/**
 * One granule (18 time slots of 32 subbands, per channel, in `grbuf`) to 576 samples per channel at `pcm`;
 * `qmf` keeps the filterbank's state between granules, `lins` is scratch of (18 + 15) * 64 f32s.
 */
export function synthGranule(qmf: usize, grbuf: usize, nch: i32, pcm: usize, lins: usize): void {
  for (let ch = 0; ch < nch; ch++) dctII(grbuf + <usize>(576 * 4 * ch), 18);
  memory.copy(lins, qmf, 15 * 64 * 4);
  for (let i = 0; i < 18; i += 2) synth(grbuf + (<usize>i << 2), pcm + <usize>(32 * i * 4), nch, lins + <usize>(i * 64 * 4));
  if (nch == 1) {
    for (let i = 0; i < 15 * 64; i += 2) set(qmf, i, f(lins, 18 * 64 + i));
  } else {
    memory.copy(qmf, lins + 18 * 64 * 4, 15 * 64 * 4);
  }
}
