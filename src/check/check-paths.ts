import { stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { describeEmptySearch, findInputs } from '../batch/find-inputs.js';
import { TEMP_SUFFIX, isTempName } from '../batch/temp-files.js';
import { PLAYBACK_EXTENSIONS } from '../read/file-kinds.js';
import { isVoiceprepError } from '../errors.js';
import { openFileSource } from '../node/file-source.js';
import { type CheckOptions, checkSource, summarizeRecords } from './check-bytes.js';
import type { FileRecord, Summary } from './file-record.js';

export interface CheckResult {
  files: FileRecord[];
  summary: Summary;
}

/** How many files are open at once: enough to keep the disk busy, few enough to stay far from the fd limit. */
const CONCURRENCY = 32;
/** Measuring levels decodes each file in this thread: a few at a time keep it busy, each with its own buffers. */
const LEVEL_CONCURRENCY = 4;

/** Checks one file on disk from its header; a file that cannot be opened or read is a problem, not an exception. */
export function checkFile(path: string, options: CheckOptions = {}): Promise<FileRecord> {
  return checkAt(path, path, options);
}

async function checkAt(openPath: string, path: string, options: CheckOptions): Promise<FileRecord> {
  if (isTempName(basename(path))) return leftover(path, openPath);
  let source;
  try {
    source = await openFileSource(openPath);
  } catch (error) {
    return unreadable(path, error);
  }
  try {
    return await checkSource(source, path, options);
  } catch (error) {
    return unreadable(path, error);
  } finally {
    await source.close();
  }
}

/**
 * Checks the files, folders (searched recursively for *.wav in any case) and globs given, in the order found.
 * Every argument shows up in the result: one that names nothing, or a folder with no WAV file, is a `not-found` record.
 */
export async function checkPaths(args: readonly string[], options: CheckOptions = {}, cwd = process.cwd()): Promise<CheckResult> {
  // A folder that is about to be uploaded must not hold what a killed convert left: those are looked for too.
  const discovery = await findInputs(args, { extensions: [...PLAYBACK_EXTENSIONS, TEMP_SUFFIX] }, cwd);
  const paths = discovery.inputs.map((input) => input.path);
  const records: FileRecord[] = new Array(paths.length);
  let next = 0;
  const worker = async () => {
    while (next < paths.length) {
      const index = next++;
      records[index] = await checkAt(resolve(cwd, paths[index]), paths[index], options);
    }
  };
  const concurrency = options.level === undefined ? CONCURRENCY : LEVEL_CONCURRENCY;
  await Promise.all(Array.from({ length: Math.min(concurrency, paths.length) }, worker));
  for (const path of discovery.missing) {
    records.push(failed(path, 'not-found', 'no such file or folder (and no glob match)'));
  }
  for (const search of discovery.empty) records.push(failed(search.path, 'not-found', describeEmptySearch(search, 'WAV files')));
  for (const skipped of discovery.skipped) records.push(failed(skipped.path, 'unreadable', `${skipped.reason}; not read`));
  return { files: records, summary: summarizeRecords(records) };
}

async function leftover(path: string, openPath: string): Promise<FileRecord> {
  const record = failed(path, 'not-found', '');
  record.bytes = (await stat(openPath).catch(() => null))?.size ?? null;
  record.problems = [{ code: 'leftover', message: 'a temp file that a voiceprep convert which was killed left behind: delete it, never upload it (the next convert into this folder removes it)' }];
  return record;
}

function unreadable(path: string, error: unknown): FileRecord {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  if (code === 'ENOENT') return failed(path, 'not-found', 'no such file');
  if (code === 'EACCES' || code === 'EPERM') return failed(path, 'unreadable', 'permission denied');
  if (code === 'ENOTFILE' || code === 'EISDIR') return failed(path, 'unreadable', 'not a regular file; not read');
  const message = isVoiceprepError(error) || error instanceof Error ? error.message : String(error);
  return failed(path, 'unreadable', message.split('\n')[0]);
}

function failed(path: string, code: 'not-found' | 'unreadable', message: string): FileRecord {
  return { path, ok: false, problems: [{ code, message }], warnings: [], format: null, bytes: null, seconds: null };
}
