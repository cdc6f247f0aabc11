import { lstat, stat } from 'node:fs/promises';
import { basename, join, resolve } from 'node:path';
import type { Problem } from '../check/file-record.js';
import { extensionOf } from '../formats/file-kinds.js';
import { type ReadFolder, fsWords, notRegular, searchFolder } from './search-folder.js';
import { fastGlob, searchGlob } from './search-glob.js';

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
  code: 'not-found' | 'unreadable';
  /** The whole line, in plain words: `not a regular file (a FIFO): skipped, never read`. */
  message: string;
}

/** A folder or glob that held files, but none of the kinds searched for. */
export interface EmptySearch {
  path: string;
  /** Files passed over, with their extensions (most common first); macOS metadata files are counted apart. */
  passedOver: number;
  extensions: string[];
  /** '._name' files: the metadata a Mac leaves beside each file it copies, never audio whatever their extension. */
  macMetadata: number;
}

export interface InputDiscovery {
  inputs: FoundInput[];
  /** Arguments that name nothing: no such file or folder, or a glob that matches no file. */
  missing: string[];
  /** What cannot be worked on: FIFOs and devices (never opened), links to nothing, folders that cannot be read. */
  skipped: SkippedInput[];
  /** Folders and globs that held nothing to work on: a problem, not silence (the user expected files). */
  empty: EmptySearch[];
  /** With `reportMacMetadata`: the '._name' files with a searched extension that searches found. */
  macMetadata: string[];
}

export interface SearchOptions {
  /** Extensions (lower case, with the dot) that folder and glob searches pick up; a file named directly is always taken. */
  extensions: readonly string[];
  /**
   * Take every file a folder or glob search finds, whatever its name (`check`: a folder meant for upload holds
   * playback files only, so a .w64, a .txt or a WAV with no extension there is a file to report, not one to pass over).
   */
  everyFile?: boolean;
  /**
   * List the macOS metadata files ('._name.wav') that searches find, for `check` to report: a folder meant for
   * upload must not hold them. Otherwise (convert) they are passed over as what they are, not audio.
   */
  reportMacMetadata?: boolean;
  /** Folders a folder search does not enter, by name (`refs`: node_modules, whose code is not the project's). */
  skipFolder?: (name: string) => boolean;
  /** How folders are read: tests, run as root, cannot make a folder unreadable otherwise. */
  readFolder?: ReadFolder;
}

/** Whether a file name is one of the '._name' metadata files a Mac leaves beside each file copied to other disks. */
export function isMacMetadata(name: string): boolean {
  return name.startsWith('._');
}

/**
 * Resolves the command line's files, folders and globs into the files to work on. Folders are searched recursively
 * for files with one of `options.extensions` in any letter case, following links (see searchFolder); a glob's
 * matches are filtered the same way; a file named directly is taken whatever its name. Every argument, and every
 * file found that cannot be worked on, ends up in the discovery: nothing is dropped in silence, and nothing throws.
 */
export async function findInputs(args: readonly string[], options: SearchOptions, cwd = process.cwd()): Promise<InputDiscovery> {
  const discovery: InputDiscovery = { inputs: [], missing: [], skipped: [], empty: [], macMetadata: [] };
  const wanted = new Set(options.extensions);
  const hasWantedExtension = (path: string) => options.everyFile === true || wanted.has(extensionOf(basename(path)));
  const isWanted = (path: string) => hasWantedExtension(path) && !isMacMetadata(basename(path));
  const seen = new Set<string>();
  const add = (path: string, relativePath: string, searched: boolean) => {
    const key = resolve(cwd, path);
    if (seen.has(key)) return;
    seen.add(key);
    discovery.inputs.push({ path, relativePath, searched });
  };
  /** Takes what a folder or glob search found; says whether it found anything to work on or report. */
  const takeFound = (found: Array<{ path: string; relativePath: string }>): boolean => {
    let taken = false;
    for (const file of found) {
      if (isWanted(file.path)) add(file.path, file.relativePath, true);
      else if (options.reportMacMetadata && hasWantedExtension(file.path) && isMacMetadata(basename(file.path))) discovery.macMetadata.push(file.path);
      else continue;
      taken = true;
    }
    return taken;
  };

  for (const arg of args) {
    try {
      const stats = await stat(resolve(cwd, arg)).catch((error: NodeJS.ErrnoException) => error);
      if (stats instanceof Error) {
        const absent = ['ENOENT', 'ENOTDIR', 'ENAMETOOLONG'].includes(stats.code ?? '');
        if (absent && (await fastGlob()).isDynamicPattern(arg)) {
          const { matches, problems } = await searchGlob(arg, cwd, isWanted);
          discovery.skipped.push(...problems);
          if (matches.length === 0 && problems.length === 0) discovery.missing.push(arg);
          else if (!takeFound(matches) && problems.length === 0) discovery.empty.push(passedOver(arg, matches.map((match) => match.path)));
        } else if (stats.code === 'ENOENT' || stats.code === 'ENOTDIR') {
          discovery.missing.push(arg);
        } else {
          discovery.skipped.push({ path: arg, code: 'unreadable', message: `could not be opened (${fsWords(stats)})` });
        }
      } else if (stats.isDirectory()) {
        const { files, problems } = await searchFolder(resolve(cwd, arg), isWanted, options.readFolder, options.skipFolder);
        discovery.skipped.push(...problems.map((problem) => ({ ...problem, path: problem.path === '' ? arg : join(arg, problem.path) })));
        const found = files.map((path) => ({ path: join(arg, path), relativePath: path }));
        if (!takeFound(found) && problems.length === 0) discovery.empty.push(passedOver(arg, files));
      } else if (stats.isFile()) {
        add(arg, basename(arg), false);
      } else {
        discovery.skipped.push({ path: arg, code: 'unreadable', message: `${notRegular(stats)}: skipped, never read` });
      }
    } catch (error) {
      // not expected (each search reports its own failures), but one argument must not cost the others their lines
      discovery.skipped.push({ path: arg, code: 'unreadable', message: `could not be searched (${fsWords(error)})` });
    }
  }
  return setAsideUnopenable(discovery, cwd);
}

