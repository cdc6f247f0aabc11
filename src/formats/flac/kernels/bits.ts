// AssemblyScript: the FLAC decoder's bit reader and checksums (see decoder.ts).
//
// The reader reads the 8 bytes at the byte of `bitPos` big-endian, shifted to the bit: any field of up to 57 bits
// is one load. It never checks a length on the way: the input buffer is followed by OVERRUN_BYTES of slack (more
// than a partition can overrun: 65535 codes of at most 64 + 31 bits each), so a read past the end stays inside this
// module's memory, and the callers compare `bitPos` with `bitLimit` after each bounded stretch (a subframe's
// header, a partition, a run of raw samples) and in every unbounded one (a unary code's run of zeros).

export let bitPos: u32 = 0;
/** The bits that hold data: past this, what was read is not the frame's. */
export let bitLimit: u32 = 0;
let base: usize = 0;

export function bitsAt(at: usize, startBit: u32, limitBit: u32): void {
  base = at;
  bitPos = startBit;
  bitLimit = limitBit;
}

// @ts-ignore: decorator
@inline export function inputBase(): usize {
  return base;
}

// @ts-ignore: decorator
@inline export function setBitPos(position: u32): void {
  bitPos = position;
}

/** Big-endian to native: WebAssembly has no byte swap, and the library's is a call when not inlined. */
// @ts-ignore: decorator
@inline export function swap64(x: u64): u64 {
  x = ((x >> 8) & 0x00ff00ff00ff00ff) | ((x & 0x00ff00ff00ff00ff) << 8);
  x = ((x >> 16) & 0x0000ffff0000ffff) | ((x & 0x0000ffff0000ffff) << 16);
  return rotr<u64>(x, 32);
}

/** The next 64 bits, the first of them at the top: the last (bitPos & 7) are zeros, not data. */
// @ts-ignore: decorator
@inline export function peek64(): u64 {
  return swap64(load<u64>(base + <usize>(bitPos >> 3))) << <u64>(bitPos & 7);
}

/** An unsigned field of 0 to 32 bits. */
// @ts-ignore: decorator
@inline export function bits(n: u32): u32 {
  const value = <u32>((peek64() >> <u64>(63 - n)) >> 1);
  bitPos += n;
  return value;
}

/** A two's complement field of 1 to 32 bits. */
// @ts-ignore: decorator
@inline export function sbits(n: u32): i32 {
  const value = <i32>(<i64>peek64() >> <i64>(64 - n));
  bitPos += n;
  return value;
}

/** A unary code: the zeros before the next one (which is read too); -1 when the run goes past the data. */
export function unary(): i32 {
  let count: u32 = 0;
  while (true) {
    const word = peek64();
    if (word != 0) {
      const zeros = <u32>clz<u64>(word);
      bitPos += zeros + 1;
      return <i32>(count + zeros);
    }
    const valid = 64 - (bitPos & 7);
    count += valid;
    bitPos += valid;
    if (bitPos > bitLimit) return -1;
  }
  return -1; // not reached
}

/** For a run whose length is known to go past the data: marks the reader as run out, and fails. */
export function runOut(): bool {
  bitPos = bitLimit + 1;
  return false;
}

export function alignToByte(): void {
  bitPos = (bitPos + 7) & ~7;
}

const CRC8: usize = memory.data(256);
const CRC16: usize = memory.data(256 * 2 * 2, 16);
let tablesMade = false;

/** The tables of the two checksums, MSB first, no reflection, no final XOR: CRC-8 (0x07) and CRC-16 (0x8005). */
export function makeCrcTables(): void {
  if (tablesMade) return;
  tablesMade = true;
  for (let byte: u32 = 0; byte < 256; byte++) {
    let crc8: u32 = byte;
    for (let bit = 0; bit < 8; bit++) crc8 = crc8 & 0x80 ? (crc8 << 1) ^ 0x07 : crc8 << 1;
    store<u8>(CRC8 + byte, <u8>crc8);
    let crc16: u32 = byte << 8;
    for (let bit = 0; bit < 8; bit++) crc16 = crc16 & 0x8000 ? (crc16 << 1) ^ 0x8005 : crc16 << 1;
    store<u16>(CRC16 + (byte << 1), <u16>crc16);
  }
  // the second table advances a CRC-16 by a byte followed by a zero byte: two bytes a step
  for (let byte: u32 = 0; byte < 256; byte++) {
    const once = <u32>load<u16>(CRC16 + (byte << 1));
    const twice = ((once << 8) & 0xffff) ^ <u32>load<u16>(CRC16 + ((once >> 8) << 1));
    store<u16>(CRC16 + 512 + (byte << 1), <u16>twice);
  }
}

export function crc8(at: usize, length: i32): u32 {
  let crc: u32 = 0;
  for (let i = 0; i < length; i++) crc = <u32>load<u8>(CRC8 + (crc ^ <u32>load<u8>(at + <usize>i)));
  return crc;
}

/** Two bytes a step: crc' = T2[top byte ^ a] ^ T1[low byte ^ b] (the second table folds the first byte through twice). */
export function crc16(at: usize, length: i32): u32 {
  let crc: u32 = 0;
  let i = 0;
  for (; i + 2 <= length; i += 2) {
    const a = ((crc >> 8) ^ <u32>load<u8>(at + <usize>i)) & 0xff;
    const b = (crc ^ <u32>load<u8>(at + <usize>i + 1)) & 0xff;
    crc = <u32>load<u16>(CRC16 + 512 + (a << 1)) ^ <u32>load<u16>(CRC16 + (b << 1));
  }
  if (i < length) crc = ((crc << 8) & 0xffff) ^ <u32>load<u16>(CRC16 + ((((crc >> 8) ^ <u32>load<u8>(at + <usize>i)) & 0xff) << 1));
  return crc;
}
