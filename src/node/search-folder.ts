import type { Dirent } from 'node:fs';
import { readdir, stat } from 'node:fs/promises';
import { join } from 'node:path';

/** Something found while searching that cannot be worked on: a line in the report, never silence. */
export interface SearchProblem {
  /** Relative to the folder searched ('' for the folder itself), or as the glob found it. */
  path: string;
  code: 'not-found' | 'unreadable';
  message: string;
}

export interface FolderSearch {
  /** Every regular file below the folder (links to files included), relative to it, sorted. */
  files: string[];
  /** Folders that could not be read, and wanted names that are not regular files (FIFOs, links to nothing). */
  problems: SearchProblem[];
}

export type ReadFolder = (path: string) => Promise<Dirent[]>;

const readFolder: ReadFolder = (path) => readdir(path, { withFileTypes: true });

/**
 * Every regular file below `folder`, relative to it. Links are followed, to files and to folders; a folder already
 * searched (by device and inode) is not searched again, so a link loop cannot make the search endless, and folders
 * reached through links are searched last, so that a file is listed under its own path rather than a link's. Folders `skipFolder` names (by
 * their name) are not entered. A
 * folder that cannot be read, and a name `isWanted` takes that is not a regular file, are problems, so that nothing
 * is passed over in silence. A plain walk rather than fast-glob: loading fast-glob alone (45 ms) takes longer than
 * searching a folder of prompts. `read` is there for tests, which run as root and so cannot make a folder unreadable.
 */
export async function searchFolder(folder: string, isWanted: (name: string) => boolean, read = readFolder, skipFolder?: (name: string) => boolean): Promise<FolderSearch> {
  const files: string[] = [];
  const problems: SearchProblem[] = [];
  const searched = new Set<string>();
  const real = [''];
  const linked: string[] = [];
  for (let below = real.pop() ?? linked.pop(); below !== undefined; below = real.pop() ?? linked.pop()) {
    const path = join(folder, below);
    let entries: Dirent[];
    try {
      const identity = await stat(path, { bigint: true });
      const key = `${identity.dev}:${identity.ino}`;
      if (searched.has(key)) continue; // a link back to a folder already searched: its files are listed once
      searched.add(key);
      entries = await read(path);
    } catch (error) {
      problems.push({ path: below, code: 'unreadable', message: `this folder could not be read (${fsWords(error)}), so the files in it were not searched` });
      continue;
    }
    for (const entry of entries) {
      const relative = below === '' ? entry.name : `${below}/${entry.name}`;
      let kind: FileKind = entry;
      if (entry.isSymbolicLink()) {
        try {
          kind = await stat(join(folder, relative));
        } catch (error) {
          if (isWanted(entry.name)) problems.push({ path: relative, code: 'not-found', message: `a symbolic link to nothing (${fsWords(error)}): skipped` });
          continue;
        }
        if (kind.isDirectory()) {
          if (!skipFolder?.(entry.name)) linked.push(relative);
          continue;
        }
      }
      if (kind.isDirectory()) {
        if (!skipFolder?.(entry.name)) real.push(relative);
      }
      else if (kind.isFile()) files.push(relative);
      else if (isWanted(entry.name)) problems.push({ path: relative, code: 'unreadable', message: `${notRegular(kind)}: skipped, never read` });
    }
  }
  return { files: files.sort(), problems: problems.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)) };
}

/** What Dirent and Stats both say about what a path is. */
export interface FileKind {
  isFile(): boolean;
  isDirectory(): boolean;
  isFIFO(): boolean;
  isSocket(): boolean;
  isCharacterDevice(): boolean;
  isBlockDevice(): boolean;
}

/** Why something named or found is not read: `not a regular file (a FIFO)`. */
export function notRegular(kind: FileKind): string {
  if (kind.isFIFO()) return 'not a regular file (a FIFO)';
  if (kind.isSocket()) return 'not a regular file (a socket)';
  if (kind.isCharacterDevice() || kind.isBlockDevice()) return 'not a regular file (a device)';
  return 'not a regular file';
}

/** A file system error in plain words, for a line in the report. */
export function fsWords(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case 'EACCES':
    case 'EPERM':
      return 'permission denied';
    case 'ENAMETOOLONG':
      return 'its path is longer than the system allows: move it higher up, or shorten the folder names';
    case 'ELOOP':
      return 'a loop of symbolic links';
    case 'ENOENT':
      return 'it does not exist';
    case 'ENOTDIR':
      return 'a part of its path is not a folder';
    case 'EIO':
      return 'an input/output error';
    default:
      return error instanceof Error ? error.message.split('\n')[0] : String(error);
  }
}
