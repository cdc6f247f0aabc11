import { open, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { discoveryProblems, findInputs } from './find-inputs.js';
import { isTempName } from './temp-files.js';
import { invalidArgument, pathArgument } from '../arguments.js';
import { openFileSource } from './file-source.js';
import { type CheckOptions, checkCheckOptions, checkSource, summarizeRecords } from '../check/check-bytes.js';
import { type FileRecord, type Summary, failedRecord } from '../check/file-record.js';
import { problemFrom } from '../check/problem-from.js';
import { REVIEW_MARK } from '../review/review-page.js';

export interface CheckResult {
  files: FileRecord[];
  summary: Summary;
}

/** How many files are open at once: enough to keep the disk busy, few enough to stay far from the fd limit. */
const CONCURRENCY = 32;
/** Measuring levels decodes each file in this thread: a few at a time keep it busy, each with its own buffers. */
const LEVEL_CONCURRENCY = 4;

/** Checks one file on disk from its header; a file that cannot be opened or read is a problem, not an exception. */
export async function checkFile(path: string, options: CheckOptions = {}): Promise<FileRecord> {
  // Wrong arguments are the caller's mistake, refused at once: a record is for what is wrong with a file.
  return checkAt(pathArgument(path, 'path'), path, checkCheckOptions(options));
}

async function checkAt(openPath: string, path: string, options: CheckOptions): Promise<FileRecord> {
  if (isTempName(basename(path))) return leftover(path, openPath);
  if (/\.html?$/i.test(path) && (await isReviewPage(openPath))) {
    const message = "voiceprep's review page (written by --review), not a playback file: listen with it, then leave it out of what you upload";
    return { ...failedRecord(path, 'not-wav', message), bytes: (await stat(openPath).catch(() => null))?.size ?? null };
  }
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
 * Folders and globs are searched for every file, not only audio: a folder meant for upload holds playback files
 * only, so an MP3, a .w64, a WAV with no extension, a text file or what a killed convert left (its temp files) in it
 * is a file to report, judged by its header like any other, not one to pass over in silence.
 */
const SEARCH = { extensions: [], everyFile: true, reportMacMetadata: true } as const;

/**
 * Checks the files, folders (searched recursively for every file) and globs given, in the
 * order found. Every argument shows up in the result: one that names nothing, or an empty folder, is a
 * `not-found` record; a folder that cannot be read, or a FIFO, is `unreadable`; a macOS metadata file ('._a.wav')
 * is `not-wav`.
 */
export async function checkPaths(args: string | readonly string[], given: CheckOptions = {}, cwd = process.cwd()): Promise<CheckResult> {
  // One path is a list of one; a string must not be searched character by character.
  const searched: readonly string[] = typeof args === 'string' ? [args] : args;
  if (!Array.isArray(searched)) throw invalidArgument('paths', 'a path or an array of paths (files, folders, globs)', args);
  searched.forEach((arg, index) => pathArgument(arg, `paths[${index}]`));
  pathArgument(cwd, 'cwd');
  const options = checkCheckOptions(given);
  const discovery = await findInputs(searched, SEARCH, cwd);
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
  for (const path of discovery.macMetadata) {
    const message = `a macOS metadata file (the '._' file a Mac writes beside ${basename(path).slice(2)} when copying it), not audio: delete it (dot_clean removes them)`;
    records.push(failedRecord(path, 'not-wav', message));
  }
  for (const { path, problem } of discoveryProblems(discovery, 'audio files')) records.push(failedRecord(path, problem.code, problem.message));
  return { files: records, summary: summarizeRecords(records) };
}

/** Whether the file begins as voiceprep's review pages do (their mark is in the first 300 bytes). */
export async function isReviewPage(path: string): Promise<boolean> {
  const handle = await open(path, 'r').catch(() => null);
  if (!handle) return false;
  try {
    const head = Buffer.alloc(512);
    const { bytesRead } = await handle.read(head, 0, head.length, 0);
    return head.subarray(0, bytesRead).toString('utf8').includes(REVIEW_MARK);
  } catch {
    return false;
  } finally {
    await handle.close();
  }
}

async function leftover(path: string, openPath: string): Promise<FileRecord> {
  const message = 'a temp file that a voiceprep convert which was killed left behind: delete it, never upload it (the next convert into this folder removes it)';
  return { ...failedRecord(path, 'leftover', message), bytes: (await stat(openPath).catch(() => null))?.size ?? null };
}

function unreadable(path: string, error: unknown): FileRecord {
  const { code, message } = problemFrom(error);
  return failedRecord(path, code, message);
}
