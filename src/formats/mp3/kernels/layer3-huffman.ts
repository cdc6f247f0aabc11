// AssemblyScript: Huffman decoding and requantization of one granule-channel's spectrum, a port of minimp3's
// L3_huffman and L3_pow_43 (see decoder.ts), which can stop early: an output that needs only the low subbands
// needs only the spectral lines below `lineLimit`, and the rest of the granule's bits are jumped over (their count,
// part2_3_length, is in the side information). The bit cache may read up to a few KB past the main data of a
// damaged frame: decoder.ts keeps that much room after the main data buffer, so it stays in the module's memory.
import { bsBuf, bsPos, bsSeek, GrInfo } from './layer3-side';
import { POW43, TABS, TAB32, TAB33, TABINDEX, LINBITS } from './layer3-tables';

@inline
function pow43Small(index: i32): f32 {
  return load<f32>(POW43 + (<usize>index << 2));
}

function pow43(value: i32): f32 {
  let x = value;
  if (x < 129) return pow43Small(16 + x);
  let mult: f32 = 256;
  if (x < 1024) {
    mult = 16;
    x <<= 3;
  }
  const sign = (2 * x) & 64;
  const frac = <f32>((x & 63) - sign) / <f32>((x & ~63) + sign);
  return pow43Small(16 + ((x + sign) >> 6)) * (<f32>1 + frac * (<f32>(4.0 / 3.0) + frac * <f32>(2.0 / 9.0))) * mult;
}

/**
 * Decodes the big values and the count1 region into `dst` (576 f32s, zero on entry), lines below `lineLimit` at
 * least, each multiplied by its band's gain from `scfIn`; leaves the bit reader at `limitBits`, the granule's end.
 */
export function huffman(dst: usize, gr: GrInfo, scfIn: usize, limitBits: i32, lineLimit: i32): void {
  let scf = scfIn;
  let sfb = gr.sfbtab;
  let one: f32 = 0;
  let ireg = 0;
  let bigValCnt = gr.bigValues;
  let ptr = bsBuf + <usize>(bsPos >> 3);
  let cache: u32 =
    ((((<u32>load<u8>(ptr) * 256 + <u32>load<u8>(ptr, 1)) * 256 + <u32>load<u8>(ptr, 2)) * 256 + <u32>load<u8>(ptr, 3)) << (bsPos & 7));
  let sh = (bsPos & 7) - 8;
  ptr += 4;
  const end = dst + (<usize>lineLimit << 2);
  // The band ends inside the big values: the count1 region lies above it and is not decoded.
  const clipped = bigValCnt * 2 >= lineLimit;
  if (clipped) bigValCnt = lineLimit >> 1;

  while (bigValCnt > 0) {
    const tabNum = ireg == 0 ? gr.table0 : ireg == 1 ? gr.table1 : gr.table2;
    let sfbCnt = ireg == 0 ? gr.region0 : ireg == 1 ? gr.region1 : gr.region2;
    ireg++;
    const codebook = TABS + (<usize>load<i16>(TABINDEX + (<usize>tabNum << 1)) << 1);
    const linbits = <i32>load<u8>(LINBITS + <usize>tabNum);
    do {
      const np = <i32>load<u8>(sfb++) >> 1;
      if (np == 0) {
        bigValCnt = 0;
        break;
      }
      let pairs = min(bigValCnt, np);
      one = load<f32>(scf);
      scf += 4;
      do {
        let w = 5;
        let leaf = <i32>load<i16>(codebook + (<usize>(cache >> (32 - w)) << 1));
        while (leaf < 0) {
          cache <<= w;
          sh += w;
          w = leaf & 7;
          leaf = <i32>load<i16>(codebook + (<usize>(<i32>(cache >> (32 - w)) - (leaf >> 3)) << 1));
        }
        cache <<= leaf >> 8;
        sh += leaf >> 8;
        for (let j = 0; j < 2; j++, dst += 4, leaf >>= 4) {
          let lsb = leaf & 15;
          if (lsb == 15 && linbits) {
            lsb += <i32>(cache >> (32 - linbits));
            cache <<= linbits;
            sh += linbits;
            while (sh >= 0) {
              cache |= <u32>load<u8>(ptr++) << sh;
              sh -= 8;
            }
            store<f32>(dst, <i32>cache < 0 ? -one * pow43(lsb) : one * pow43(lsb));
          } else {
            store<f32>(dst, pow43Small(16 + lsb - 16 * <i32>(cache >> 31)) * one);
          }
          if (lsb) {
            cache <<= 1;
            sh += 1;
          }
        }
        while (sh >= 0) {
          cache |= <u32>load<u8>(ptr++) << sh;
          sh -= 8;
        }
      } while (--pairs);
      bigValCnt -= np;
    } while (bigValCnt > 0 && --sfbCnt >= 0);
  }

  if (!clipped) {
    const codebook1 = gr.count1Table ? TAB33 : TAB32;
    let np = 1 - bigValCnt;
    while (dst < end) {
      let leaf = <i32>load<u8>(codebook1 + <usize>(cache >> 28));
      if (!(leaf & 8)) leaf = <i32>load<u8>(codebook1 + <usize>(leaf >> 3) + <usize>((cache << 4) >> (32 - (leaf & 3))));
      cache <<= leaf & 7;
      sh += leaf & 7;
      if (<i32>(ptr - bsBuf) * 8 - 24 + sh > limitBits) break;
      if (!--np) {
        np = <i32>load<u8>(sfb++) >> 1;
        if (!np) break;
        one = load<f32>(scf);
        scf += 4;
      }
      if (leaf & 128) { store<f32>(dst, <i32>cache < 0 ? -one : one); cache <<= 1; sh++; }
      if (leaf & 64) { store<f32>(dst, <i32>cache < 0 ? -one : one, 4); cache <<= 1; sh++; }
      if (!--np) {
        np = <i32>load<u8>(sfb++) >> 1;
        if (!np) break;
        one = load<f32>(scf);
        scf += 4;
      }
      if (leaf & 32) { store<f32>(dst, <i32>cache < 0 ? -one : one, 8); cache <<= 1; sh++; }
      if (leaf & 16) { store<f32>(dst, <i32>cache < 0 ? -one : one, 12); cache <<= 1; sh++; }
      while (sh >= 0) {
        cache |= <u32>load<u8>(ptr++) << sh;
        sh -= 8;
      }
      dst += 16;
    }
  }
  bsSeek(limitBits);
}
