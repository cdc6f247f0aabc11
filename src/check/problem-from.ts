import { isVoiceprepError } from '../errors.js';
import { PROBLEM_FOR_ERROR, type Problem } from './file-record.js';

/** The words a caller gives the failures whose telling depends on where they happened. */
export interface ProblemWords {
  /** A file that is not there (ENOENT). */
  missing: string;
  /** A folder, FIFO or device where a file was expected (ENOTFILE, EISDIR). */
  notAFile: string;
  /** A stop asked for (an AbortError). */
  interrupted: string;
  /** Adds the remedy to a conversion found too long as it ran; without it, the error's own words. */
  tooLong?: (message: string) => string;
}

/** check's words: a file on disk, read to be judged. */
export const CHECK_WORDS: ProblemWords = {
  missing: 'no such file',
  notAFile: 'not a regular file; not read',
  interrupted: 'stopped before it was read',
};

/**
 * The one way a failure becomes a problem in a file's record (check, a batch's conversion, the page): an expected
 * failure (a VoiceprepError) by its code, Node's errors that say why a file could not be read by theirs, and
 * anything else as `unreadable` with the first line of what it says.
 */
export function problemFrom(error: unknown, words: ProblemWords = CHECK_WORDS): Problem {
  if (isAbort(error)) return { code: 'interrupted', message: words.interrupted };
  if (isVoiceprepError(error)) {
    if (error.code === 'too-long' && words.tooLong) return { code: 'size', message: words.tooLong(error.message) };
    return { code: PROBLEM_FOR_ERROR[error.code], message: error.message };
  }
  const code = (error as { code?: unknown } | undefined)?.code;
  if (code === 'ENOENT') return { code: 'not-found', message: words.missing };
  if (code === 'EACCES' || code === 'EPERM') return { code: 'unreadable', message: 'permission denied' };
  if (code === 'ENOTFILE' || code === 'EISDIR') return { code: 'unreadable', message: words.notAFile };
  return { code: 'unreadable', message: firstLine(error) };
}

export function isAbort(error: unknown): boolean {
  return error instanceof Error && error.name === 'AbortError';
}

export function firstLine(error: unknown): string {
  const message = error instanceof Error ? error.message : String(error);
  return message.split('\n')[0];
}
