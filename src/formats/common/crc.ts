/**
 * The checksums FLAC and Ogg protect their frames and pages with: MSB-first, no reflection, no final XOR. A page
 * or frame whose sum does not match is damaged (or was never one: a sync pattern inside other data).
 */

function table(width: 8 | 16 | 32, polynomial: number): Uint32Array {
  const top = 1 << (width - 1);
  const entries = new Uint32Array(256);
  for (let byte = 0; byte < 256; byte++) {
    let crc = byte << (width - 8);
    for (let bit = 0; bit < 8; bit++) crc = crc & top ? (crc << 1) ^ polynomial : crc << 1;
    entries[byte] = width === 32 ? crc >>> 0 : crc & ((1 << width) - 1);
  }
  return entries;
}

const CRC8 = table(8, 0x07);
const CRC16 = table(16, 0x8005);
const CRC32 = table(32, 0x04c11db7);

/** FLAC frame headers. */
export function crc8(bytes: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) crc = CRC8[crc ^ bytes[i]];
  return crc;
}

/** FLAC frames. */
export function crc16(bytes: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) crc = ((crc << 8) & 0xffff) ^ CRC16[(crc >> 8) ^ bytes[i]];
  return crc;
}

/** Ogg pages (computed with the page's own checksum field taken as zero). */
export function crc32(bytes: Uint8Array, from: number, to: number): number {
  let crc = 0;
  for (let i = from; i < to; i++) crc = ((crc << 8) ^ CRC32[((crc >>> 24) ^ bytes[i]) & 0xff]) >>> 0;
  return crc;
}
