// AssemblyScript: stereo processing, reordering, alias reduction and the IMDCT of a granule; a port of minimp3's
// L3_midside_stereo, L3_intensity_stereo, L3_reorder, L3_antialias, L3_imdct36/12 and L3_change_sign (see
// decoder.ts), each limited to the subbands the output keeps. Buffers are 576 f32s per channel, the right
// channel's right after the left's.
import { GrInfo, grInfo, isMpeg1, isMsStereo, ldexpQ2 } from './layer3-side';
import { PAN, AA, TWID9, TWID3, MDCT_WINDOW } from './layer3-tables';

@inline function f(p: usize, i: i32): f32 { return load<f32>(p + (<usize>i << 2)); }
@inline function set(p: usize, i: i32, v: f32): void { store<f32>(p + (<usize>i << 2), v); }

const RIGHT: usize = 576 * 4;

export function midside(left: usize, n: i32): void {
  let i = 0;
  for (; i + 4 <= n; i += 4) {
    const at = left + (<usize>i << 2);
    const l = v128.load(at);
    const r = v128.load(at + RIGHT);
    v128.store(at, f32x4.add(l, r));
    v128.store(at + RIGHT, f32x4.sub(l, r));
  }
  for (; i < n; i++) {
    const a = f(left, i);
    const b = f(left + RIGHT, i);
    set(left, i, a + b);
    set(left + RIGHT, i, a - b);
  }
}

const MAX_BAND: usize = memory.data(16, 16);

/** Intensity stereo of a granule: `istPos` holds the right channel's positions, `gr` indexes the left's info. */
export function intensityStereo(left: usize, istPos: usize, gr: i32): void {
  const info = grInfo(gr);
  const nSfb = info.nLongSfb + info.nShortSfb;
  const maxBlocks = info.nShortSfb ? 3 : 1;
  // the highest band of each window where the right channel has any line (L3_stereo_top_band)
  store<i32>(MAX_BAND, -1);
  store<i32>(MAX_BAND, -1, 4);
  store<i32>(MAX_BAND, -1, 8);
  let right = left + RIGHT;
  const sfb = info.sfbtab;
  for (let i = 0; i < nSfb; i++) {
    const width = <i32>load<u8>(sfb + <usize>i);
    for (let k = 0; k < width; k += 2) {
      if (f(right, k) != 0 || f(right, k + 1) != 0) {
        store<i32>(MAX_BAND + (<usize>(i % 3) << 2), i);
        break;
      }
    }
    right += <usize>width << 2;
  }
  if (info.nLongSfb) {
    const top = max(max(load<i32>(MAX_BAND), load<i32>(MAX_BAND, 4)), load<i32>(MAX_BAND, 8));
    store<i32>(MAX_BAND, top);
    store<i32>(MAX_BAND, top, 4);
    store<i32>(MAX_BAND, top, 8);
  }
  for (let i = 0; i < maxBlocks; i++) {
    const defaultPos = isMpeg1() ? 3 : 0;
    const itop = nSfb - maxBlocks + i;
    const prev = itop - maxBlocks;
    const maxBand = load<i32>(MAX_BAND + (<usize>i << 2));
    store<u8>(istPos + <usize>itop, maxBand >= prev || prev < 0 ? defaultPos : load<u8>(istPos + <usize>prev));
  }
  // L3_stereo_process
  const mpeg2Sh = grInfo(gr + 1).scfCompress & 1;
  const maxPos: u32 = isMpeg1() ? 7 : 64;
  let at = left;
  for (let i = 0; ; i++) {
    const width = <i32>load<u8>(sfb + <usize>i);
    if (!width) break;
    const ipos = <u32>load<u8>(istPos + <usize>i);
    if (i > load<i32>(MAX_BAND + (<usize>(i % 3) << 2)) && ipos < maxPos) {
      const s: f32 = isMsStereo() ? 1.41421356 : 1;
      let kl: f32;
      let kr: f32;
      if (isMpeg1()) {
        kl = load<f32>(PAN + (<usize>(2 * ipos) << 2));
        kr = load<f32>(PAN + (<usize>(2 * ipos + 1) << 2));
      } else {
        kl = 1;
        kr = ldexpQ2(1, <i32>((ipos + 1) >> 1) << mpeg2Sh);
        if (ipos & 1) {
          kl = kr;
          kr = 1;
        }
      }
      kl *= s;
      kr *= s;
      for (let k = 0; k < width; k++) {
        const v = f(at, k);
        set(at + RIGHT, k, v * kr);
        set(at, k, v * kl);
      }
    } else if (isMsStereo()) {
      midside(at, width);
    }
    at += <usize>width << 2;
  }
}

