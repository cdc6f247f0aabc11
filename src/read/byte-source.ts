/**
 * Random access to the bytes of one input. The reader asks for chunk headers here and there, the decoder asks for
 * the data in blocks; neither needs the whole file in memory, and the same code serves bytes held in memory (and in a
 * browser) and files on disk (see `src/node/file-source.ts`).
 */
export interface ByteSource {
  /** Total size in bytes, as the source really holds them (declared sizes are clamped to this). */
  readonly size: number;
  /**
   * Reads `length` bytes at `offset`. Returns fewer bytes only when the source ends first, and an empty array when
   * `offset` is at or past the end. The returned bytes may be a view that is only valid until the next call.
   */
  read(offset: number, length: number): Promise<Uint8Array>;
  /**
   * Reads up to `target.length` bytes at `offset` straight into `target` (the kernels' memory, say, which saves a
   * copy) and returns how many it read: fewer only where the source ends. Optional: sources in memory have no use
   * for it.
   */
  readInto?(offset: number, target: Uint8Array): Promise<number>;
}

export function bytesSource(bytes: Uint8Array): ByteSource {
  return {
    size: bytes.length,
    read(offset: number, length: number): Promise<Uint8Array> {
      const start = Math.min(Math.max(0, offset), bytes.length);
      const end = Math.min(start + Math.max(0, length), bytes.length);
      return Promise.resolve(bytes.subarray(start, end));
    },
  };
}
