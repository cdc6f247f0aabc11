// AssemblyScript: voiceprep's FLAC decoder, its own WebAssembly module (built by src/wasm/build-kernels.mjs, loaded
// by src/formats/flac/flac-decode.ts only when a FLAC file is opened).
//
// Written after the format's specification (RFC 9639) with dr_flac by David Reid as the model (github.com/mackron/
// dr_libs, dr_flac.h, public domain or MIT-0: no notice is required, the credit is given gladly); where they leave
// a choice open it follows libFLAC, whose samples the specs compare ours with: 64-bit LPC sums where 32-bit ones
// could overflow, a frame whose CRC-16 fails is damaged.
//
// The caller writes the stream's bytes at flac_input() and asks for frames one at a time (flac_next); the module
// finds each frame's header (sync code and CRC-8), decodes its subframes, checks its CRC-16, undoes the stereo
// decorrelation and leaves the samples as planar floats n / 2^(bits-1). A frame that fails is skipped to the next
// valid header and counted. Depths of 4 to 24 bits are decoded (a frame of another depth or channel count than
// STREAMINFO's is damaged).
import { alignToByte, bitLimit, bitPos, bitsAt, crc16, crc8, makeCrcTables } from './bits';
import { subframe } from './subframe';

/** The largest frame decoded: 65535 samples of 8 channels of 32 bits, and its headers. */
const MAX_FRAME_BYTES: i32 = 65535 * 8 * 4 + 64;
/** Room for the frame being assembled and one read of the caller's behind it. */
const CAPACITY: i32 = MAX_FRAME_BYTES + 64 * 1024;
/** More than a Rice partition can read past the data before its end is checked (bits.ts). */
const OVERRUN_BYTES: i32 = 1 << 20;
const INPUT: usize = memory.data(CAPACITY + OVERRUN_BYTES, 16);
/**
 * Samples per channel in SAMPLES; before the first channel and after the last, room for the predictors' reads
 * outside the block (multiplied by zero) and the SIMD's over-reads.
 */
const STRIDE: i32 = 65536;
const SAMPLES: usize = memory.data(64 + 8 * STRIDE * 4 + 64, 16) + 64;
/** A frame header is at most 16 bytes: 4, a 7-byte coded number, 2 of block size, 2 of rate, the CRC-8. */
const MAX_HEADER_BYTES: i32 = 16;

/** What flac_next returns besides a frame's samples. */
const NEED_BYTES: i32 = 0;
const END: i32 = -1;
/** What a frame's decode returns besides its samples: not a frame, or one that the end of the stream cuts. */
const DAMAGED: i32 = -2;
const CUT: i32 = -3;

let streamChannels: i32 = 0;
let streamBits: i32 = 0;
let cursor: i32 = 0;
let damaged: i32 = 0;
let lost = false;
/** A frame was cut by the end of the stream: damage only if a whole frame follows (else the file was cut short). */
let cutPending = false;

let blockSize: i32 = 0;
let frameBits: i32 = 0;
let assignment: i32 = 0;

/** Where the caller writes the stream's bytes, at most flac_capacity() of them. */
export function flac_input(): usize { return INPUT; }
export function flac_capacity(): i32 { return CAPACITY; }
/** The last frame's samples: planar f32, channel c at flac_output() + c * flac_stride() * 4. */
export function flac_output(): usize { return SAMPLES; }
export function flac_stride(): i32 { return STRIDE; }
/** The runs of bytes skipped so far because no valid frame was there (each counts once, however long). */
export function flac_damaged(): i32 { return damaged; }

/** A new stream, of STREAMINFO's channels and depth; the input is empty. */
export function flac_reset(channels: i32, bitsPerSample: i32): void {
  makeCrcTables();
  streamChannels = channels;
  streamBits = bitsPerSample;
  cursor = 0;
  damaged = 0;
  lost = false;
  cutPending = false;
}