/** Short blocks: from band-major order (each band's three windows in turn) to line-major, the windows interleaved. */
export function reorder(grbuf: usize, scratch: usize, sfbIn: usize): void {
  let sfb = sfbIn;
  let src = grbuf;
  let dst = scratch;
  for (let len = <i32>load<u8>(sfb); len != 0; sfb += 3, len = <i32>load<u8>(sfb)) {
    for (let i = 0; i < len; i++, src += 4) {
      store<f32>(dst, load<f32>(src));
      store<f32>(dst, f(src, len), 4);
      store<f32>(dst, f(src, 2 * len), 8);
      dst += 12;
    }
    src += <usize>(2 * len) << 2;
  }
  memory.copy(grbuf, scratch, dst - scratch);
}

export function antialias(grbuf: usize, nbands: i32): void {
  for (let b = 0; b < nbands; b++, grbuf += 72) {
    for (let i = 0; i < 8; i++) {
      const u = f(grbuf, 18 + i);
      const d = f(grbuf, 17 - i);
      const c0 = f(AA, i);
      const c1 = f(AA, 8 + i);
      set(grbuf, 18 + i, u * c0 - d * c1);
      set(grbuf, 17 - i, u * c1 + d * c0);
    }
  }
}

function dct3_9(y: usize): void {
  let s0 = f(y, 0), s2 = f(y, 2), s4 = f(y, 4), s6 = f(y, 6), s8 = f(y, 8);
  let t0 = s0 + s6 * 0.5;
  s0 -= s6;
  let t4 = (s4 + s2) * <f32>0.93969262;
  let t2 = (s8 + s2) * <f32>0.76604444;
  s6 = (s4 - s8) * <f32>0.17364818;
  s4 += s8 - s2;
  s2 = s0 - s4 * 0.5;
  set(y, 4, s4 + s0);
  s8 = t0 - t2 + s6;
  s0 = t0 - t4 + t2;
  s4 = t0 + t4 - s6;
  let s1 = f(y, 1), s3 = f(y, 3), s5 = f(y, 5), s7 = f(y, 7);
  s3 *= <f32>0.8660254;
  t0 = (s5 + s1) * <f32>0.98480775;
  t4 = (s5 - s7) * <f32>0.34202014;
  t2 = (s1 + s7) * <f32>0.64278761;
  s1 = (s1 - s5 - s7) * <f32>0.8660254;
  s5 = t0 - s3 - t2;
  s7 = t4 - s3 - t0;
  s3 = t4 + s3 - t2;
  set(y, 0, s4 - s7);
  set(y, 1, s2 + s1);
  set(y, 2, s0 - s3);
  set(y, 3, s8 + s5);
  set(y, 5, s8 - s5);
  set(y, 6, s0 + s3);
  set(y, 7, s2 - s1);
  set(y, 8, s4 + s7);
}

const CO: usize = memory.data(48, 16);
const SI: usize = memory.data(48, 16);
const TMP: usize = memory.data(80, 16);

