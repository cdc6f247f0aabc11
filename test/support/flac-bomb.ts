import { crc8, crc16 } from '../../src/formats/common/crc.js';

export interface FlacBombOptions {
  /** Frames in the file; each is 16 bytes on disk. */
  frames?: number;
  /** Samples each frame decodes to, 1 to 65536. */
  blockSize?: number;
  sampleRate?: number;
  /** The one value every sample of a frame holds (16-bit); frame n holds `value(n)`. */
  value?: (frame: number) => number;
  /**
   * The total STREAMINFO gives: by default the frames' true total (an exact length). Give another number (0 is
   * "unknown") and the length is only an estimate, so nothing can refuse the file before decoding it.
   */
  claimedSamples?: number;
}

/**
 * A decompression bomb: a valid mono 16-bit FLAC of many tiny frames (a CONSTANT subframe: one sample value for the
 * whole block), so that each 16 bytes decode to up to 65536 samples. The defaults, 100,000 frames of 65535, make a
 * 1.6 MB file of 6.55e9 samples, 41 hours at 44.1 kHz. Every header's CRC-8 and every frame's CRC-16 is right, so a
 * decoder takes it for good audio.
 */
export function flacBomb(options: FlacBombOptions = {}): Uint8Array {
  const frames = options.frames ?? 100_000;
  const blockSize = options.blockSize ?? 65535;
  const sampleRate = options.sampleRate ?? 44100;
  const value = options.value ?? (() => 0);
  const total = options.claimedSamples ?? frames * blockSize;
  const streamInfo = new Uint8Array(34);
  const view = new DataView(streamInfo.buffer);
  view.setUint16(0, Math.min(blockSize, 65535));
  view.setUint16(2, Math.min(blockSize, 65535));
  // bytes 4-9: min and max frame size, 0 = unknown. Then 20 bits of rate, 3 of channels - 1, 5 of bits - 1, 36 of total.
  view.setUint32(10, (sampleRate << 12) | (0 << 9) | (15 << 4) | Math.floor(total / 2 ** 32));
  view.setUint32(14, total % 2 ** 32);
  const head = new Uint8Array([0x66, 0x4c, 0x61, 0x43, 0x80, 0x00, 0x00, 34, ...streamInfo]);

  const out = new Uint8Array(head.length + frames * 20);
  out.set(head);
  let at = head.length;
  for (let n = 0; n < frames; n++) {
    const start = at;
    // sync and fixed blocksize; blocksize from 16 bits at the end of the header (code 7), rate from STREAMINFO
    out[at++] = 0xff;
    out[at++] = 0xf8;
    out[at++] = 0x70;
    out[at++] = 0x08; // mono, 16 bits, reserved bit 0
    at = utf8Number(out, at, n);
    out[at++] = (blockSize - 1) >> 8;
    out[at++] = (blockSize - 1) & 0xff;
    out[at] = crc8(out, start, at);
    at++;
    out[at++] = 0x00; // subframe header: CONSTANT, no wasted bits
    const sample = value(n) & 0xffff;
    out[at++] = sample >> 8;
    out[at++] = sample & 0xff;
    const crc = crc16(out, start, at);
    out[at++] = crc >> 8;
    out[at++] = crc & 0xff;
  }
  return out.slice(0, at);
}

/** FLAC's UTF-8-like coding of a frame number (up to 2^31 here). */
function utf8Number(out: Uint8Array, at: number, value: number): number {
  if (value < 0x80) {
    out[at] = value;
    return at + 1;
  }
  let bytes = 2;
  while (value >= 2 ** (5 * bytes + 1)) bytes++;
  out[at] = ((0xff << (8 - bytes)) & 0xff) | Math.floor(value / 2 ** (6 * (bytes - 1)));
  for (let i = 1; i < bytes; i++) out[at + i] = 0x80 | (Math.floor(value / 2 ** (6 * (bytes - 1 - i))) & 0x3f);
  return at + bytes;
}