/** Moves the bytes not yet decoded to the start of the input; returns how many there are. */
export function flac_compact(available: i32): i32 {
  const kept = max(0, available - cursor);
  memory.copy(INPUT, INPUT + <usize>cursor, kept);
  cursor = 0;
  return kept;
}

/**
 * The next frame among the first `available` bytes of the input: its samples per channel (at flac_output()), or 0
 * when more bytes are needed (the caller compacts the input, adds bytes and asks again; `final` says there are no
 * more), or -1 at the end of the stream.
 */
export function flac_next(available: i32, final: i32): i32 {
  for (;;) {
    if (available - cursor < MAX_HEADER_BYTES && final == 0) return NEED_BYTES;
    let at = cursor;
    while (at + 1 < available && !(load<u8>(INPUT + <usize>at) == 0xff && (load<u8>(INPUT + <usize>at, 1) & 0xfe) == 0xf8)) at++;
    if (at > cursor) lose();
    if (at + 1 >= available) {
      // no sync code: keep the last byte, which may be the first of one
      cursor = max(cursor, available - 1);
      if (final == 0) return NEED_BYTES;
      cursor = available;
      return END;
    }
    cursor = at;
    // a header found near the end of what is at hand may go on in the next read
    if (available - at < MAX_HEADER_BYTES && final == 0) return NEED_BYTES;
    const samples = frame(at, available, final != 0);
    if (samples > 0) {
      if (cutPending) damaged++;
      cutPending = false;
      lost = false;
      return samples;
    }
    if (samples == NEED_BYTES) return NEED_BYTES;
    if (samples == CUT && !lost) {
      // the reader reports a file cut short; a header that only looked like one is counted when a frame follows
      cutPending = true;
      lost = true;
    }
    lose();
    cursor = at + 1;
  }
  return END; // not reached
}

function lose(): void {
  if (!lost) damaged++;
  lost = true;
}

/** Decodes the frame whose sync code is at `at`: its samples, NEED_BYTES or DAMAGED; on success cursor is past it. */
function frame(at: i32, available: i32, final: bool): i32 {
  const headerBytes = header(at, available);
  if (headerBytes == 0) return DAMAGED;
  const channels = assignment < 8 ? assignment + 1 : 2;
  if (channels != streamChannels || frameBits != streamBits || frameBits > 24) return DAMAGED;
  // a frame may still be arriving: more bytes are asked for unless the stream has ended or the frame is too long
  const mayGrow = !final && available - at < MAX_FRAME_BYTES;
  bitsAt(INPUT, <u32>(at + headerBytes) << 3, <u32>available << 3);
  for (let channel = 0; channel < channels; channel++) {
    // the side channel carries one bit more
    const side = (assignment == 8 && channel == 1) || (assignment == 9 && channel == 0) || (assignment == 10 && channel == 1);
    const out = SAMPLES + <usize>(channel * STRIDE) * 4;
    if (!subframe(out, blockSize, frameBits + (side ? 1 : 0))) return bitPos > bitLimit ? pastData(mayGrow, final) : DAMAGED;
  }
  alignToByte();
  const end = <i32>(bitPos >> 3) + 2;
  if (end > available) return pastData(mayGrow, final);
  const footer = (<u32>load<u8>(INPUT + <usize>end - 2) << 8) | <u32>load<u8>(INPUT + <usize>end - 1);
  if (crc16(INPUT + <usize>at, end - 2 - at) != footer) return DAMAGED;
  decorrelate();
  toFloat(channels);
  cursor = end;
  return blockSize;
}

/** A frame that goes on past the bytes at hand: more are asked for, or the stream cuts it, or it is too long. */
function pastData(mayGrow: bool, final: bool): i32 {
  return mayGrow ? NEED_BYTES : final ? CUT : DAMAGED;
}

