import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';
import { extensionOf } from '../read/file-kinds.js';

/** A file to work on, with the path the batch mirrors under its output folder. */
export interface FoundInput {
  /** The path to read, as found (absolute when the argument was). */
  path: string;
  /** Where it sits below the folder or glob base it was found under; just its name when named directly. */
  relativePath: string;
  /** Found by searching a folder or matching a glob, rather than named on the command line. */
  searched: boolean;
}

export interface SkippedInput {
  path: string;
  reason: string;
}

/** A folder or glob that held files, but none of the kinds searched for. */
export interface EmptySearch {
  path: string;
  /** Files passed over, with their extensions (most common first). */
  passedOver: number;
  extensions: string[];
}

export interface InputDiscovery {
  inputs: FoundInput[];
  /** Arguments that name nothing: no such file or folder, or a glob that matches no file. */
  missing: string[];
  /** Paths named that are not regular files (FIFOs, devices, sockets): never opened, so never read. */
  skipped: SkippedInput[];
  /** Folders and globs that held nothing to work on: a problem, not silence (the user expected files). */
  empty: EmptySearch[];
}

export interface SearchOptions {
  /** Extensions (lower case, with the dot) that folder and glob searches pick up; a file named directly is always taken. */
  extensions: readonly string[];
}

/** fast-glob and its matchers take ~45 ms to load; only globs need them. */
async function fastGlob(): Promise<typeof FastGlob> {
  return (await import('fast-glob')).default;
}

/**
 * Resolves the command line's files, folders and globs into the files to work on. Folders are searched recursively
 * for files with one of `options.extensions` in any letter case; a glob's matches are filtered the same way; a file
 * named directly is taken whatever its name. Symbolic links inside searched folders are not followed, so a link
 * loop cannot make the search endless; a link named on the command line is followed.
 */
export async function findInputs(args: readonly string[], options: SearchOptions, cwd = process.cwd()): Promise<InputDiscovery> {
  const discovery: InputDiscovery = { inputs: [], missing: [], skipped: [], empty: [] };
  const wanted = new Set(options.extensions);
  const isWanted = (path: string) => {
    const name = basename(path);
    // '._name' files are macOS metadata that copies from a Mac leave beside each file, not audio
    return wanted.has(extensionOf(name)) && !name.startsWith('._');
  };
  const seen = new Set<string>();
  const add = (path: string, relativePath: string, searched: boolean) => {
    const key = resolve(cwd, path);
    if (seen.has(key)) return;
    seen.add(key);
    discovery.inputs.push({ path, relativePath, searched });
  };

  for (const arg of args) {
    const stats = await stat(resolve(cwd, arg)).catch(() => null);
    if (stats?.isDirectory()) {
      const found = await searchFolder(resolve(cwd, arg));
      const kept = found.filter(isWanted);
      if (kept.length === 0) discovery.empty.push(passedOver(arg, found));
      for (const path of kept) add(join(arg, path), path, true);
    } else if (stats?.isFile()) {
      add(arg, basename(arg), false);
    } else if (stats) {
      discovery.skipped.push({ path: arg, reason: `not a regular file (${kindOf(stats)})` });
    } else if ((await fastGlob()).isDynamicPattern(arg)) {
      const matches = await searchGlob(arg, cwd);
      const kept = matches.filter((match) => isWanted(match.path));
      if (matches.length === 0) discovery.missing.push(arg);
      else if (kept.length === 0) discovery.empty.push(passedOver(arg, matches.map((match) => match.path)));
      for (const match of kept) add(match.path, match.relativePath, true);
    } else {
      discovery.missing.push(arg);
    }
  }
  return setAsideUnnamable(discovery, cwd);
}

/**
 * A name that is not valid UTF-8 reaches us with U+FFFD in place of its bad bytes, and no path string can open
 * it. Such files are reported, never silently dropped. (A name can hold a real U+FFFD: those still exist.)
 */
async function setAsideUnnamable(discovery: InputDiscovery, cwd: string): Promise<InputDiscovery> {
  const inputs: FoundInput[] = [];
  for (const input of discovery.inputs) {
    if (input.path.includes('\uFFFD') && !(await lstat(resolve(cwd, input.path)).catch(() => null))) {
      discovery.skipped.push({ path: input.path, reason: 'its name is not valid UTF-8, so it cannot be opened (rename it)' });
    } else {
      inputs.push(input);
    }
  }
  return { ...discovery, inputs };
}

/** The line for a search that found nothing to work on: `mp3s/: no audio files; 12 files passed over (.txt, .docx)`. */
export function describeEmptySearch(search: EmptySearch, wanted: string): string {
  if (search.passedOver === 0) return `no ${wanted} (the folder is empty)`;
  const shown = search.extensions.slice(0, 4).join(', ') + (search.extensions.length > 4 ? ', ...' : '');
  return `no ${wanted}; ${search.passedOver} other file(s) passed over (${shown})`;
}

/** What a search that found nothing to work on held instead, for the line that says so. */
function passedOver(path: string, files: string[]): EmptySearch {
  const counts = new Map<string, number>();
  for (const file of files) {
    const extension = extensionOf(file.split('/').pop() ?? file) || '(no extension)';
    counts.set(extension, (counts.get(extension) ?? 0) + 1);
  }
  const extensions = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([extension]) => extension);
  return { path, passedOver: files.length, extensions };
}

/**
 * Every regular file below `folder`, relative to it, sorted. Only real folders are entered: links are not followed
 * (so a link loop cannot make the search endless), and only regular files are listed (never a FIFO or a device). A
 * folder that cannot be read is passed over so that it does not hide the rest. A plain walk rather than fast-glob:
 * loading fast-glob alone (45 ms) takes longer than searching a folder of prompts.
 */
async function searchFolder(folder: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  for (let below = pending.pop(); below !== undefined; below = pending.pop()) {
    const entries = await readdir(join(folder, below), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = below === '' ? entry.name : `${below}/${entry.name}`;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile()) found.push(path);
    }
  }
  return found.sort();
}

async function searchGlob(pattern: string, cwd: string): Promise<Array<{ path: string; relativePath: string }>> {
  const fg = await fastGlob();
  const base = staticBase(pattern, fg);
  const found = await fg(pattern, {
    cwd,
    caseSensitiveMatch: false,
    onlyFiles: true,
    followSymbolicLinks: false,
    dot: true,
    suppressErrors: true,
  });
  return found.sort().map((path) => ({ path, relativePath: relative(resolve(cwd, base), resolve(cwd, path)) }));
}

/** The leading folders of a glob that contain no pattern characters: what its matches are mirrored relative to. */
function staticBase(pattern: string, fg: typeof FastGlob): string {
  const parts = pattern.split(/[\\/]/);
  const fixed: string[] = [];
  for (const part of parts.slice(0, -1)) {
    if (fg.isDynamicPattern(part)) break;
    fixed.push(part);
  }
  if (fixed.length === 0) return '.';
  const joined = fixed.join(sep);
  return joined === '' && isAbsolute(pattern) ? sep : joined;
}

function kindOf(stats: { isFIFO(): boolean; isSocket(): boolean; isCharacterDevice(): boolean; isBlockDevice(): boolean }): string {
  if (stats.isFIFO()) return 'a FIFO';
  if (stats.isSocket()) return 'a socket';
  if (stats.isCharacterDevice() || stats.isBlockDevice()) return 'a device';
  return 'not a file';
}
