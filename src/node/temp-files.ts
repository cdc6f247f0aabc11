import { createHash, randomBytes } from 'node:crypto';
import { readdir, stat, unlink } from 'node:fs/promises';
import { hostname } from 'node:os';
import { basename, dirname, join } from 'node:path';

/**
 * The staging files of a batch, and what is left of them after a run that could not clean up (kill -9, a power
 * cut): an empty or partial file beside the outputs, which an upload of the folder would carry along.
 *
 * A batch's temp file is named after its output, the machine and the process that writes it:
 * `.prompt.wav.<random>.<host>-<pid>.voiceprep-tmp`. So a later run can tell a leftover from the file of a run still
 * going (two runs may share a folder): one of this machine whose process is gone is a leftover. Temp files of other
 * machines (a shared folder), and those named without a process (convertFile's), are only taken for leftovers when
 * nothing has written to them for an hour: no conversion waits that long between two writes.
 */

export const TEMP_SUFFIX = '.voiceprep-tmp';
const ABANDONED_AFTER_MS = 60 * 60 * 1000;
const HOST = createHash('sha256').update(hostname()).digest('hex').slice(0, 8);
const OWNED = /\.([0-9a-f]{8})-(\d+)\.voiceprep-tmp$/;

/** Whether a file name is one of voiceprep's temp files (a batch's or writeFileAtomically's). */
export function isTempName(name: string): boolean {
  return name.startsWith('.') && name.endsWith(TEMP_SUFFIX);
}

/** A hidden temp name beside `output`, in the same folder so that the final move never crosses file systems. */
export function batchTempPath(output: string): string {
  return join(dirname(output), `.${basename(output)}.${randomBytes(6).toString('hex')}.${HOST}-${process.pid}${TEMP_SUFFIX}`);
}

function running(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists, and belongs to someone else
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/** Whether the temp file `name`, last written at `modifiedMs`, was left by a run that is over. */
export function isLeftover(name: string, modifiedMs: number, now = Date.now()): boolean {
  const owner = OWNED.exec(name);
  if (owner && owner[1] === HOST) return Number(owner[2]) !== process.pid && !running(Number(owner[2]));
  return now - modifiedMs > ABANDONED_AFTER_MS;
}

/**
 * Removes the leftover temp files in `folder`, and with `below` in every folder under it too (links are not
 * followed: what they lead to is not this run's folder); returns their paths. One that cannot be removed stays.
 */
export async function removeLeftovers(folder: string, below = false): Promise<string[]> {
  const entries = await readdir(folder, { recursive: below, withFileTypes: true }).catch(() => []);
  const removed: string[] = [];
  for (const entry of entries) {
    if (!entry.isFile() || !isTempName(entry.name)) continue;
    const name = entry.name;
    const path = join(entry.parentPath, name);
    const stats = await stat(path).catch(() => null);
    if (!stats?.isFile() || !isLeftover(name, stats.mtimeMs)) continue;
    if (await unlink(path).then(() => true, () => false)) removed.push(path);
  }
  return removed;
}