/** The frame header at `at` (RFC 9639 section 9.1): its length in bytes, or 0 when it is not a valid one. */
function header(at: i32, available: i32): i32 {
  if (at + 6 > available) return 0;
  const b2 = <i32>load<u8>(INPUT + <usize>at, 2);
  const b3 = <i32>load<u8>(INPUT + <usize>at, 3);
  const blockCode = b2 >> 4;
  const rateCode = b2 & 15;
  assignment = b3 >> 4;
  const sizeCode = (b3 >> 1) & 7;
  if (blockCode == 0 || rateCode == 15 || assignment > 10 || sizeCode == 3 || (b3 & 1) != 0) return 0;
  let p = at + 4;
  // the frame or sample number, coded like UTF-8 and extended to 7 bytes
  const first = <i32>load<u8>(INPUT + <usize>p);
  let length = 1;
  if (first >= 0x80) {
    length = <i32>clz<u32>(<u32>(~first << 24));
    if (length < 2 || length > 7 || p + length > available) return 0;
    for (let i = 1; i < length; i++) {
      if ((load<u8>(INPUT + <usize>(p + i)) & 0xc0) != 0x80) return 0;
    }
  }
  p += length;
  if (blockCode == 1) blockSize = 192;
  else if (blockCode <= 5) blockSize = 576 << (blockCode - 2);
  else if (blockCode == 6) {
    blockSize = <i32>load<u8>(INPUT + <usize>p) + 1;
    p += 1;
  }
  else if (blockCode == 7) {
    blockSize = ((<i32>load<u8>(INPUT + <usize>p) << 8) | <i32>load<u8>(INPUT + <usize>p, 1)) + 1;
    p += 2;
  } else blockSize = 256 << (blockCode - 8);
  if (blockSize > 65535) return 0;
  if (rateCode == 12) p += 1;
  else if (rateCode == 13 || rateCode == 14) p += 2;
  if (p >= available || crc8(INPUT + <usize>at, p - at) != <u32>load<u8>(INPUT + <usize>p)) return 0;
  if (sizeCode == 0) frameBits = streamBits;
  else if (sizeCode == 1) frameBits = 8;
  else if (sizeCode == 2) frameBits = 12;
  else if (sizeCode == 7) frameBits = 32;
  else frameBits = sizeCode * 4; // 4: 16, 5: 20, 6: 24
  return p + 1 - at;
}

/** Left/side, side/right and mid/side back to left and right (RFC 9639 section 4.2). */
function decorrelate(): void {
  const left = SAMPLES;
  const right = SAMPLES + <usize>STRIDE * 4;
  const end = <usize>blockSize << 2;
  if (assignment == 8) {
    for (let i: usize = 0; i < end; i += 4) store<i32>(right + i, load<i32>(left + i) - load<i32>(right + i));
  } else if (assignment == 9) {
    for (let i: usize = 0; i < end; i += 4) store<i32>(left + i, load<i32>(left + i) + load<i32>(right + i));
  } else if (assignment == 10) {
    for (let i: usize = 0; i < end; i += 4) {
      const side = load<i32>(right + i);
      const mid = (load<i32>(left + i) << 1) | (side & 1);
      store<i32>(left + i, (mid + side) >> 1);
      store<i32>(right + i, (mid - side) >> 1);
    }
  }
}

/** n / 2^(bits-1), exactly (a float32 holds 24 bits), in place, four samples a step. */
function toFloat(channels: i32): void {
  const scale = f32x4.splat(reinterpret<f32>(<u32>(127 - (frameBits - 1)) << 23));
  const steps = (blockSize + 3) >> 2;
  for (let channel = 0; channel < channels; channel++) {
    const at = SAMPLES + <usize>(channel * STRIDE) * 4;
    for (let i = 0; i < steps; i++) {
      const p = at + (<usize>i << 4);
      v128.store(p, f32x4.mul(f32x4.convert_i32x4_s(v128.load(p)), scale));
    }
  }
}
