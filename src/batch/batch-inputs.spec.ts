import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findBatchInputs, searchedOutputFolder } from './batch-inputs.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-batch-inputs-'));
  await mkdir(join(root, 'lib/hold'), { recursive: true });
  // lib/hold/a.wav is where lib/a.mp3's output goes (an earlier run's output); lib/hold/music.wav is nobody's output
  for (const file of ['lib/a.mp3', 'lib/b.wav', 'lib/hold/a.wav', 'lib/hold/music.wav']) await writeFile(join(root, file), 'x');
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('findBatchInputs', () => {
  it('converts nothing inside an output folder that lies inside a searched folder, and says so for each file there', async () => {
    const { planned, refused } = await findBatchInputs(['lib'], { kind: 'folder', folder: 'lib/hold' }, false, root);
    expect(planned.map((plan) => [plan.input.path, plan.output])).toEqual([
      [join('lib', 'a.mp3'), join(root, 'lib/hold/a.wav')],
      [join('lib', 'b.wav'), join(root, 'lib/hold/b.wav')],
    ]);
    // hold/a.wav is a.mp3's output, which a.mp3's own line reports: only hold/music.wav needs a line of its own
    expect(refused).toEqual([
      { path: join('lib', 'hold/music.wav'), problem: { code: 'inside-output', message: expect.stringMatching(/^not converted: it is inside the output folder lib\/hold/) } },
    ]);
  });

  it('converts a file inside the output folder that is named on its own', async () => {
    const { planned, refused } = await findBatchInputs(['lib/hold/music.wav'], { kind: 'folder', folder: 'lib' }, false, root);
    expect(refused).toEqual([]);
    expect(planned.map((plan) => plan.output)).toEqual([join(root, 'lib/music.wav')]);
  });
});

describe('searchedOutputFolder', () => {
  it('finds the argument that is the output folder itself, however it is spelled', async () => {
    expect(await searchedOutputFolder(['lib/hold', './lib/'], 'lib', root)).toBe('./lib/');
    expect(await searchedOutputFolder(['lib', 'lib/b.wav'], 'lib/hold', root)).toBeNull();
    expect(await searchedOutputFolder(['lib'], 'not-yet', root)).toBeNull();
  });
});
