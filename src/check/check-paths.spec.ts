import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAlawFile, waveFile } from '../../test/support/wav-builder.js';
import { checkFile, checkPaths } from './check-paths.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-check-'));
  await mkdir(join(root, 'prompts/sub'), { recursive: true });
  await writeFile(join(root, 'prompts/good.wav'), canonicalAlawFile(100));
  await writeFile(join(root, 'prompts/sub/LOUD.WAV'), canonicalAlawFile(101));
  await writeFile(join(root, 'prompts/sub/pcm.wav'), waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: new Float32Array(4) }));
  await writeFile(join(root, 'prompts/readme.txt'), 'not audio');
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('checkPaths', () => {
  it('searches folders recursively for .wav in any case, and reports every file found', async () => {
    const result = await checkPaths(['prompts'], {}, root);
    expect(result.files.map((f) => [f.path, f.ok])).toEqual([
      [join('prompts', 'good.wav'), true],
      [join('prompts', 'sub/LOUD.WAV'), true],
      [join('prompts', 'sub/pcm.wav'), false],
    ]);
    expect(result.summary).toEqual({ checked: 3, ok: 2, failed: 1 });
  });

  it('takes globs and reports a path that names nothing as not-found', async () => {
    const result = await checkPaths(['prompts/**/*.wav', 'missing.wav', 'nothing/*.wav'], {}, root);
    expect(result.files.map((f) => [f.path, f.problems.map((p) => p.code)])).toEqual([
      ['prompts/good.wav', []],
      ['prompts/sub/LOUD.WAV', []],
      ['prompts/sub/pcm.wav', ['encoding']],
      ['missing.wav', ['not-found']],
      ['nothing/*.wav', ['not-found']],
    ]);
  });

  it('checks a file named directly even without a .wav extension, and flags the name', async () => {
    const result = await checkPaths(['prompts/readme.txt'], {}, root);
    expect(result.files[0].problems.map((p) => p.code)).toEqual(['name', 'not-wav']);
  });
});

describe('checkFile', () => {
  it('turns a missing file into a not-found record, not an exception', async () => {
    const record = await checkFile(join(root, 'gone.wav'));
    expect(record).toMatchObject({ ok: false, problems: [{ code: 'not-found' }], format: null, bytes: null });
  });

  it('reads a folder named as a file as unreadable', async () => {
    const record = await checkFile(join(root, 'prompts'));
    expect(record.problems.map((p) => p.code)).toEqual(['unreadable']);
  });
});
