// AssemblyScript: voiceprep's MPEG audio Layer III decoder, its own WebAssembly module (built by
// src/wasm/build-kernels.mjs, loaded by src/formats/mp3/layer3-decode.ts only when an MP3 is opened).
//
// A port of minimp3 by lieff (github.com/lieff/minimp3, minimp3.h, released under CC0: no notice is required, the
// credit is given gladly), its Layer III path, float output, with two additions for voiceprep's outputs:
// - `bands`: only subbands 0..bands-1 are kept. The Huffman decoding stops after the lines of one subband more (the
//   alias reduction at the kept band's top edge needs them; intensity stereo frames are decoded whole) and jumps to
//   the granule's end; alias reduction, IMDCT and overlap-add run for the kept subbands; the synthesis filterbank
//   runs at the stream's own rate with the others zero, so length and timing are unchanged.
// - `mono`: a stereo stream is folded to the mean of its channels before the IMDCT and the synthesis (both linear),
//   which then run once. Where mid/side stereo covers a granule whose channels have the same block type, the mean is
//   the mid channel itself and the side channel's Huffman data is skipped.
// The caller hands over one whole frame at a time (it finds them); the bit reservoir is kept here.
import { GrInfo, grInfo, h1, h2, h3, bsInit, bsPos, bsLimit, bsSeek, getBits, hasCrc, isMono, isMpeg1, isMsStereo, isIStereo, mySampleRate, readSideInfo, decodeScalefactors, setHeader } from './layer3-side';
import { huffman } from './layer3-huffman';
import { antialias, imdctGranule, intensityStereo, midside, reorder } from './layer3-imdct';
import { OUT_STRIDE, synthGranule } from './layer3-synth';

const INPUT_BYTES: i32 = 4096;
const INPUT: usize = memory.data(INPUT_BYTES, 16);
const MAX_RESERVOIR: i32 = 511;
const MAX_PAYLOAD: i32 = 2304;
/** Main data, and room after it for the bit cache of a damaged granule's Huffman codes to run past its end. */
const MAINDATA: usize = memory.data(MAX_RESERVOIR + MAX_PAYLOAD + 4096, 16);
const RESERVOIR: usize = memory.data(MAX_RESERVOIR + 1, 16);
const RIGHT: usize = 576 * 4;
/** Two channels of 576 lines, and a vector's room after them (the synthesis loads four slots at a time). */
const GRBUF: usize = memory.data(576 * 2 * 4 + 16, 16);
const SCF: usize = memory.data(48 * 4, 16);
const SYN: usize = memory.data(33 * 64 * 4, 16);
const IST_POS: usize = memory.data(2 * 40, 16);
const OVERLAP: usize = memory.data(2 * 288 * 4, 16);
const OVERLAP_TMP: usize = memory.data(288 * 4, 16);
const QMF: usize = memory.data(15 * 64 * 4, 16);
const OUT: usize = memory.data(2 * OUT_STRIDE * 4, 16);

let reservoir: i32 = 0;
let channelsOut: i32 = 1;

/** Where the caller writes a frame (header included), at most `mp3_input_bytes()` bytes. */
export function mp3_input(): usize { return INPUT; }
export function mp3_input_bytes(): i32 { return INPUT_BYTES; }
/** Where a frame's samples are: planar f32, the second channel `mp3_output_stride()` floats after the first. */
export function mp3_output(): usize { return OUT; }
export function mp3_output_stride(): i32 { return OUT_STRIDE; }
/** The channels the last frame decoded wrote (a stream may switch between mono and stereo frames). */
export function mp3_output_channels(): i32 { return channelsOut; }

/** Forgets the stream: the bit reservoir, the IMDCT's overlap and the filterbank's state. */
export function mp3_reset(): void {
  reservoir = 0;
  memory.fill(OVERLAP, 0, 2 * 288 * 4);
  memory.fill(QMF, 0, 15 * 64 * 4);
}

/**
 * Decodes the Layer III frame of `bytes` bytes at mp3_input(). Returns the samples per channel written to
 * mp3_output() (1152, or 576 for MPEG-2 and 2.5; one channel when `mono` (1 or 2) or a mono stream, else two), or 0 for a
 * header that is not layer III's (no sample is written).
 */
export function mp3_decode_frame(bytes: i32, bands: i32, mono: i32): i32 {
  // mono 2 takes the path of channels whose windows differ for every granule: LAME never writes such granules, so
  // the specs check that path this way against the plain fold.
  if (bytes < 4 || bytes > INPUT_BYTES) return 0;
  setHeader(<i32>load<u8>(INPUT, 1), <i32>load<u8>(INPUT, 2), <i32>load<u8>(INPUT, 3));
  // layer III, a version and a sample rate that exist: the tables are indexed by them
  if (((h1 >> 1) & 3) != 1 || ((h1 >> 3) & 3) == 1 || ((h2 >> 2) & 3) == 3) return 0;
  const keep = min(32, max(1, bands));
  const nch = isMono() ? 1 : 2;
  bsInit(INPUT + 4, bytes - 4);
  if (hasCrc()) getBits(16);
  const mainDataBegin = readSideInfo();
  // Side information that cannot be right: the frame is silence, as mpg123 makes it, and the reservoir is emptied.
  const valid = mainDataBegin >= 0 && bsPos <= bsLimit;
  let complete = false;
  if (valid) {
    // L3_restore_reservoir
    const frameBytes = min((bsLimit - bsPos) >> 3, MAX_PAYLOAD);
    const have = min(reservoir, mainDataBegin);
    memory.copy(MAINDATA, RESERVOIR + <usize>(reservoir - have), have);
    memory.copy(MAINDATA + <usize>have, INPUT + 4 + <usize>(bsPos >> 3), frameBytes);
    bsInit(MAINDATA, have + frameBytes);
    complete = reservoir >= mainDataBegin;
  } else {
    bsInit(MAINDATA, 0);
  }
  const granules = isMpeg1() ? 2 : 1;
  const outChannels = mono ? 1 : nch;
  channelsOut = outChannels;
  for (let g = 0; g < granules; g++) {
    memory.fill(GRBUF, 0, 576 * 2 * 4);
    // Without the bytes the reservoir should hold, the frame is silence (the filterbanks still run down).
    decodeGranule(g * nch, nch, keep, nch == 2 ? mono : 0, complete);
    synthGranule(QMF, GRBUF, outChannels, OUT + <usize>(g * 576 * 4), SYN);
  }
  // L3_save_reservoir
  let pos = (bsPos + 7) >> 3;
  let remains = (bsLimit >> 3) - pos;
  if (remains > MAX_RESERVOIR) {
    pos += remains - MAX_RESERVOIR;
    remains = MAX_RESERVOIR;
  }
  if (remains > 0) memory.copy(RESERVOIR, MAINDATA + <usize>pos, remains);
  reservoir = max(0, remains);
  return granules * 576;
}

