/**
 * Filter coefficients by the parameters that produced them. A batch converts many files at the same few rates, and
 * designing a polyphase bank (a Bessel function per tap) costs more than resampling a short prompt's first second,
 * so each thread designs each filter once. Bounded by size, since every distinct input rate adds a design.
 */
const MAX_CACHED_COEFFICIENTS = 2 * 1024 * 1024;

const designs = new Map<string, Float32Array>();
let cachedCoefficients = 0;

/** The coefficients designed for `key`, designing them on first use. Callers must not modify them. */
export function cachedDesign(key: string, design: () => Float32Array): Float32Array {
  const cached = designs.get(key);
  if (cached) return cached;
  const coefficients = design();
  if (coefficients.length > MAX_CACHED_COEFFICIENTS) return coefficients;
  for (const [oldest, old] of designs) {
    if (cachedCoefficients + coefficients.length <= MAX_CACHED_COEFFICIENTS) break;
    designs.delete(oldest);
    cachedCoefficients -= old.length;
  }
  designs.set(key, coefficients);
  cachedCoefficients += coefficients.length;
  return coefficients;
}
