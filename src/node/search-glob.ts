import * as fs from 'node:fs';
import { stat } from 'node:fs/promises';
import { isAbsolute, relative, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import { type FileKind, type SearchProblem, fsWords, notRegular } from './search-folder.js';

export interface GlobSearch {
  /** Regular files the glob matches (links to files included), sorted, each relative to the glob's fixed folders. */
  matches: Array<{ path: string; relativePath: string }>;
  problems: SearchProblem[];
}

/** fast-glob and its matchers take ~45 ms to load; only globs need them. */
export async function fastGlob(): Promise<typeof FastGlob> {
  return (await import('fast-glob')).default;
}

/**
 * The files a glob matches, in any letter case. A match that is a link to a file is taken; links to folders are not
 * descended (as in a shell's `**`), so a link loop cannot make the search endless. A folder the glob had to read and
 * could not, and a wanted match that is not a regular file, are problems rather than silence.
 */
export async function searchGlob(pattern: string, cwd: string, isWanted: (name: string) => boolean): Promise<GlobSearch> {
  const fg = await fastGlob();
  const problems: SearchProblem[] = [];
  const shown = (path: string) => (isAbsolute(pattern) ? path : relative(cwd, path) || '.');
  // fast-glob stops at the first error it does not suppress, or passes over every error in silence: instead, each
  // folder that cannot be read becomes a problem and the rest of the glob is still searched.
  const readdir = (path: string, options: unknown, callback?: (error: NodeJS.ErrnoException | null, entries: fs.Dirent[]) => void) => {
    const done = (callback ?? options) as (error: NodeJS.ErrnoException | null, entries: fs.Dirent[]) => void;
    fs.readdir(path, { withFileTypes: true }, (error, entries) => {
      if (error?.code === 'ENOTDIR') {
        done(null, []); // 'a.wav/*.wav': a file where the glob wants a folder matches nothing, like a missing folder
      } else if (error && error.code !== 'ENOENT') {
        problems.push({ path: shown(path), code: 'unreadable', message: `this folder could not be read (${fsWords(error)}), so the files in it were not searched` });
        done(null, []);
      } else {
        done(error, entries);
      }
    });
  };
  const entries = await fg(pattern, {
    cwd,
    caseSensitiveMatch: false,
    onlyFiles: false,
    objectMode: true,
    followSymbolicLinks: false,
    dot: true,
    fs: { readdir: readdir as never },
  });
  const matches: GlobSearch['matches'] = [];
  const base = resolve(cwd, staticBase(pattern, fg));
  for (const entry of entries) {
    let kind: FileKind = entry.dirent;
    if (entry.dirent.isSymbolicLink()) {
      try {
        kind = await stat(resolve(cwd, entry.path));
      } catch (error) {
        if (isWanted(entry.name)) problems.push({ path: entry.path, code: 'not-found', message: `a symbolic link to nothing (${fsWords(error)}): skipped` });
        continue;
      }
    }
    if (kind.isFile()) matches.push({ path: entry.path, relativePath: relative(base, resolve(cwd, entry.path)) });
    else if (!kind.isDirectory() && isWanted(entry.name)) problems.push({ path: entry.path, code: 'unreadable', message: `${notRegular(kind)}: skipped, never read` });
  }
  return { matches: matches.sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0)), problems };
}

/** The leading folders of a glob that contain no pattern characters: what its matches are mirrored relative to. */
function staticBase(pattern: string, fg: typeof FastGlob): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    // the empty part before an absolute pattern's first '/' is fixed (fast-glob throws on an empty pattern)
    if (part !== '' && fg.isDynamicPattern(part)) break;
    fixed.push(part);
  }
  if (fixed.length === 0) return '.';
  const joined = fixed.join(sep);
  return joined === '' && isAbsolute(pattern) ? sep : joined;
}
