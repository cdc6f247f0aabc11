/**
 * A literal transcription of the ITU-T G.191 Software Tools Library reference, `g711.c` (`alaw_compress`,
 * `alaw_expand`, `ulaw_compress`, `ulaw_expand`), kept loop for loop and shift for shift so that it can serve as the
 * judge of the project's own G.711 code. C `short` arithmetic is modelled with explicit 16-bit wrapping where it matters.
 */

function toShort(value: number): number {
  return (value << 16) >> 16;
}

/** alaw_compress(lseg, linbuf, logbuf) for one sample. */
export function g191AlawCompress(linbuf: number): number {
  let ix = linbuf < 0 ? toShort(~linbuf) >> 4 : linbuf >> 4; // 1's complement for negative values
  if (ix > 15) {
    let iexp = 1;
    while (ix > 16 + 15) {
      ix >>= 1;
      iexp++;
    }
    ix -= 16; // remove leading '1'
    ix += iexp << 4;
  }
  if (linbuf >= 0) ix |= 0x0080; // add sign bit
  return ix ^ 0x0055; // toggle even bits
}

/** alaw_expand(lseg, logbuf, linbuf) for one code. */
export function g191AlawExpand(logbuf: number): number {
  let ix = logbuf ^ 0x0055;
  ix &= 0x007f;
  const iexp = ix >> 4;
  let mant = ix & 0x000f;
  if (iexp > 0) mant = mant + 16;
  mant = (mant << 4) + 0x0008;
  if (iexp > 1) mant = mant << (iexp - 1);
  return logbuf > 127 ? mant : -mant;
}

/** ulaw_expand(lseg, logbuf, linbuf) for one code. */
export function g191UlawExpand(logbuf: number): number {
  const sign = logbuf < 0x0080 ? -1 : 1;
  let mantissa = toShort(~logbuf);
  const exponent = (mantissa >> 4) & 0x0007;
  const segment = exponent + 1;
  mantissa = mantissa & 0x000f;
  const step = 4 << segment;
  return toShort(sign * ((0x0080 << exponent) + step * mantissa + step / 2 - 4 * 33));
}

/** ulaw_compress(lseg, linbuf, logbuf) for one sample. */
export function g191UlawCompress(linbuf: number): number {
  let absno = linbuf < 0 ? (toShort(~linbuf) >> 2) + 33 : (linbuf >> 2) + 33; // 1's complement for negative values
  if (absno > 0x1fff) absno = 0x1fff; // limitation to "absno" < 8192
  let i = absno >> 6; // determination of sample's segment
  let segno = 1;
  while (i !== 0) {
    segno++;
    i >>= 1;
  }
  const highNibble = 0x0008 - segno;
  let lowNibble = (absno >> segno) & 0x000f; // right shift of mantissa and masking away leading '1'
  lowNibble = 0x000f - lowNibble;
  let logbuf = (highNibble << 4) | lowNibble;
  if (linbuf >= 0) logbuf = logbuf | 0x0080; // add sign bit
  return logbuf;
}
