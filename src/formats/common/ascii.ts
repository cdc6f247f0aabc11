/** The `length` bytes at `at` as text, a character per byte: how chunk ids, magic numbers and tag names are read. */
export function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