/** The problem for each argument or file a discovery found nothing to work on in, or could not use. */
export function discoveryProblems(discovery: InputDiscovery, wanted: string): Array<{ path: string; problem: Problem }> {
  return [
    ...discovery.missing.map((path) => ({ path, problem: { code: 'not-found' as const, message: 'no such file or folder, and no file matches it as a glob' } })),
    ...discovery.empty.map((search) => ({ path: search.path, problem: { code: 'not-found' as const, message: describeEmptySearch(search, wanted) } })),
    ...discovery.skipped.map(({ path, code, message }) => ({ path, problem: { code, message } })),
  ];
}

/**
 * A name that is not valid UTF-8 reaches us with U+FFFD in place of its bad bytes, and no path string can open
 * it; a path longer than the system allows (4096 bytes on Linux, 1024 on macOS) cannot be opened either. Such files
 * are reported, never silently dropped. (A name can hold a real U+FFFD: those still exist, and are kept.)
 */
async function setAsideUnopenable(discovery: InputDiscovery, cwd: string): Promise<InputDiscovery> {
  const inputs: FoundInput[] = [];
  for (const input of discovery.inputs) {
    const path = resolve(cwd, input.path);
    const suspect = input.path.includes('\uFFFD') || Buffer.byteLength(path) >= 1024;
    const error = suspect ? await lstat(path).then(() => null, (failure: unknown) => failure) : null;
    if (error === null) {
      inputs.push(input);
    } else if (input.path.includes('\uFFFD') && (error as NodeJS.ErrnoException).code === 'ENOENT') {
      discovery.skipped.push({ path: input.path, code: 'unreadable', message: 'its name is not valid UTF-8, so it cannot be opened (rename it): skipped, never read' });
    } else {
      discovery.skipped.push({ path: input.path, code: 'unreadable', message: `could not be opened (${fsWords(error)}): skipped, never read` });
    }
  }
  return { ...discovery, inputs };
}

/** The line for a search that found nothing to work on: `mp3s/: no audio files; 12 other file(s) passed over (.txt, .docx)`. */
export function describeEmptySearch(search: EmptySearch, wanted: string): string {
  if (search.passedOver === 0 && search.macMetadata === 0) return `no ${wanted} (the folder is empty)`;
  const shown = search.extensions.slice(0, 4).join(', ') + (search.extensions.length > 4 ? ', ...' : '');
  const others = `${search.passedOver} other file(s)`;
  if (search.macMetadata === 0) return `no ${wanted}; ${others} passed over (${shown})`;
  const metadata = `${search.macMetadata} macOS metadata file(s) passed over ('._' files a Mac leaves beside the files it copies: not audio)`;
  return `no ${wanted}; ${metadata}${search.passedOver ? `, and ${others} (${shown})` : ''}`;
}

/** What a search that found nothing to work on held instead, for the line that says so. */
function passedOver(path: string, files: string[]): EmptySearch {
  const counts = new Map<string, number>();
  let macMetadata = 0;
  for (const file of files) {
    const name = basename(file);
    if (isMacMetadata(name)) {
      macMetadata++;
      continue;
    }
    const extension = extensionOf(name) || '(no extension)';
    counts.set(extension, (counts.get(extension) ?? 0) + 1);
  }
  const extensions = [...counts].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([extension]) => extension);
  return { path, passedOver: files.length - macMetadata, extensions, macMetadata };
}
