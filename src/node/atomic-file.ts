import { randomBytes } from 'node:crypto';
import { basename, dirname, join } from 'node:path';
import { VoiceprepError } from '../errors.js';
import { type FileIo, THREAD_POOL_IO, fileIo } from './file-io.js';
import type { ByteSink } from '../write/wave-writer.js';
import { borrowBuffer, returnBuffer } from './spare-buffers.js';

export interface AtomicWriteOptions {
  /** Replace a file already at the target. Without it an existing file is left alone (see `outcome`). */
  replace?: boolean;
  /** Where to stage the bytes; by default a hidden name beside the target. Must be in the target's folder. */
  tempPath?: string;
  /**
   * Runs once the bytes are on disk, just before they are moved into place; if it throws, nothing is moved, the
   * temp file is removed and the error is passed on. The place to make sure the input did not change meanwhile.
   */
  beforeMove?: () => Promise<void>;
  /** Make every file operation a blocking call in this thread (see file-io.ts): for a thread that only converts. */
  blocking?: boolean;
  /**
   * Called once every byte is written, as they start to be flushed to disk: a caller with more to do (a batch's
   * next file) may go on meanwhile. The flush then runs through the thread pool, even when `blocking`, so that the
   * thread is free; the move still waits for it.
   */
  onWritten?: () => void;
}

export interface AtomicWriteResult<T> {
  value: T;
  /**
   * 'written': the target now holds the new bytes. 'unchanged': the target already held exactly these bytes and
   * was not touched. 'exists': a different file is at the target and `replace` was not given; nothing changed.
   */
  outcome: 'written' | 'unchanged' | 'exists';
}

/** A hidden temp name beside `target`: same folder, so the final rename never crosses file systems. */
export function tempPathFor(target: string): string {
  return join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.voiceprep-tmp`);
}

/**
 * Writes a file so that nobody ever sees half of it: the bytes go to a temp file beside the target, which is
 * flushed to disk and only then moved onto the target. If anything fails, the temp file is removed and the target
 * is untouched. Without `replace`, the move is a hard link, which fails atomically if the target exists, so two
 * runs racing for one name can never overwrite each other.
 */
export async function writeFileAtomically<T>(
  target: string,
  write: (sink: ByteSink) => Promise<T>,
  options: AtomicWriteOptions = {},
): Promise<AtomicWriteResult<T>> {
  const temp = options.tempPath ?? tempPathFor(target);
  const io = fileIo(options.blocking);
  try {
    const value = await writeAndSync(io, temp, write, options.onWritten);
    await options.beforeMove?.();
    const outcome = await moveIntoPlace(io, temp, target, options.replace ?? false);
    return { value, outcome };
  } finally {
    await io.unlink(temp).catch(() => undefined); // gone already after a rename; removed after a link or a failure
  }
}

/** Output is gathered into writes this large: each write is a round trip through the thread pool. */
const WRITE_BYTES = 1024 * 1024;

async function writeAndSync<T>(io: FileIo, temp: string, write: (sink: ByteSink) => Promise<T>, onWritten?: () => void): Promise<T> {
  const fd = await io.open(temp, 'wx');
  const pending = borrowBuffer(WRITE_BYTES);
  let held = 0;
  const writeAll = async (bytes: Uint8Array, position: number | null = null) => {
    for (let done = 0; done < bytes.length; ) {
      const at = position === null ? null : position + done;
      const bytesWritten = await io.write(fd, bytes, done, bytes.length - done, at);
      done += bytesWritten;
    }
  };
  try {
    const value = await write({
      async write(bytes) {
        if (held + bytes.length > pending.length) {
          await writeAll(pending.subarray(0, held));
          held = 0;
        }
        if (bytes.length >= pending.length) await writeAll(bytes);
        else {
          pending.set(bytes, held);
          held += bytes.length;
        }
      },
      async rewrite(offset, bytes) {
        await writeAll(pending.subarray(0, held));
        held = 0;
        await writeAll(bytes, offset);
      },
    });
    await writeAll(pending.subarray(0, held));
    // fdatasync: the data and the size that reaches it, without the timestamps that fsync also flushes
    if (onWritten) {
      onWritten();
      await THREAD_POOL_IO.datasync(fd);
    } else await io.datasync(fd);
    return value;
  } finally {
    returnBuffer(pending);
    await io.close(fd);
  }
}

async function moveIntoPlace(io: FileIo, temp: string, target: string, replace: boolean): Promise<AtomicWriteResult<never>['outcome']> {
  await refuseNonRegular(io, target);
  if (await sameContents(io, temp, target)) return 'unchanged';
  if (replace) {
    await io.rename(temp, target);
    return 'written';
  }
  try {
    await io.link(temp, target);
    return 'written';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return (await sameContents(io, temp, target)) ? 'unchanged' : 'exists';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    // A file system without hard links: fall back to look-then-rename, which is only racy against another writer.
    await io.rename(temp, target);
    return 'written';
  }
}

/**
 * Only a regular file at the target is ever replaced, whatever `replace` says: a rename onto a FIFO or a device node
 * would put a file where the pipe or device was (`/dev/null` made a regular file), and one onto a folder fails.
 */
async function refuseNonRegular(io: FileIo, target: string): Promise<void> {
  const kind = await io.stat(target).catch(() => null);
  if (kind === null || kind.isFile()) return;
  const what = kind.isDirectory()
    ? 'a folder'
    : kind.isFIFO()
      ? 'a FIFO (named pipe)'
      : kind.isSocket()
        ? 'a socket'
        : kind.isCharacterDevice() || kind.isBlockDevice()
          ? 'a device'
          : 'of a kind voiceprep does not know';
  throw new VoiceprepError('exists', `${target} is ${what}, not a regular file: voiceprep never replaces one, even when told to overwrite`);
}

async function sameContents(io: FileIo, a: string, b: string): Promise<boolean> {
  // Most targets do not exist yet, or differ in size: then there is nothing to read.
  const [left, right] = await Promise.all([io.stat(a), io.stat(b).catch(() => null)]);
  if (right === null || left.size !== right.size) return false;
  const [leftBytes, rightBytes] = await Promise.all([io.readFile(a), io.readFile(b).catch(() => null)]);
  return rightBytes !== null && leftBytes.equals(rightBytes);
}
