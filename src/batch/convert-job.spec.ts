import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { tempPathFor } from '../node/atomic-file.js';
import { type ConvertJob, runConvertJob } from './convert-job.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-convert-job-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** A job as the batch makes it; in place, onto the input itself or under a new name with the input then removed. */
function jobFor(input: string, output: string, inPlace = false): ConvertJob {
  return {
    input,
    output,
    tempPath: tempPathFor(output),
    maxBytes: 2 * 1024 * 1024,
    trim: false,
    normalize: false,
    trimSilence: false,
    force: inPlace && input === output,
    removeInput: inPlace && input !== output,
  };
}

describe('runConvertJob', () => {
  it('refuses a FIFO put where a listed file was, at once and unread', { timeout: 10_000 }, async () => {
    const fifo = join(root, 'a.wav');
    execFileSync('mkfifo', [fifo]);
    try {
      const record = await runConvertJob(jobFor(fifo, join(root, 'out.wav')));
      expect(record.problems).toEqual([{ code: 'unreadable', message: 'a FIFO (named pipe), not a regular file: not read' }]);
      expect(await readdir(root)).toEqual(['a.wav']);
    } finally {
      try {
        closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK)); // frees a reader stuck in open() (old code)
      } catch {
        // nobody is waiting
      }
    }
  });
});
