import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { findInputs } from './find-inputs.js';

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'voiceprep-find-'));
  mkdirSync(join(root, 'prompts/sub'), { recursive: true });
  for (const file of ['prompts/a.wav', 'prompts/B.WAV', 'prompts/sub/c.Wav', 'prompts/notes.txt', 'other.wav']) {
    writeFileSync(join(root, file), 'x');
  }
  symlinkSync('..', join(root, 'prompts/sub/loop')); // a link loop inside a searched folder
  symlinkSync(join(root, 'other.wav'), join(root, 'prompts/linked.wav'));
  execFileSync('mkfifo', [join(root, 'pipe.wav')]);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findInputs', () => {
  it('searches folders recursively for .wav in any case, without following links', async () => {
    const { inputs } = await findInputs(['prompts'], root);
    expect(inputs.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'sub/c.Wav']);
    expect(inputs[2].path).toBe(join('prompts', 'sub/c.Wav'));
  });

  it('takes a named file as it is, keeping only its name for the output', async () => {
    const { inputs } = await findInputs(['prompts/sub/c.Wav', 'prompts/linked.wav'], root);
    expect(inputs).toEqual([
      { path: 'prompts/sub/c.Wav', relativePath: 'c.Wav', searched: false },
      { path: 'prompts/linked.wav', relativePath: 'linked.wav', searched: false },
    ]);
  });

  it('expands globs case-insensitively, relative to their fixed leading folders', async () => {
    const { inputs } = await findInputs(['prompts/**/*.wav'], root);
    expect(inputs.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'sub/c.Wav']);
  });

  it('lists each file once even when named twice', async () => {
    const { inputs } = await findInputs(['prompts', 'prompts/a.wav', './prompts/a.wav'], root);
    expect(inputs.filter((input) => input.relativePath.endsWith('a.wav'))).toHaveLength(1);
  });

  it('reports missing paths and globs that match nothing', async () => {
    const { missing } = await findInputs(['nope.wav', 'prompts/*.mp3'], root);
    expect(missing).toEqual(['nope.wav', 'prompts/*.mp3']);
  });

  it('skips a FIFO without opening it', async () => {
    const { inputs, skipped } = await findInputs(['pipe.wav'], root);
    expect(inputs).toEqual([]);
    expect(skipped).toEqual([{ path: 'pipe.wav', reason: 'not a regular file (a FIFO)' }]);
  });
});