/** The lines a granule-channel must decode for `need`: up to the end of a scale factor band (all three windows). */
function lineLimit(gr: GrInfo, need: i32): i32 {
  if (need >= 576) return 576;
  const sfb = gr.sfbtab;
  let sum = 0;
  for (let i = 0; ; i++) {
    const width = <i32>load<u8>(sfb + <usize>i);
    if (!width) return 576;
    sum += width;
    if (sum >= need && (i < gr.nLongSfb || (i - gr.nLongSfb) % 3 == 2)) return sum;
  }
  return 576;
}

/** `fold`: 0 keeps the channels apart, 1 folds them to mono, 2 folds them as if their windows differed. */
function decodeGranule(first: i32, nch: i32, keep: i32, fold: i32, complete: bool): void {
  const need = keep >= 32 ? 576 : (keep + 1) * 18;
  const left = grInfo(first);
  const right = grInfo(first + nch - 1);
  const same = left.blockType == right.blockType && left.mixed == right.mixed && fold != 2;
  const intensity = nch == 2 && isIStereo();
  const skipSide = fold != 0 && same && isMsStereo() && !intensity;
  if (complete) {
    for (let ch = 0; ch < nch; ch++) {
      const gr = grInfo(first + ch);
      const limit = bsPos + gr.part23;
      decodeScalefactors(IST_POS + <usize>(ch * 40), gr, SCF, ch);
      if (ch == 0 || !skipSide) huffman(GRBUF + RIGHT * <usize>ch, gr, SCF, limit, intensity ? 576 : lineLimit(gr, need));
      bsSeek(limit);
    }
    if (nch == 2 && !skipSide) {
      if (intensity) intensityStereo(GRBUF, IST_POS + 40, first);
      else if (isMsStereo()) midside(GRBUF, 576);
    }
  }
  if (fold == 0) {
    for (let ch = 0; ch < nch; ch++) processChannel(GRBUF + RIGHT * <usize>ch, OVERLAP + <usize>(ch * 288 * 4), grInfo(first + ch), keep);
    return;
  }
  // Folding to mono: OVERLAP's first half holds the mean of the channels' overlaps.
  if (skipSide) {
    processChannel(GRBUF, OVERLAP, left, keep);
  } else if (same) {
    scaleAdd(GRBUF, GRBUF, GRBUF + RIGHT, 576);
    processChannel(GRBUF, OVERLAP, left, keep);
  } else {
    // different windows: each channel's half through its own, then added, overlaps too
    halve(GRBUF, 576 * 2);
    memory.fill(OVERLAP_TMP, 0, 288 * 4);
    processChannel(GRBUF, OVERLAP, left, keep);
    processChannel(GRBUF + RIGHT, OVERLAP_TMP, right, keep);
    add(GRBUF, GRBUF + RIGHT, keep * 18);
    add(OVERLAP, OVERLAP_TMP, keep * 9);
  }
}

/** dst = (a + b) * 0.5, four lines at a time (n is a multiple of 4). */
function scaleAdd(dst: usize, a: usize, b: usize, n: i32): void {
  const half = f32x4.splat(0.5);
  for (let i = 0; i < n; i += 4) {
    const at = <usize>i << 2;
    v128.store(dst + at, f32x4.mul(f32x4.add(v128.load(a + at), v128.load(b + at)), half));
  }
}

function halve(p: usize, n: i32): void {
  const half = f32x4.splat(0.5);
  for (let i = 0; i < n; i += 4) v128.store(p + (<usize>i << 2), f32x4.mul(v128.load(p + (<usize>i << 2)), half));
}

function add(dst: usize, src: usize, n: i32): void {
  for (let i = 0; i < n; i++) {
    const at = <usize>i << 2;
    store<f32>(dst + at, load<f32>(dst + at) + load<f32>(src + at));
  }
}

function processChannel(buf: usize, overlap: usize, gr: GrInfo, keep: i32): void {
  let aaBands = 31;
  const nLongBands = (gr.mixed ? 2 : 0) << <i32>(mySampleRate() == 2);
  if (gr.nShortSfb) {
    aaBands = nLongBands - 1;
    reorder(buf + <usize>(nLongBands * 72), SYN, gr.sfbtab + <usize>gr.nLongSfb);
  }
  antialias(buf, min(aaBands, keep));
  imdctGranule(buf, overlap, gr, nLongBands, keep);
  if (keep < 32) memory.fill(buf + <usize>(keep * 72), 0, (32 - keep) * 72);
}
