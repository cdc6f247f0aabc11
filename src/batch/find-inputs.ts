import { lstat, readdir, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, relative, resolve, sep } from 'node:path';
import type FastGlob from 'fast-glob';

/** A WAV file to work on, with the path the batch mirrors under its output folder. */
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

export interface InputDiscovery {
  inputs: FoundInput[];
  /** Arguments that name nothing: no such file or folder, or a glob that matches no file. */
  missing: string[];
  /** Paths named that are not regular files (FIFOs, devices, sockets): never opened, so never read. */
  skipped: SkippedInput[];
}

const WAV_NAME = /\.wav$/i;

/** fast-glob and its matchers take ~45 ms to load; only globs need them. */
async function fastGlob(): Promise<typeof FastGlob> {
  return (await import('fast-glob')).default;
}

/**
 * Resolves the command line's files, folders and globs into the WAV files to work on. Folders are searched
 * recursively for *.wav in any letter case. Symbolic links inside searched folders are not followed, so a link
 * loop cannot make the search endless; a link named on the command line is followed.
 */
export async function findInputs(args: readonly string[], cwd = process.cwd()): Promise<InputDiscovery> {
  const discovery: InputDiscovery = { inputs: [], missing: [], skipped: [] };
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
      for (const found of await searchFolder(resolve(cwd, arg))) add(join(arg, found), found, true);
    } else if (stats?.isFile()) {
      add(arg, basename(arg), false);
    } else if (stats) {
      discovery.skipped.push({ path: arg, reason: `not a regular file (${kindOf(stats)})` });
    } else if ((await fastGlob()).isDynamicPattern(arg)) {
      const matches = await searchGlob(arg, cwd);
      if (matches.length === 0) discovery.missing.push(arg);
      for (const match of matches) add(match.path, match.relativePath, true);
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

/**
 * Every *.wav (any case) below `folder`, relative to it, sorted. Only real folders are entered: links are not
 * followed (so a link loop cannot make the search endless), and only regular files are listed (never a FIFO or a
 * device). A folder that cannot be read is passed over so that it does not hide the rest. A plain walk rather
 * than fast-glob: loading fast-glob alone (45 ms) takes longer than searching a folder of prompts.
 */
async function searchFolder(folder: string): Promise<string[]> {
  const found: string[] = [];
  const pending = [''];
  for (let below = pending.pop(); below !== undefined; below = pending.pop()) {
    const entries = await readdir(join(folder, below), { withFileTypes: true }).catch(() => []);
    for (const entry of entries) {
      const path = below === '' ? entry.name : `${below}/${entry.name}`;
      if (entry.isDirectory()) pending.push(path);
      else if (entry.isFile() && WAV_NAME.test(entry.name)) found.push(path);
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
