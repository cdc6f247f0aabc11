import { statSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { basename, dirname } from 'node:path';
import { type FileRecord, type Problem, type ProblemCode, blankRecord, failedRecord } from '../check/file-record.js';
import { type Preparation, prepareSource } from '../check/prepare.js';
import { type ProblemWords, firstLine, isAbort, problemFrom } from '../check/problem-from.js';
import { type ConvertSettings, tooLongWords } from '../pipeline/settings.js';
import type { StopSignal } from '../pipeline/output-rate-pass.js';
import type { ConvertReport } from '../pipeline/report.js';
import { openFileSource } from '../node/file-source.js';
import { type FileOutcome, ReadError, WriteError, fileDelivery } from './file-delivery.js';

/** One file's work, as the batch hands it to a worker thread: plain data, so it crosses threads as it is. */
export interface ConvertJob {
  input: string;
  /** `input` as the user gave it (relative to where they ran voiceprep): the commands messages suggest name it so. */
  givenPath: string;
  output: string;
  /** Staging path beside `output`; chosen by the batch so that it can remove it if the worker is stopped. */
  tempPath: string;
  /** What the person asked for, as they asked it: conversionOptions makes it this file's options. */
  settings: ConvertSettings;
  force: boolean;
  /** Remove `input` once `output` is complete (in-place conversion under a new name). */
  removeInput: boolean;
  /**
   * Set to non-zero (Atomics.store) to stop the job: shared memory, so that a worker sees it at once, in the middle
   * of a conversion that never lets its thread take a message. A stopped job removes its temp file itself.
   */
  stop?: Int32Array;
}

export interface ConvertedFile extends FileRecord {
  output: OutputSummary | null;
  conversion: ConversionSummary | null;
}

export interface OutputSummary {
  path: string;
  bytes: number;
  seconds: number;
  /** 'written', or 'unchanged' when the target already held exactly these bytes. */
  outcome: 'written' | 'unchanged';
}

export interface ConversionSummary {
  passThrough: boolean;
  trimmed: boolean;
  /** Seconds of the input left out before and after the output (silence trimming, --trim). */
  cut: ConvertReport['cut'];
  gainDb: number;
  peakDbfs: number | null;
  clippedSamples: number;
  /** With --level or --trim-silence: the levels before and after, as `check --level` reports them. */
  levels: ConvertReport['levels'];
}

/** A record with nothing known yet: not ok until a conversion has succeeded. */
export function emptyRecord(path: string): ConvertedFile {
  return { ...blankRecord(path), output: null, conversion: null };
}

/** The record of a file that was not converted, for one reason. */
export function failedConversion(path: string, code: ProblemCode, message: string): ConvertedFile {
  return { ...failedRecord(path, code, message), output: null, conversion: null };
}

/**
 * Converts one file as the core's prepareSource does for convert and the page (a compliant file in voiceprep's own
 * layout kept byte for byte, any other converted and its result checked before it takes the output's place), into
 * `job.output`; every failure becomes a problem in the record, never an exception. `onWritten` is told once the
 * output's bytes are all written, while they are flushed to disk: the thread may start its next file then.
 */
export async function runConvertJob(job: ConvertJob, onWritten?: () => void): Promise<ConvertedFile> {
  const record = emptyRecord(job.input);
  const signal = stopSignal(job.stop);
  try {
    signal?.throwIfAborted();
    // A converting thread waits on nothing else, so it reads with blocking reads (see FileSourceOptions).
    const source = await openFileSource(job.input, { blocking: true });
    record.bytes = source.size;
    let done: Preparation<FileOutcome>;
    try {
      const names = { input: basename(job.input), output: basename(job.output), path: job.givenPath };
      done = await prepareSource(source, names, job.settings, fileDelivery(job, source, signal, onWritten), { signal, problemOf: jobProblem });
    } finally {
      await source.close();
    }
    describe(record, done, job.output);
    if (record.problems.length === 0 && job.removeInput) await unlink(job.input);
  } catch (error) {
    record.problems.push(jobProblem(error));
  }
  record.ok = record.problems.length === 0;
  return record;
}

/** The record of what became of the file: what it is, and what was written or why not. */
function describe(record: ConvertedFile, done: Preparation<FileOutcome>, output: string): void {
  // what the reader found once the input was opened (the decoded length, the warnings of reading it), else the check's
  const opened = done.opened;
  if (opened) {
    record.format = opened.format;
    record.seconds = opened.input.seconds;
    record.warnings = opened.warnings.map(({ code, message }) => ({ code, message }));
  } else if (done.asItIs) {
    record.format = done.asItIs.format;
    record.seconds = done.asItIs.seconds;
  }
  if (done.kind === 'failed') {
    record.problems.push(done.problem);
    return;
  }
  if (done.delivered === 'exists') {
    record.problems.push({ code: 'exists', message: `a different file is already at ${output}: use --force to replace it` });
    return;
  }
  describeResult(record, done.report, output, done.delivered === 'unchanged' ? 'unchanged' : 'written');
  if (done.kind === 'converted' && !done.delivered) {
    // the check of the result refused it: nothing was written
    record.output = null;
    record.conversion = null;
    record.problems.push(...done.result.problems);
  }
}

function describeResult(record: ConvertedFile, report: ConvertReport, output: string, outcome: 'written' | 'unchanged'): void {
  // The decoded length and what decoding met replace the header's figures (they differ for compressed input).
  record.seconds = report.input.seconds;
  record.warnings = report.warnings.map(({ code, message }) => ({ code, message }));
  record.output = { path: output, bytes: report.output.bytes, seconds: report.output.seconds, outcome };
  record.conversion = {
    passThrough: report.passThrough,
    trimmed: report.trimmed,
    cut: report.cut,
    gainDb: report.gainDb,
    peakDbfs: Number.isFinite(report.peakDbfs) ? report.peakDbfs : null,
    clippedSamples: report.clippedSamples,
    levels: report.levels,
  };
  if (report.clippedSamples > 0) {
    record.warnings.push({
      code: 'clipped',
      message: `${report.clippedSamples} samples clipped (peak ${report.peakDbfs.toFixed(1)} dBFS): use --normalize`,
    });
  }
  if (report.trimmed) {
    record.warnings.push({
      code: 'trimmed',
      message: `cut from ${record.seconds?.toFixed(1)} s to ${report.output.seconds.toFixed(1)} s to fit the size limit`,
    });
  }
}

/** The job's stop flag as the pipeline takes it; what it throws is recognized by problemFrom (an AbortError). */
function stopSignal(flag: Int32Array | undefined): StopSignal | undefined {
  if (!flag) return undefined;
  return {
    get aborted() {
      return Atomics.load(flag, 0) !== 0;
    },
    throwIfAborted() {
      if (Atomics.load(flag, 0) !== 0) throw new DOMException('the batch was interrupted', 'AbortError');
    },
  };
}

/** A batch's words for the failures whose telling depends on where they happened. */
const BATCH_WORDS: ProblemWords = {
  missing: 'no such file (was it removed while the batch ran?)',
  notAFile: 'not a regular file',
  interrupted: 'not converted: the batch was interrupted, and nothing of it was kept',
  // A compressed file's header only estimates its length: it is found too long as its output passes the limit.
  tooLong: tooLongWords,
};

/** A job's failure as a problem: a failure to write the output is told as one; the rest as problemFrom tells it. */
export function jobProblem(error: unknown): Problem {
  if (error instanceof WriteError) return isAbort(error.reason) ? problemFrom(error.reason, BATCH_WORDS) : writeProblem(error.reason);
  return problemFrom(error instanceof ReadError ? error.reason : error, BATCH_WORDS);
}

function writeProblem(error: unknown): Problem {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const reasons: Record<string, string> = {
    ENOSPC: 'no space left on the device',
    EDQUOT: 'disk quota exceeded',
    EACCES: 'permission denied in the output folder',
    EPERM: 'permission denied in the output folder',
    EROFS: 'the output folder is on a read-only file system',
    ENOENT: 'the output folder disappeared',
    EFBIG: 'the file size limit of this process (ulimit -f) was reached',
  };
  // ENOENT with the folder still there: a folder that takes no new file (-o /proc/self)
  const path = (error as NodeJS.ErrnoException | undefined)?.path;
  if (code === 'ENOENT' && path && statSync(dirname(path), { throwIfNoEntry: false })?.isDirectory()) {
    reasons.ENOENT = 'the output folder does not allow new files in it';
  }
  const reason = (code && reasons[code]) ?? firstLine(error);
  return { code: 'write-failed', message: `could not write the output: ${reason}; nothing partial was left` };
}
