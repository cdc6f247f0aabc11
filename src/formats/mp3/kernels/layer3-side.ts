// AssemblyScript: the bit reader, the side information and the scale factors of a Layer III frame; a port of
// minimp3's get_bits, L3_read_side_info, L3_read_scalefactors and L3_decode_scalefactors (see decoder.ts).
// Every read is bounded: past its limit the bit reader returns zeros, so a damaged frame cannot read out of its
// buffer; every value that later indexes a table is checked or masked here.
import { SCF_LONG, SCF_SHORT, SCF_MIXED, SCF_PARTITIONS, SCFC_DECODE, MOD, PREAMP, EXPFRAC } from './layer3-tables';

/** The side information of one granule of one channel (minimp3's L3_gr_info_t), laid out in static memory. */
@unmanaged
export class GrInfo {
  sfbtab: usize;
  part23: i32;
  bigValues: i32;
  scfCompress: i32;
  globalGain: i32;
  blockType: i32;
  mixed: i32;
  nLongSfb: i32;
  nShortSfb: i32;
  table0: i32;
  table1: i32;
  table2: i32;
  region0: i32;
  region1: i32;
  region2: i32;
  subblockGain0: i32;
  subblockGain1: i32;
  subblockGain2: i32;
  preflag: i32;
  scfScale: i32;
  count1Table: i32;
  scfsi: i32;
}

export const GR_INFO_BYTES: usize = 96;
/** Four granule infos: two granules of two channels (MPEG-1), or one granule (MPEG-2 and 2.5). */
export const GR_INFOS: usize = memory.data(4 * 96, 16);

export function grInfo(index: i32): GrInfo {
  return changetype<GrInfo>(GR_INFOS + <usize>index * GR_INFO_BYTES);
}

// The frame header's bytes 1 to 3, read by the fields below.
export let h1: i32 = 0;
export let h2: i32 = 0;
export let h3: i32 = 0;

export function setHeader(b1: i32, b2: i32, b3: i32): void {
  h1 = b1;
  h2 = b2;
  h3 = b3;
}

@inline export function isMpeg1(): bool { return (h1 & 8) != 0; }
@inline export function isMono(): bool { return (h3 & 0xc0) == 0xc0; }
@inline export function isMsStereo(): bool { return (h3 & 0xe0) == 0x60; }
@inline export function isIStereo(): bool { return (h3 & 0x10) != 0 && (h3 & 0xc0) == 0x40; }
@inline export function hasCrc(): bool { return (h1 & 1) == 0; }
/** 0..8: 44.1, 48, 32 kHz for MPEG-1, then MPEG-2, then MPEG-2.5. */
@inline export function mySampleRate(): i32 { return ((h2 >> 2) & 3) + (((h1 >> 3) & 1) + ((h1 >> 4) & 1)) * 3; }

// The bit reader: `bsBuf` holds `bsLimit` bits; `bsPos` may pass the limit, and then reads give zeros.
export let bsBuf: usize = 0;
export let bsPos: i32 = 0;
export let bsLimit: i32 = 0;

export function bsInit(buf: usize, bytes: i32): void {
  bsBuf = buf;
  bsPos = 0;
  bsLimit = bytes * 8;
}

export function bsSeek(pos: i32): void {
  bsPos = pos;
}

export function getBits(n: i32): u32 {
  const s = bsPos & 7;
  let shl = n + s;
  let p = bsBuf + <usize>(bsPos >> 3);
  if ((bsPos += n) > bsLimit) return 0;
  let cache: u32 = 0;
  let next: u32 = <u32>load<u8>(p++) & (255 >> s);
  while ((shl -= 8) > 0) {
    cache |= next << shl;
    next = <u32>load<u8>(p++);
  }
  return cache | (next >> -shl);
}

/** Reads the side information into GR_INFOS; returns main_data_begin, or -1 for a frame that cannot be right. */
export function readSideInfo(): i32 {
  let srIdx = mySampleRate();
  srIdx -= <i32>(srIdx != 0);
  let grCount = isMono() ? 1 : 2;
  let mainDataBegin: i32;
  let scfsi: u32 = 0;
  let part23Sum = 0;
  if (isMpeg1()) {
    grCount *= 2;
    mainDataBegin = <i32>getBits(9);
    scfsi = getBits(7 + grCount);
  } else {
    mainDataBegin = <i32>(getBits(8 + grCount) >> grCount);
  }
  for (let g = 0; g < grCount; g++) {
    const gr = grInfo(g);
    if (isMono()) scfsi <<= 4;
    gr.part23 = <i32>getBits(12);
    part23Sum += gr.part23;
    gr.bigValues = <i32>getBits(9);
    if (gr.bigValues > 288) return -1;
    gr.globalGain = <i32>getBits(8);
    gr.scfCompress = <i32>getBits(isMpeg1() ? 4 : 9);
    gr.sfbtab = SCF_LONG + <usize>srIdx * 23;
    gr.nLongSfb = 22;
    gr.nShortSfb = 0;
    let tables: u32;
    if (getBits(1)) {
      gr.blockType = <i32>getBits(2);
      if (gr.blockType == 0) return -1;
      gr.mixed = <i32>getBits(1);
      gr.region0 = 7;
      gr.region1 = 255;
      if (gr.blockType == 2) {
        scfsi &= 0x0f0f;
        if (!gr.mixed) {
          gr.region0 = 8;
          gr.sfbtab = SCF_SHORT + <usize>srIdx * 40;
          gr.nLongSfb = 0;
          gr.nShortSfb = 39;
        } else {
          gr.sfbtab = SCF_MIXED + <usize>srIdx * 40;
          gr.nLongSfb = isMpeg1() ? 8 : 6;
          gr.nShortSfb = 30;
        }
      }
      tables = getBits(10) << 5;
      gr.subblockGain0 = <i32>getBits(3);
      gr.subblockGain1 = <i32>getBits(3);
      gr.subblockGain2 = <i32>getBits(3);
    } else {
      gr.blockType = 0;
      gr.mixed = 0;
      tables = getBits(15);
      gr.region0 = <i32>getBits(4);
      gr.region1 = <i32>getBits(3);
      gr.region2 = 255;
    }
    gr.table0 = <i32>(tables >> 10);
    gr.table1 = <i32>((tables >> 5) & 31);
    gr.table2 = <i32>(tables & 31);
    gr.preflag = isMpeg1() ? <i32>getBits(1) : <i32>(gr.scfCompress >= 500);
    gr.scfScale = <i32>getBits(1);
    gr.count1Table = <i32>getBits(1);
    gr.scfsi = <i32>((scfsi >> 12) & 15);
    scfsi <<= 4;
  }
  if (part23Sum + bsPos > bsLimit + mainDataBegin * 8) return -1;
  return mainDataBegin;
}

