import { readFileSync } from 'node:fs';
import { stat } from 'node:fs/promises';
import { basename, join, relative, resolve, sep } from 'node:path';
import { checkOptions, invalidArgument, pathArgument } from '../arguments.js';
import { VoiceprepError } from '../errors.js';
import type { FileRecord, ProblemCode } from '../check/file-record.js';
import { nameFault } from '../check/file-name.js';
import { PROFILE } from '../pipeline/output-rules.js';
import { DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';
import { type NameRecord, type PromptFile, type ReferenceWarning, indexPrompts, judgeReferences, namesIn, promptFor } from '../refs/judge-references.js';
import { SOURCE_EXTENSIONS, type SourceReference, scanSource } from '../refs/scan-source.js';
import { checkFile } from './check-paths.js';
import { discoveryProblems, findInputs, isMacMetadata } from './find-inputs.js';
import { fsWords, searchFolder } from './search-folder.js';
import { isTempName } from './temp-files.js';

export interface FindReferencesOptions {
  /** The folder that holds the playback files (searched recursively; a file's name is what code names). */
  prompts: string;
  /** The platform whose rules names and files are judged by (default: Huawei Voice Call's). */
  profile?: OutputProfile;
}

/** A source argument or file that could not be scanned: named nothing, held no source file, could not be read. */
export interface SourceProblem {
  path: string;
  code: Extract<ProblemCode, 'not-found' | 'unreadable'>;
  message: string;
}

export interface ReferencesResult {
  /** Every name the code hands to the platform, in the order first named. */
  names: NameRecord[];
  /** Names built at run time (`dynamic`, with the place) and prompts no code names (`unused`). */
  warnings: ReferenceWarning[];
  sources: SourceProblem[];
  summary: { scanned: number; names: number; ok: number; failed: number; warnings: number };
}

/** Folders whose code is not the project's: node_modules holds other packages' (and their test data). */
const NOT_OURS = 'node_modules';
/** Files scanned between two turns of the event loop. */
const YIELD_EVERY = 256;

/**
 * Finds every playback-file name the code in `paths` (files, folders searched recursively, globs) hands to the
 * platform, and judges each against the prompts folder: `missing`, `non-compliant` (with check's problems),
 * `bad-name`, or ok; warnings for `case`, `dynamic` (a name built at run time, with its place) and `unused`.
 * Nothing below a node_modules folder is scanned, even when named. A prompts folder that is not there throws
 * (`not-found`): every name would be missing.
 */
export async function findReferences(paths: string | readonly string[], options: FindReferencesOptions, cwd = process.cwd()): Promise<ReferencesResult> {
  const searched: readonly string[] = typeof paths === 'string' ? [paths] : paths;
  if (!Array.isArray(searched)) throw invalidArgument('paths', 'a path or an array of paths (files, folders, globs)', paths);
  searched.forEach((arg, index) => pathArgument(arg, `paths[${index}]`));
  const given = checkOptions<FindReferencesOptions>(options, { prompts: 'string', profile: PROFILE });
  const promptsFolder = pathArgument(given.prompts, 'prompts');
  const profile = given.profile ?? DEFAULT_PROFILE;
  const prompts = await listPrompts(promptsFolder, cwd);

  const discovery = await findInputs(searched, { extensions: SOURCE_EXTENSIONS, skipFolder: (name) => name === NOT_OURS }, cwd);
  const files = discovery.inputs.map((input) => input.path).filter((path) => !path.split(/[\\/]/).includes(NOT_OURS));
  const sources: SourceProblem[] = discoveryProblems(discovery, 'source files').map(({ path, problem }) => ({ path, code: problem.code as SourceProblem['code'], message: problem.message }));
  const references = await scanFiles(files, cwd, sources);

  const records = await checkNamedPrompts(references, prompts, profile, cwd);
  const { names, warnings } = judgeReferences({ references, prompts, promptsFolder, records, rules: profile.names });
  const failed = names.filter((name) => !name.ok).length;
  return {
    names,
    warnings,
    sources,
    summary: { scanned: files.length, names: names.length, ok: names.length - failed, failed, warnings: warnings.length + names.reduce((sum, name) => sum + name.warnings.length, 0) },
  };
}

/** Every file below the prompts folder (but a Mac's '._' files and a killed convert's temp files), by name. */
async function listPrompts(folder: string, cwd: string): Promise<PromptFile[]> {
  const absolute = resolve(cwd, folder);
  const stats = await stat(absolute).catch((error: unknown) => error as Error);
  if (stats instanceof Error || !stats.isDirectory()) {
    const why = stats instanceof Error ? fsWords(stats) : 'not a folder';
    throw new VoiceprepError('not-found', `the prompts folder ${folder} cannot be searched (${why}): --prompts names the folder that holds the playback files`);
  }
  const { files } = await searchFolder(absolute, () => true);
  return files
    .map((relative) => ({ name: basename(relative), path: join(folder, relative) }))
    .filter(({ name }) => !isMacMetadata(name) && !isTempName(name));
}

async function scanFiles(files: readonly string[], cwd: string, problems: SourceProblem[]): Promise<SourceReference[]> {
  const found: SourceReference[] = [];
  for (let index = 0; index < files.length; index++) {
    // Read synchronously: for files of a few KB, the promise API's open, fstat, read and close cost four times the
    // scan itself (10,000 files: 1.1 s against 0.3 s). The event loop gets a turn every few hundred files.
    if (index % YIELD_EVERY === YIELD_EVERY - 1) await new Promise((next) => setImmediate(next));
    let text: string;
    try {
      text = readFileSync(resolve(cwd, files[index]), 'utf8');
    } catch (error) {
      problems.push({ path: files[index], code: 'unreadable', message: `could not be read (${fsWords(error)})` });
      continue;
    }
    for (const reference of scanSource(text, files[index].split(sep).join('/'))) found.push(reference);
  }
  return found;
}

/** check's record of each prompt file a well-formed name stands for, by its path. */
async function checkNamedPrompts(references: readonly SourceReference[], prompts: readonly PromptFile[], profile: OutputProfile, cwd: string): Promise<Map<string, FileRecord>> {
  const { byName, byLowerCase } = indexPrompts(prompts);
  const paths = new Set<string>();
  for (const name of namesIn(references).keys()) {
    const found = nameFault(name, profile.names) === null ? promptFor(name, byName, byLowerCase) : null;
    if (found) paths.add(found.prompt.path);
  }
  const records = new Map<string, FileRecord>();
  // checked as seen from the process's folder, so that the command in a problem's fix runs where the user is
  await Promise.all([...paths].map(async (path) => records.set(path, await checkFile(relative(process.cwd(), resolve(cwd, path)) || '.', { profile }))));
  return records;
}
