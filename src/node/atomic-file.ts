import { randomBytes } from 'node:crypto';
import { link, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import type { ByteSink } from '../pipeline/conversion.js';

export interface AtomicWriteOptions {
  /** Replace a file already at the target. Without it an existing file is left alone (see `outcome`). */
  replace?: boolean;
  /** Where to stage the bytes; by default a hidden name beside the target. Must be in the target's folder. */
  tempPath?: string;
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
  try {
    const value = await writeAndSync(temp, write);
    const outcome = await moveIntoPlace(temp, target, options.replace ?? false);
    return { value, outcome };
  } finally {
    await unlink(temp).catch(() => undefined); // gone already after a rename; removed after a link or a failure
  }
}

async function writeAndSync<T>(temp: string, write: (sink: ByteSink) => Promise<T>): Promise<T> {
  const handle = await open(temp, 'wx');
  try {
    const value = await write({
      async write(bytes) {
        let done = 0;
        while (done < bytes.length) {
          const { bytesWritten } = await handle.write(bytes, done, bytes.length - done);
          done += bytesWritten;
        }
      },
    });
    await handle.sync();
    return value;
  } finally {
    await handle.close();
  }
}

async function moveIntoPlace(temp: string, target: string, replace: boolean): Promise<AtomicWriteResult<never>['outcome']> {
  if (await sameContents(temp, target)) return 'unchanged';
  if (replace) {
    await rename(temp, target);
    return 'written';
  }
  try {
    await link(temp, target);
    return 'written';
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return (await sameContents(temp, target)) ? 'unchanged' : 'exists';
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP') throw error;
    // A file system without hard links: fall back to look-then-rename, which is only racy against another writer.
    await rename(temp, target);
    return 'written';
  }
}

async function sameContents(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([readFile(a), readFile(b).catch(() => null)]);
  return right !== null && left.equals(right);
}