const ISCF: usize = memory.data(48, 16);
const SCF_SIZE: usize = memory.data(4, 4);

function readScalefactors(scf: usize, istPos: usize, scfSize: usize, scfCount: usize, scfsiIn: i32): void {
  let scfsi = scfsiIn;
  for (let i = 0; i < 4; i++, scfsi *= 2) {
    const cnt = <i32>load<u8>(scfCount + i);
    if (!cnt) break;
    if (scfsi & 8) {
      memory.copy(scf, istPos, cnt);
    } else {
      const bits = <i32>load<u8>(scfSize + i);
      if (!bits) {
        memory.fill(scf, 0, cnt);
        memory.fill(istPos, 0, cnt);
      } else {
        const maxScf = scfsi < 0 ? (1 << bits) - 1 : -1;
        for (let k = 0; k < cnt; k++) {
          const s = <i32>getBits(bits);
          store<u8>(istPos + k, s == maxScf ? 255 : s);
          store<u8>(scf + k, s);
        }
      }
    }
    istPos += cnt;
    scf += cnt;
  }
  store<u8>(scf, 0);
  store<u8>(scf, 0, 1);
  store<u8>(scf, 0, 2);
}

/** y * 2^(-exp_q2 / 4), in steps that stay within f32 (minimp3's L3_ldexp_q2). */
export function ldexpQ2(y: f32, expQ2: i32): f32 {
  let e: i32;
  do {
    e = min(30 * 4, expQ2);
    y *= load<f32>(EXPFRAC + (<usize>(e & 3) << 2)) * <f32>((1 << 30) >> (e >> 2));
  } while ((expQ2 -= e) > 0);
  return y;
}

/** Reads one granule-channel's scale factors and turns them into the gain of each band, in `scf` (f32s). */
export function decodeScalefactors(istPos: usize, gr: GrInfo, scf: usize, ch: i32): void {
  let partition = SCF_PARTITIONS + <usize>((<i32>(gr.nShortSfb != 0) + <i32>(gr.nLongSfb == 0)) * 28);
  const scfShift = gr.scfScale + 1;
  let scfsi = gr.scfsi;
  if (isMpeg1()) {
    const part = <i32>load<u8>(SCFC_DECODE + <usize>(gr.scfCompress & 15));
    store<u8>(SCF_SIZE, part >> 2);
    store<u8>(SCF_SIZE, part >> 2, 1);
    store<u8>(SCF_SIZE, part & 3, 2);
    store<u8>(SCF_SIZE, part & 3, 3);
  } else {
    const ist = <i32>(isIStereo() && ch != 0);
    let sfc = gr.scfCompress >> ist;
    let k = ist * 3 * 4;
    let modprod = 1;
    for (; sfc >= 0 && k < 24; sfc -= modprod, k += 4) {
      modprod = 1;
      for (let i = 3; i >= 0; i--) {
        const m = <i32>load<u8>(MOD + <usize>(k + i));
        store<u8>(SCF_SIZE + <usize>i, (sfc / modprod) % m);
        modprod *= m;
      }
    }
    partition += <usize>min(k, 24);
    scfsi = -16;
  }
  readScalefactors(ISCF, istPos, SCF_SIZE, partition, scfsi);
  const nLong = gr.nLongSfb;
  const nShort = gr.nShortSfb;
  if (nShort) {
    const sh = 3 - scfShift;
    for (let i = 0; i < nShort; i += 3) {
      const at = ISCF + <usize>(nLong + i);
      store<u8>(at, <i32>load<u8>(at) + (gr.subblockGain0 << sh));
      store<u8>(at + 1, <i32>load<u8>(at + 1) + (gr.subblockGain1 << sh));
      store<u8>(at + 2, <i32>load<u8>(at + 2) + (gr.subblockGain2 << sh));
    }
  } else if (gr.preflag) {
    for (let i = 0; i < 10; i++) store<u8>(ISCF + <usize>(11 + i), <i32>load<u8>(ISCF + <usize>(11 + i)) + <i32>load<u8>(PREAMP + <usize>i));
  }
  const gainExp = gr.globalGain - 4 - 210 - (isMsStereo() ? 2 : 0);
  const gain = ldexpQ2(<f32>(1 << 11), 44 - gainExp);
  for (let i = 0; i < nLong + nShort; i++) {
    store<f32>(scf + (<usize>i << 2), ldexpQ2(gain, <i32>load<u8>(ISCF + <usize>i) << scfShift));
  }
}
