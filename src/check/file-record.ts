import type { ErrorCode } from '../errors.js';
import type { LevelSummary } from '../pipeline/report.js';
import type { FormatSummary } from '../source/format-summary.js';

/**
 * The per-file record that `check --json` and `convert --json` print: a contract with scripts, documented in the
 * README. Fields may be added; none may change meaning or disappear.
 */

/** Why a file will not be accepted by the platform (or could not be converted). */
export type ProblemCode =
  | 'name' // against the target's name rules (Huawei: a character outside [0-9A-Za-z._@-], no .wav extension, or over 128 characters)
  | 'not-wav' // not RIFF/WAVE at all
  | 'malformed' // WAVE, but broken
  | 'encoding' // not the target's encoding, plainly (Huawei: A-law; not PCM, mu-law, float, A-law inside WAVE_FORMAT_EXTENSIBLE, ...)
  | 'sample-rate' // not the target's rate (8000 Hz; 16000 for Teams and Vonage)
  | 'channels' // not mono
  | 'container' // RF64/BW64 instead of a plain RIFF file
  | 'size' // larger than the limit
  | 'length' // as long as the target's longest prompt, or longer (Amazon Connect: shorter than 5 minutes)
  | 'not-found' // the path does not exist
  | 'unreadable' // exists but cannot be read (permissions, a FIFO or device, an I/O error)
  | 'leftover' // check: a temp file of voiceprep convert (.*.voiceprep-tmp), left by a run that was killed
  | 'level' // check --level: the active speech level is off the target by more than the tolerance (or there is no speech)
  | 'clipping' // check --level: flat tops at full scale, where the recording clipped
  | 'unsupported' // convert: an encoding or sample rate voiceprep cannot decode
  | 'exists' // convert: a different file is already at the output path (use --force)
  | 'write-failed' // convert: the output could not be written (disk full, permissions)
  | 'inside-output' // convert: found by a search inside the output folder, and not where another input's output goes: not converted
  | 'interrupted'; // convert: stopped by a signal before this file was done

/** The problem each expected failure of reading or converting a file becomes in its record. */
export const PROBLEM_FOR_ERROR: Readonly<Record<ErrorCode, ProblemCode>> = {
  'not-wav': 'not-wav',
  malformed: 'malformed',
  'unsupported-encoding': 'unsupported',
  'too-long': 'size',
  io: 'unreadable',
  'not-found': 'not-found',
  exists: 'exists',
  // The CLI and the page check their options before any file is read, so no record meets this; were one to, its
  // file was not read.
  'invalid-argument': 'unreadable',
};

export interface Problem {
  code: ProblemCode;
  message: string;
}

export interface Warning {
  code: string;
  message: string;
}

export type { FormatSummary } from '../source/format-summary.js';

export interface FileRecord {
  path: string;
  /** check: the id of the target the file was judged against ('huawei-voicecall', 'amazon-connect', ...). */
  target?: string;
  ok: boolean;
  problems: Problem[];
  warnings: Warning[];
  /** null when the file is not a readable WAVE file */
  format: FormatSummary | null;
  /** The file's size in bytes; null when it could not be read. */
  bytes: number | null;
  /** Duration from the header; null when unknown. */
  seconds: number | null;
  /** With `check --level`: the levels of the 8 kHz signal the file is or becomes; null when it cannot be decoded. */
  levels?: LevelSummary | null;
}

/** A record of a file with nothing known of it yet: not ok until something has proved it. */
export function blankRecord(path: string): FileRecord {
  return { path, ok: false, problems: [], warnings: [], format: null, bytes: null, seconds: null };
}

/** The record of a file that failed for one reason, with nothing else known of it. */
export function failedRecord(path: string, code: ProblemCode, message: string): FileRecord {
  return { ...blankRecord(path), problems: [{ code, message }] };
}

export interface Summary {
  checked: number;
  ok: number;
  failed: number;
}
