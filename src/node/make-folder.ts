import { statSync } from 'node:fs';
import { mkdir, realpath, stat } from 'node:fs/promises';
import { dirname, isAbsolute, join, relative, sep } from 'node:path';
import { firstLine } from '../check/problem-from.js';
import { VoiceprepError } from '../errors.js';

/**
 * Creates `folder` and its missing parents, like `mkdir -p`, and ends on every path. Node's own recursive mkdir
 * loops forever under /proc (the parent exists, yet creating in it fails with ENOENT) and calls a read-only file
 * system ENOENT: here each level is tried at most twice, and a failure is a VoiceprepError ('io') that says why in
 * plain words. `name` is how the messages call `folder` (`-o out.wav`, say).
 */
export async function makeFolder(folder: string, name = folder): Promise<void> {
  try {
    await mkdir(folder);
    return;
  } catch (error) {
    if (errno(error) === 'EEXIST') return assertFolder(folder, name);
    const parent = dirname(folder);
    if (errno(error) !== 'ENOENT' || parent === folder) throw await folderError(error, folder, name);
    await makeFolder(parent);
  }
  // the parent is there now: a second failure is the real reason, not a missing parent
  try {
    await mkdir(folder);
  } catch (error) {
    if (errno(error) === 'EEXIST') return assertFolder(folder, name);
    throw await folderError(error, folder, name);
  }
}

/**
 * Creates `folder`, which lies below `root`, and never anything outside `root`. `root` is made as `makeFolder`
 * does; below it one folder at a time is created, and each that is already there is checked, links resolved, to be
 * inside `root` before anything is created in it (a link to elsewhere is refused, not followed). This stops a
 * link that is already in place; a folder swapped for a link between the check and the next mkdir is not caught.
 */
export async function makeFolderInside(root: string, folder: string, rootName = root): Promise<void> {
  await makeFolder(root, rootName);
  const realRoot = await realpath(root);
  const below = relative(root, folder);
  if (below === '..' || below.startsWith(`..${sep}`) || isAbsolute(below)) throw outside(folder);
  let at = root;
  for (const part of below.split(sep).filter(Boolean)) {
    at = join(at, part);
    try {
      await mkdir(at);
      continue;
    } catch (error) {
      if (errno(error) !== 'EEXIST') throw await folderError(error, at, at);
    }
    const real = await realpath(at).catch(() => null);
    if (real === null || !isInside(realRoot, real)) throw outside(at);
    await assertFolder(at, at);
  }
}

/** Plain words for what went wrong writing a file (`path`) or creating a folder, by the error's code. */
export function writeFailure(error: unknown, path: string): VoiceprepError {
  const reason = REASONS[errno(error) ?? ''];
  const under = dirname(path);
  if (reason) return new VoiceprepError('io', `cannot write under ${under}: ${reason}`);
  if (errno(error) === 'ENOENT') {
    // its folder is there yet takes no new file (/proc), or it was removed meanwhile
    const why = statSync(under, { throwIfNoEntry: false })?.isDirectory() ? 'does not allow new files in it' : 'is gone';
    return new VoiceprepError('io', `cannot write ${path}: its folder ${under} ${why}`);
  }
  return new VoiceprepError('io', `cannot write ${path}: ${firstLine(error)}`);
}

const REASONS: Record<string, string> = {
  EROFS: 'read-only file system',
  EACCES: 'permission denied',
  EPERM: 'permission denied',
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file size limit of this process (ulimit -f) was reached',
};

async function folderError(error: unknown, folder: string, name: string): Promise<VoiceprepError> {
  const code = errno(error);
  if (code === 'ENOTDIR' || code === 'EEXIST') {
    const file = await fileInTheWay(folder);
    if (file !== null) return notFolder(file === folder ? name : file);
  }
  if (code === 'ENOENT') {
    // reached only once the parent exists: it is a folder that takes no new entries (/proc, /sys)
    return new VoiceprepError('io', `cannot create ${name}: ${dirname(folder)} does not allow new folders in it`);
  }
  if (code === 'ENAMETOOLONG') return new VoiceprepError('io', `cannot create ${name}: the name is too long`);
  if (code === 'ELOOP') return new VoiceprepError('io', `cannot create ${name}: a loop of symbolic links in the way`);
  if (REASONS[code ?? '']) return writeFailure(error, folder);
  return new VoiceprepError('io', `cannot create ${name}: ${firstLine(error)}`);
}

async function assertFolder(folder: string, name: string): Promise<void> {
  const stats = await stat(folder).catch(() => null);
  if (stats === null) throw new VoiceprepError('io', `cannot create ${name}: a symbolic link that leads nowhere is in the way`);
  if (!stats.isDirectory()) throw notFolder(name);
}

/** The first part of `folder`, from the top, that exists and is not a folder; null if there is none. */
async function fileInTheWay(folder: string): Promise<string | null> {
  const parts: string[] = [];
  for (let at = folder; ; at = dirname(at)) {
    parts.unshift(at);
    if (dirname(at) === at) break;
  }
  for (const part of parts) {
    const stats = await stat(part).catch(() => null);
    if (stats === null) return null;
    if (!stats.isDirectory()) return part;
  }
  return null;
}

function notFolder(name: string): VoiceprepError {
  return new VoiceprepError('io', `${name} is a file, not a folder`);
}

function outside(folder: string): VoiceprepError {
  return new VoiceprepError('io', `${folder} leads outside the output folder (a symbolic link?): nothing was written there`);
}

function errno(error: unknown): string | undefined {
  return (error as NodeJS.ErrnoException | undefined)?.code;
}

/** Whether `path` lies inside `folder` (both absolute, real paths). */
export function isInside(folder: string, path: string): boolean {
  const rel = relative(folder, path);
  return rel === '' || (!rel.startsWith(`..${sep}`) && rel !== '..' && !isAbsolute(rel));
}
