import { type BigIntStats, constants } from 'node:fs';
import { VoiceprepError } from '../errors.js';
import { type FileIo, fileIo } from './file-io.js';
import type { ByteSource } from '../source/byte-source.js';
import { borrowBuffer, returnBuffer } from './spare-buffers.js';

export interface FileSource extends ByteSource {
  readInto(offset: number, target: Uint8Array): Promise<number>;
  /**
   * Throws a VoiceprepError ('io') if the file changed since it was opened: another size or modification time, or
   * its path now naming another file or nothing. Called before an output replaces or stands for the input, so that
   * a file still being written is never replaced by the part read so far.
   */
  assertUnchanged(): Promise<void>;
  close(): Promise<void>;
}

export interface FileSourceOptions {
  /**
   * Make every operation on the file (open, stat, reads, close) a blocking call in this thread (see file-io.ts).
   * A read through the thread pool costs a round trip that was measured here at three times the read itself
   * (57.6 MB: 33 ms in 4 MB reads through the pool, 10.5 ms blocking): worth it in a thread that has nothing else to
   * do meanwhile (a batch's converting threads), not in a server's event loop.
   */
  blocking?: boolean;
}

/** Reads this small are served as asked: the header walk hops between chunk headers and needs no more. */
const FIRST_READ_BYTES = 64 * 1024;
/** Once reads run in sequence (the samples), they are served from windows this large, read one ahead. */
const WINDOW_BYTES = 4 * 1024 * 1024;
/**
 * Each window starts this far before the end of the previous one, so that a request that begins near the end of a
 * window still lies whole inside the next. Larger requests (only a single frame of thousands of channels comes
 * near) are read directly.
 */
const OVERLAP_BYTES = 1024 * 1024;
/** Consecutive reads at least this large are sample blocks, worth reading ahead for. */
const STREAMING_READ_BYTES = 16 * 1024;
const WINDOW_ALIGNMENT = 8;

/**
 * A file read in place: converting a file of any size keeps at most two windows in memory. Every read through
 * the thread pool costs a round trip, so sequential reads are served from large windows, and the next window is
 * read while the caller decodes this one. The size is taken once, when the file is opened; a file that shrinks
 * later reads short, which the pipeline reports instead of trusting the header.
 *
 * Only regular files are read. The file is opened without blocking, since opening a FIFO for reading otherwise
 * waits for a writer forever, and what was opened is checked on the descriptor itself (a stat of the path before
 * opening would leave a window in which the file can be swapped). What is not a regular file is closed unread and
 * refused with a VoiceprepError ('io'). A failure to open (no such file, permission denied) is Node's own error,
 * with its `code`, for the caller to put in its own words.
 */
export async function openFileSource(path: string, options: FileSourceOptions = {}): Promise<FileSource> {
  const io = fileIo(options.blocking);
  const fd = await io.open(path, constants.O_RDONLY | NONBLOCKING).catch((error: unknown) => {
    // a Unix socket cannot be opened at all
    throw (error as NodeJS.ErrnoException).code === 'ENXIO' ? notRegular('a socket or device') : error;
  });
  try {
    const stats = await io.fstat(fd);
    if (!stats.isFile()) throw notRegular(kindOf(stats));
    return new ReadAheadSource(path, fd, io, stats, options.blocking ?? false);
  } catch (error) {
    await io.close(fd);
    throw error;
  }
}

/** O_NONBLOCK only changes how FIFOs and devices open; a regular file reads the same with it. Windows has none. */
const NONBLOCKING = constants.O_NONBLOCK ?? 0;

function kindOf(stats: BigIntStats): string {
  if (stats.isDirectory()) return 'a folder';
  if (stats.isFIFO()) return 'a FIFO (named pipe)';
  if (stats.isSocket()) return 'a socket';
  return 'a device';
}

function notRegular(kind: string): VoiceprepError {
  return new VoiceprepError('io', `${kind}, not a regular file: not read`);
}

const EMPTY = Buffer.alloc(0);

interface Window {
  start: number;
  bytes: Uint8Array;
}

class ReadAheadSource implements FileSource {
  private current: Window = { start: 0, bytes: new Uint8Array(0) };
  private next: Promise<Window> | null = null;
  /** Two buffers in turn: one holds the window the caller reads, the other the window being read ahead. */
  private buffers: [Buffer, Buffer] = [EMPTY, EMPTY];
  private lastEnd = -1;

  readonly size: number;

  constructor(
    private readonly path: string,
    private readonly fd: number,
    private readonly io: FileIo,
    private readonly opened: BigIntStats,
    private readonly blocking: boolean,
  ) {
    this.size = Number(opened.size);
  }

