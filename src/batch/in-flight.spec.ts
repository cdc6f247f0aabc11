import { link, mkdtemp, rename, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { committed, inFlight } from './in-flight.js';

let folder: string;
let temp: string;
let target: string;

beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'voiceprep-in-flight-'));
  temp = join(folder, '.a.wav.tmp');
  target = join(folder, 'a.wav');
});
afterEach(() => rm(folder, { recursive: true, force: true }));

describe('committed: is a job interrupted mid-way already in place?', () => {
  it('no, while nothing or only the staging file exists', async () => {
    const job = inFlight(temp, target);
    expect(committed(job)).toBe(false);
    await writeFile(temp, 'new');
    expect(committed(job)).toBe(false);
  });

  it('yes, once the staging file is linked at the target, before and after it is unlinked', async () => {
    const job = inFlight(temp, target);
    await writeFile(temp, 'new');
    await link(temp, target);
    expect(committed(job)).toBe(true);
    await unlink(temp);
    expect(committed(job)).toBe(true);
  });

  it('yes, once the staging file is renamed over an older target', async () => {
    await writeFile(target, 'old');
    const job = inFlight(temp, target);
    await writeFile(temp, 'new');
    expect(committed(job)).toBe(false);
    await rename(temp, target);
    expect(committed(job)).toBe(true);
  });

  it('no, when the target was there before and the job left it alone', async () => {
    await writeFile(target, 'same');
    const job = inFlight(temp, target);
    await writeFile(temp, 'same');
    expect(committed(job)).toBe(false);
    await unlink(temp);
    expect(committed(job)).toBe(false);
  });
});