function imdct36(grbuf: usize, overlap: usize, window: usize, nbands: i32): void {
  for (let j = 0; j < nbands; j++, grbuf += 72, overlap += 36) {
    set(CO, 0, -f(grbuf, 0));
    set(SI, 0, f(grbuf, 17));
    for (let i = 0; i < 4; i++) {
      set(SI, 8 - 2 * i, f(grbuf, 4 * i + 1) - f(grbuf, 4 * i + 2));
      set(CO, 1 + 2 * i, f(grbuf, 4 * i + 1) + f(grbuf, 4 * i + 2));
      set(SI, 7 - 2 * i, f(grbuf, 4 * i + 4) - f(grbuf, 4 * i + 3));
      set(CO, 2 + 2 * i, -(f(grbuf, 4 * i + 3) + f(grbuf, 4 * i + 4)));
    }
    dct3_9(CO);
    dct3_9(SI);
    set(SI, 1, -f(SI, 1));
    set(SI, 3, -f(SI, 3));
    set(SI, 5, -f(SI, 5));
    set(SI, 7, -f(SI, 7));
    for (let i = 0; i < 9; i++) {
      const ovl = f(overlap, i);
      const co = f(CO, i);
      const si = f(SI, i);
      const sum = co * f(TWID9, 9 + i) + si * f(TWID9, i);
      set(overlap, i, co * f(TWID9, i) - si * f(TWID9, 9 + i));
      set(grbuf, i, ovl * f(window, i) - sum * f(window, 9 + i));
      set(grbuf, 17 - i, ovl * f(window, 9 + i) + sum * f(window, i));
    }
  }
}

function idct3(x0: f32, x1: f32, x2: f32, dst: usize): void {
  const m1 = x1 * <f32>0.8660254;
  const a1 = x0 - x2 * 0.5;
  set(dst, 1, x0 + x2);
  set(dst, 0, a1 + m1);
  set(dst, 2, a1 - m1);
}

function imdct12(x: usize, dst: usize, overlap: usize): void {
  idct3(-f(x, 0), f(x, 6) + f(x, 3), f(x, 12) + f(x, 9), CO);
  idct3(f(x, 15), f(x, 12) - f(x, 9), f(x, 6) - f(x, 3), SI);
  set(SI, 1, -f(SI, 1));
  for (let i = 0; i < 3; i++) {
    const ovl = f(overlap, i);
    const co = f(CO, i);
    const si = f(SI, i);
    const sum = co * f(TWID3, 3 + i) + si * f(TWID3, i);
    set(overlap, i, co * f(TWID3, i) - si * f(TWID3, 3 + i));
    set(dst, i, ovl * f(TWID3, 2 - i) - sum * f(TWID3, 5 - i));
    set(dst, 5 - i, ovl * f(TWID3, 5 - i) + sum * f(TWID3, 2 - i));
  }
}

function imdctShort(grbuf: usize, overlap: usize, nbands: i32): void {
  for (; nbands > 0; nbands--, overlap += 36, grbuf += 72) {
    memory.copy(TMP, grbuf, 72);
    memory.copy(grbuf, overlap, 24);
    imdct12(TMP, grbuf + 24, overlap + 24);
    imdct12(TMP + 4, grbuf + 48, overlap + 24);
    imdct12(TMP + 8, overlap, overlap + 24);
  }
}

/** The IMDCT and overlap-add of subbands 0..nbands-1 of one granule-channel, and minimp3's sign change. */
export function imdctGranule(grbuf: usize, overlap: usize, gr: GrInfo, nLongBands: i32, nbands: i32): void {
  const longBands = min(nLongBands, nbands);
  if (longBands) imdct36(grbuf, overlap, MDCT_WINDOW, longBands);
  const rest = nbands - longBands;
  if (rest > 0) {
    const g = grbuf + <usize>(72 * longBands);
    const o = overlap + <usize>(36 * longBands);
    if (gr.blockType == 2) imdctShort(g, o, rest);
    else imdct36(g, o, MDCT_WINDOW + (gr.blockType == 3 ? 72 : 0), rest);
  }
  for (let b = 1; b < nbands; b += 2) {
    const band = grbuf + <usize>(72 * b);
    for (let i = 1; i < 18; i += 2) set(band, i, -f(band, i));
  }
}