  async assertUnchanged(): Promise<void> {
    const now = await this.io.fstat(this.fd);
    if (now.size !== this.opened.size || now.mtimeNs !== this.opened.mtimeNs) throw changed('changed');
    const named = await this.io.stat(this.path).catch(() => null);
    if (named === null) throw changed('was removed');
    if (named.ino !== this.opened.ino || named.dev !== this.opened.dev) throw changed('was replaced by another file');
  }

  async readInto(offset: number, target: Uint8Array): Promise<number> {
    const start = Math.min(Math.max(0, offset), this.size);
    const wanted = Math.min(target.length, this.size - start);
    let filled = 0;
    try {
      while (filled < wanted) {
        const read = await this.io.read(this.fd, target, filled, wanted - filled, start + filled);
        if (read === 0) break; // the file shrank since it was opened
        filled += read;
      }
    } catch (error) {
      throw readFailure(error);
    }
    return filled;
  }

  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.min(Math.max(0, offset), this.size);
    const wanted = Math.max(0, Math.min(length, this.size - start));
    // Samples are read in large consecutive blocks; the header walk's small reads never start a read-ahead.
    const streaming = start === this.lastEnd && wanted >= STREAMING_READ_BYTES;
    this.lastEnd = start + wanted;
    if (!covers(this.current, start, wanted)) {
      const ahead = this.next && (await this.next);
      this.next = null;
      if (ahead && covers(ahead, start, wanted)) {
        this.current = ahead;
        this.buffers.reverse();
      } else {
        const size = streaming && wanted <= OVERLAP_BYTES ? WINDOW_BYTES : Math.max(wanted, FIRST_READ_BYTES);
        this.current = await this.readWindow(0, start, size);
      }
    }
    // a blocking read ahead would only be made now instead of later, in the same thread
    if (streaming && !this.next && !this.blocking) this.readAhead();
    const from = start - this.current.start;
    return this.current.bytes.subarray(from, from + wanted);
  }

  async close(): Promise<void> {
    // the read-ahead may still be filling its buffer: let it finish before the buffer goes back to the spares
    await this.next?.catch(() => undefined);
    this.next = null;
    for (const buffer of this.buffers) returnBuffer(buffer);
    this.buffers = [EMPTY, EMPTY];
    await this.io.close(this.fd);
  }

  private readAhead(): void {
    const end = this.current.start + this.current.bytes.length;
    if (end >= this.size) return;
    const start = Math.max(this.current.start + 1, end - OVERLAP_BYTES);
    this.next = this.readWindow(1, start, WINDOW_BYTES);
    // A failed read-ahead is reported by the read that needs it, not as an unhandled rejection.
    this.next.catch(() => undefined);
  }

  /**
   * Reads into buffer `which` (0: the caller's, 1: the read-ahead's), from `requested` rounded down to a multiple
   * of 8: a view at an even file offset then sits at an even memory offset, so that the decoders can read 16-bit
   * samples as Int16Array words instead of byte by byte.
   */
  private async readWindow(which: 0 | 1, requested: number, length: number): Promise<Window> {
    const start = requested - (requested % WINDOW_ALIGNMENT);
    const wanted = Math.max(0, Math.min(length + (requested - start), this.size - start));
    if (this.buffers[which].length < wanted) {
      returnBuffer(this.buffers[which]);
      this.buffers[which] = borrowBuffer(wanted > FIRST_READ_BYTES ? Math.max(wanted, WINDOW_BYTES) : FIRST_READ_BYTES);
    }
    const buffer = this.buffers[which];
    let filled = 0;
    try {
      while (filled < wanted) {
        const bytesRead = await this.io.read(this.fd, buffer, filled, wanted - filled, start + filled);
        if (bytesRead === 0) break; // the file shrank since it was opened
        filled += bytesRead;
      }
    } catch (error) {
      throw readFailure(error);
    }
    return { start, bytes: new Uint8Array(buffer.buffer, buffer.byteOffset, filled) };
  }
}

/** A read that failed (EIO on a failing disk, say): an expected failure, in words, not Node's error. */
function readFailure(error: unknown): VoiceprepError {
  const message = error instanceof Error ? error.message : String(error);
  return new VoiceprepError('io', `the file could not be read: ${message.split('\n')[0]}`);
}

function changed(what: string): VoiceprepError {
  return new VoiceprepError(
    'io',
    `the file ${what} while it was being converted (is it still being written?): nothing was written or replaced; ` +
      'convert it again once it is complete',
  );
}

function covers(window: Window, start: number, length: number): boolean {
  return start >= window.start && start + length <= window.start + window.bytes.length;
}
