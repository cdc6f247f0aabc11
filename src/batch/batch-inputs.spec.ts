import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAlawFile, waveFile } from '../../test/support/wav-builder.js';
import { findBatchInputs, searchedOutputFolder } from './batch-inputs.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-batch-inputs-'));
  await mkdir(join(root, 'lib/hold'), { recursive: true });
  // lib/hold/a.wav is where lib/a.mp3's output goes (an earlier run's output, a playback file); lib/hold/music.wav
  // is nobody's output
  for (const file of ['lib/a.mp3', 'lib/b.wav', 'lib/hold/music.wav']) await writeFile(join(root, file), 'x');
  await writeFile(join(root, 'lib/hold/a.wav'), canonicalAlawFile(800));
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

  it('takes a file at an output path for that input\'s earlier output only if it is a playback file; never replaces it', async () => {
    const top = await mkdtemp(join(tmpdir(), 'voiceprep-batch-inputs-'));
    try {
      await mkdir(join(top, 'lib/hold'), { recursive: true });
      // lib/hold/x.wav is a source of its own (44.1 kHz PCM), not what lib/x.wav became
      const source = waveFile({ format: 's16', channels: 1, sampleRate: 44100, samples: new Float32Array(441) });
      for (const file of ['lib/x.wav', 'lib/hold/x.wav']) await writeFile(join(top, file), source);
      const { planned, refused } = await findBatchInputs(['lib'], { kind: 'folder', folder: 'lib/hold' }, false, top);
      expect(refused).toEqual([
        { path: join('lib', 'hold/x.wav'), problem: { code: 'inside-output', message: expect.stringMatching(/^not converted: it is inside the output folder lib\/hold/) } },
      ]);
      expect(planned).toHaveLength(1);
      expect(planned[0].problem).toEqual({ code: 'exists', message: expect.stringMatching(/^not converted: its output path is lib\/hold\/x\.wav, .*never replaced, even with --force$/) });
    } finally {
      await rm(top, { recursive: true, force: true });
    }
  });

  it('gives each macOS metadata file a search passes over a line, whatever it holds', async () => {
    const top = await mkdtemp(join(tmpdir(), 'voiceprep-batch-inputs-'));
    try {
      await mkdir(join(top, 'in'));
      for (const file of ['in/a.wav', 'in/._real.wav']) await writeFile(join(top, file), canonicalAlawFile(800));
      const { planned, refused } = await findBatchInputs(['in'], { kind: 'folder', folder: 'out' }, false, top);
      expect(planned.map((plan) => plan.input.path)).toEqual([join('in', 'a.wav')]);
      expect(refused).toEqual([{ path: join('in', '._real.wav'), problem: { code: 'not-wav', message: expect.stringMatching(/^passed over, not converted: by its name a macOS metadata file .*if it is a recording, rename it$/) } }]);
    } finally {
      await rm(top, { recursive: true, force: true });
    }
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
