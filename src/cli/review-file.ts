import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname, isAbsolute, relative, resolve, sep } from 'node:path';
import { existsSync } from 'node:fs';
import type { FileRecord } from '../check/file-record.js';
import { isReviewPage } from '../node/check-paths.js';
import { DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';
import { type ReviewRecord, reviewPage } from '../review/review-page.js';
import { type Waveform, decodePlayback, waveformOf } from '../review/waveform.js';
import type { WordsLanguage } from '../review/words.js';

/** The name of the review page when --review names no file. */
export const REVIEW_FILE_NAME = 'review.html';

/** 64 MiB: over an hour of 8 kHz A-law. */
const MAX_DRAWN_BYTES = 64 * 1024 * 1024;

/** What `convert` adds to a record: the file it wrote and what the conversion cut. */
interface Converted {
  output?: { path: string } | null;
  conversion?: { cut?: Waveform['cut'] } | null;
}

/**
 * Writes the review page of `records` (check's or convert's) to `file`: each playback file is read back, decoded with
 * its profile's codec and drawn, and referred to by its path relative to the page, so that the page and the files
 * can be moved together. Files that are not playback files of the profile get a row without a waveform.
 */
export async function writeReview(records: ReadonlyArray<FileRecord & Converted>, file: string, profile: OutputProfile = DEFAULT_PROFILE): Promise<string> {
  const page = resolve(file);
  // the page replaces an earlier review page, never a file of the person's own
  if (existsSync(page) && !(await isReviewPage(page))) {
    throw new Error(`${file} is there already and is not a voiceprep review page: give --review=<another name>.html`);
  }
  const reviewed: ReviewRecord[] = [];
  for (const record of records) {
    const sound = record.output === undefined ? record.path : record.output?.path ?? null;
    // --in-place replaced the input: what is at its path now (if anything) is the converted file, not the original
    const gone = record.output && (resolve(record.output.path) === resolve(record.path) || !existsSync(record.path));
    const waveform = sound === null ? null : await drawn(sound, profile, record.conversion?.cut);
    reviewed.push({ ...record, waveform, ...(gone ? { original: null } : {}) } as ReviewRecord);
  }
  const from = dirname(page);
  const html = reviewPage(reviewed, { language: languageOf(process.env), href: (path) => hrefFrom(from, path), shown: (path) => shownFrom(from, path) });
  await mkdir(from, { recursive: true });
  await writeFile(page, html);
  return page;
}

async function drawn(path: string, profile: OutputProfile, cut: Waveform['cut'] | undefined): Promise<Waveform | null> {
  const bytes = await readFile(path).catch(() => null);
  // a prompt is seconds long: a file larger than this is not read whole for a drawing
  if (!bytes || bytes.length > MAX_DRAWN_BYTES) return null;
  const playback = await decodePlayback(bytes, profile);
  return playback ? waveformOf(playback, profile, cut) : null;
}

/** Where --review puts its page by default: in the output folder, or the folder that holds every file looked at. */
export function defaultReviewFile(folders: readonly string[]): string {
  const absolute = folders.map((folder) => resolve(folder));
  let common = absolute[0] ?? process.cwd();
  for (const folder of absolute.slice(1)) {
    while (folder !== common && !folder.startsWith(common.endsWith(sep) ? common : common + sep)) common = dirname(common);
  }
  return resolve(common, REVIEW_FILE_NAME);
}

/** A file's address from the page's folder: relative, '/'-separated, each part escaped. */
export function hrefFrom(folder: string, path: string): string {
  const target = resolve(path);
  const climb = relative(folder, target);
  const parts = (isAbsolute(climb) ? target : climb).split(sep).map(encodeURIComponent);
  return isAbsolute(climb) ? `file://${parts.join('/')}` : parts.join('/');
}

/** A path as a person finds it from the page's folder: relative below it, whole elsewhere. */
function shownFrom(folder: string, path: string): string {
  const below = relative(folder, resolve(path));
  return below && !below.startsWith('..') && !isAbsolute(below) ? below : path;
}

/** Chinese for a Chinese locale (LC_ALL, LC_MESSAGES, LANG), as the page follows the browser's; English otherwise. */
export function languageOf(env: NodeJS.ProcessEnv): WordsLanguage {
  const locale = env.LC_ALL || env.LC_MESSAGES || env.LANG || '';
  return locale.toLowerCase().startsWith('zh') ? 'zh-CN' : 'en';
}
