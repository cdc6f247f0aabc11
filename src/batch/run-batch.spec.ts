import { truncateSync, unlinkSync } from 'node:fs';
import { mkdir, mkdtemp, readdir, rm, writeFile } from 'node:fs/promises';
import { availableParallelism, tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waveFile } from '../../test/support/wav-builder.js';
import { bytesSource, type ByteSource } from '../source/byte-source.js';
import { openConversion } from '../pipeline/conversion.js';
import { writeFileAtomically } from '../node/atomic-file.js';
import { isVoiceprepError } from '../errors.js';
import { jobsFor, startBatch } from './run-batch.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-batch-'));
  await mkdir(join(root, 'in'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const tone = (frames: number) => Float32Array.from({ length: frames * 2 }, (_, i) => 0.5 * Math.sin(Math.floor(i / 2) / 7));
const stereo = (frames = 44100) => waveFile({ format: 's16', channels: 2, sampleRate: 44100, samples: tone(frames) });

describe('startBatch when inputs change under it', () => {
  it('reports an input deleted or cut short between listing and reading, and converts the rest', async () => {
    for (const name of ['gone', 'shortened', 'stub', 'fine']) await writeFile(join(root, 'in', `${name}.wav`), stereo());
    const batch = startBatch({
      inputs: ['in'],
      mode: { kind: 'folder', folder: 'out' },
      cwd: root,
      jobs: 1,
      onProgress: (event) => {
        if (event.type !== 'planned') return;
        // after the listing, before any file is opened: what another program could do at that moment
        unlinkSync(join(root, 'in/gone.wav'));
        truncateSync(join(root, 'in/shortened.wav'), 44 + 4 * 1000);
        truncateSync(join(root, 'in/stub.wav'), 30);
      },
    });
    const result = await batch.done;
    const byPath = Object.fromEntries(result.files.map((file) => [file.path, file]));
    expect(byPath['in/gone.wav'].problems).toEqual([{ code: 'not-found', message: expect.stringMatching(/removed while the batch ran/) }]);
    expect(byPath['in/stub.wav'].problems[0].code).toBe('malformed');
    // what is left of a cut file is converted, and the report says it was cut
    expect(byPath['in/shortened.wav'].ok).toBe(true);
    expect(byPath['in/shortened.wav'].output?.seconds).toBeCloseTo((1000 * 8000) / 44100 / 8000, 3);
    expect(byPath['in/shortened.wav'].warnings.map((warning) => warning.code)).toContain('data-truncated');
    expect(byPath['in/fine.wav'].ok).toBe(true);
    expect((await readdir(join(root, 'out'))).sort()).toEqual(['fine.wav', 'shortened.wav']);
  });
});

describe('startBatch order', () => {
  it('starts the file with the most work first, whatever the listing order, and reports in the listing order', async () => {
    await writeFile(join(root, 'in', 'a-short.wav'), stereo(4410));
    await writeFile(join(root, 'in', 'b-long.wav'), stereo(44100));
    await writeFile(join(root, 'in', 'c-middle.wav'), stereo(22050));
    const started: string[] = [];
    const batch = startBatch({
      inputs: ['in'],
      mode: { kind: 'folder', folder: 'out' },
      cwd: root,
      jobs: 1,
      onProgress: (event) => void (event.type === 'started' && started.push(event.path)),
    });
    const result = await batch.done;
    expect(started).toEqual(['in/b-long.wav', 'in/c-middle.wav', 'in/a-short.wav']);
    expect(result.files.map((file) => [file.path, file.ok])).toEqual([
      ['in/a-short.wav', true],
      ['in/b-long.wav', true],
      ['in/c-middle.wav', true],
    ]);
  });
});

describe('startBatch in one thread', () => {
  it('starts the next file once a file is written, while it is flushed to disk and moved, and ends once all are', async () => {
    for (const name of ['a', 'b', 'c']) await writeFile(join(root, 'in', `${name}.wav`), stereo());
    const events: string[] = [];
    const batch = startBatch({
      inputs: ['in'],
      mode: { kind: 'folder', folder: 'out' },
      cwd: root,
      jobs: 1,
      onProgress: (event) => void (event.type !== 'planned' && events.push(`${event.type} ${event.type === 'started' ? event.path : event.file.path}`)),
    });
    const result = await batch.done;
    // the second file starts before the first is reported: the first's flush takes a turn of the event loop
    expect(events.indexOf('started in/b.wav')).toBeLessThan(events.indexOf('finished in/a.wav'));
    expect(events.filter((event) => event.startsWith('finished')).sort()).toEqual(['finished in/a.wav', 'finished in/b.wav', 'finished in/c.wav']);
    expect(result.files.every((file) => file.ok && file.output?.outcome === 'written')).toBe(true);
    expect((await readdir(join(root, 'out'))).sort()).toEqual(['a.wav', 'b.wav', 'c.wav']);
  });
});

describe('a conversion whose input shrinks while it is read', () => {
  it('fails with a typed error and leaves no output behind', async () => {
    const bytes = stereo(200_000);
    const inner = bytesSource(bytes);
    // the header promised 200,000 frames (800 kB); after 400 kB the file ends
    const shrinking: ByteSource = {
      size: bytes.length,
      read: (offset, length) => inner.read(offset, Math.max(0, Math.min(length, 400_000 - offset))),
    };
    const conversion = await openConversion(shrinking);
    const target = join(root, 'out.wav');
    const failure = await writeFileAtomically(target, (sink) => conversion.run(sink)).catch((error: unknown) => error);
    expect(isVoiceprepError(failure) && failure.code).toBe('io');
    expect(await readdir(root)).toEqual(['in']);
  });
});

describe('startBatch stopped', () => {
  it('ends the conversions under way, keeps and reports what finished, and leaves no temp file', async () => {
    for (const name of ['a', 'b', 'c']) await writeFile(join(root, 'in', `${name}.wav`), stereo());
    const batch = startBatch({
      inputs: ['in'],
      mode: { kind: 'folder', folder: 'out' },
      cwd: root,
      jobs: 1,
      // as a signal would: once the first file is done, while the second is being converted
      onProgress: (event) => event.type === 'started' && event.path === 'in/b.wav' && batch.stop(),
    });
    const result = await batch.done;
    expect(result.interrupted).toBe(true);
    expect(result.files.map((file) => [file.path, file.ok, file.problems[0]?.code])).toEqual([
      ['in/a.wav', true, undefined],
      ['in/b.wav', false, 'interrupted'],
      ['in/c.wav', false, 'interrupted'],
    ]);
    expect(await readdir(join(root, 'out'))).toEqual(['a.wav']);
  });

  it('after it has ended, stopping it changes nothing', async () => {
    await writeFile(join(root, 'in', 'a.wav'), stereo());
    const batch = startBatch({ inputs: ['in'], mode: { kind: 'folder', folder: 'out' }, cwd: root, jobs: 1 });
    const result = await batch.done;
    batch.stop();
    expect(result).toMatchObject({ interrupted: false, summary: { ok: 1 } });
  });
});

describe('how many files are converted at once', () => {
  it('is never more than the cores, whatever -j asks: each conversion holds its memory', async () => {
    for (const name of ['a', 'b', 'c']) await writeFile(join(root, 'in', `${name}.wav`), stereo(100));
    let jobs = 0;
    const batch = startBatch({
      inputs: ['in'],
      mode: { kind: 'folder', folder: 'out' },
      cwd: root,
      jobs: 256,
      onProgress: (event) => {
        if (event.type !== 'planned') return;
        jobs = event.jobs;
        // stopped before a pool is started: this spec runs from source, which has no worker file to start
        batch.stop();
      },
    });
    await batch.done;
    expect(jobs).toBeGreaterThanOrEqual(1);
    expect(jobs).toBeLessThanOrEqual(Math.min(3, availableParallelism()));
    expect(jobsFor(256, 1000)).toBeLessThanOrEqual(availableParallelism());
    expect(jobsFor(undefined, 1)).toBe(1);
  });
});
