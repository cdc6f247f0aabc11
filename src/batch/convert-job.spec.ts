import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { appendFile, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { type Conversion, openConversion } from '../pipeline/conversion.js';
import { tempPathFor } from '../node/atomic-file.js';
import { waveFile } from '../../test/support/wav-builder.js';
import { type ConvertJob, runConvertJob } from './convert-job.js';

// openConversion is the real one unless a test makes the input grow while it is converted
vi.mock('../pipeline/conversion.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../pipeline/conversion.js')>();
  return { ...actual, openConversion: vi.fn(actual.openConversion) };
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-convert-job-'));
});
afterEach(async () => {
  vi.mocked(openConversion).mockRestore();
  await rm(root, { recursive: true, force: true });
});

const tone = Float32Array.from({ length: 4410 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44100));
const recording = Buffer.from(waveFile({ format: 's16', channels: 1, sampleRate: 44100, samples: tone }));
const more = Buffer.alloc(4000, 7);

/** A job as the batch makes it; in place, onto the input itself or under a new name with the input then removed. */
function jobFor(input: string, output: string, inPlace = false): ConvertJob {
  return {
    input,
    givenPath: input,
    output,
    tempPath: tempPathFor(output),
    settings: { maxBytes: 2 * 1024 * 1024, trim: false, normalize: false, trimSilence: false },
    force: inPlace && input === output,
    removeInput: inPlace && input !== output,
  };
}

describe('runConvertJob', () => {
  it('in place, leaves an input that grew while it was converted as it is: not replaced, not removed, no temp file', async () => {
    for (const [name, outputName] of [['take.wav', 'take.wav'], ['take 1.wav', 'take_1.wav']]) {
      const input = join(root, name);
      await writeFile(input, recording);
      await growsWhileConverted(input);
      const record = await runConvertJob(jobFor(input, join(root, outputName), true));
      expect(record).toMatchObject({ ok: false, output: null });
      expect(record.problems).toEqual([
        {
          code: 'unreadable',
          message:
            'the file changed while it was being converted (is it still being written?): nothing was written or replaced; ' +
            'convert it again once it is complete',
        },
      ]);
      expect((await readFile(input)).equals(Buffer.concat([recording, more]))).toBe(true);
      expect(await readdir(root)).toEqual([name]);
      await rm(input);
    }
  });

  it('does not call a folder that takes no new file (/proc/self) gone', async () => {
    const input = join(root, 'a.wav');
    await writeFile(input, recording);
    const record = await runConvertJob(jobFor(input, '/proc/self/a.wav'));
    expect(record.problems).toEqual([
      { code: 'write-failed', message: 'could not write the output: the output folder does not allow new files in it; nothing partial was left' },
    ]);
  });

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

/** Makes the next conversion append to `path` once it has read it: the writer of a recording, still at work. */
async function growsWhileConverted(path: string): Promise<void> {
  const real = (await vi.importActual<typeof import('../pipeline/conversion.js')>('../pipeline/conversion.js')).openConversion;
  vi.mocked(openConversion).mockImplementationOnce(async (source, options) => {
    const conversion = await real(source, options);
    const grown: Conversion = Object.create(conversion);
    grown.run = async (sink) => {
      const report = await conversion.run(sink);
      await appendFile(path, more);
      return report;
    };
    return grown;
  });
}
