import { type FileBytes, bytesArgument, invalidArgument, isFileBytes } from '../arguments.js';

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

/** A source over bytes held in memory: a Uint8Array or Buffer, or an ArrayBuffer (viewed, not copied). */
export function bytesSource(input: FileBytes): ByteSource {
  const bytes = bytesArgument(input, 'bytes');
  return {
    size: bytes.length,
    read(offset: number, length: number): Promise<Uint8Array> {
      const start = Math.min(Math.max(0, offset), bytes.length);
      const end = Math.min(start + Math.max(0, length), bytes.length);
      return Promise.resolve(bytes.subarray(start, end));
    },
  };
}

/**
 * What a function that reads a source was given, as a source: a ByteSource (anything with a size and a read), or
 * the bytes of a file, which a caller may well pass where a source is asked for.
 */
export function sourceArgument(value: unknown, what: string): ByteSource {
  if (isFileBytes(value)) return bytesSource(value);
  const source = value as Partial<ByteSource> | null;
  if (typeof source === 'object' && source !== null && typeof source.read === 'function' && Number.isSafeInteger(source.size) && (source.size as number) >= 0) {
    return source as ByteSource;
  }
  throw invalidArgument(what, "a ByteSource (bytesSource(bytes), openFileSource(path)) or the file's bytes (a Uint8Array, a Buffer or an ArrayBuffer)", value);
}

/**
 * The `size` bytes of `source` from `offset` on, as a source of their own: a stream inside a container (MPEG audio in
 * a WAVE file's data chunk) read by the reader of its own format.
 */
export function sliceOf(source: ByteSource, offset: number, size: number): ByteSource {
  const within = (at: number, length: number) => Math.max(0, Math.min(length, size - at));
  const slice: ByteSource = {
    size,
    read: (at, length) => source.read(offset + at, within(at, length)),
  };
  if (source.readInto) {
    const readInto = source.readInto.bind(source);
    slice.readInto = (at, target) => readInto(offset + at, target.subarray(0, within(at, target.length)));
  }
  return slice;
}
