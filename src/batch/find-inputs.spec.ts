import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEmptySearch, findInputs } from './find-inputs.js';

const WAV = { extensions: ['.wav'] };
const AUDIO = { extensions: ['.wav', '.mp3', '.flac'] };

let root: string;

beforeAll(() => {
  root = mkdtempSync(join(tmpdir(), 'voiceprep-find-'));
  mkdirSync(join(root, 'prompts/sub'), { recursive: true });
  mkdirSync(join(root, 'docs'));
  mkdirSync(join(root, 'nothing'));
  for (const file of ['prompts/a.wav', 'prompts/B.WAV', 'prompts/sub/c.Wav', 'prompts/notes.txt', 'prompts/d.MP3', 'prompts/._a.wav', 'other.wav', 'docs/a.txt', 'docs/b.txt', 'docs/c.docx']) {
    writeFileSync(join(root, file), 'x');
  }
  symlinkSync('..', join(root, 'prompts/sub/loop')); // a link loop inside a searched folder
  symlinkSync(join(root, 'other.wav'), join(root, 'prompts/linked.wav'));
  execFileSync('mkfifo', [join(root, 'pipe.wav')]);
});

afterAll(() => rmSync(root, { recursive: true, force: true }));

describe('findInputs', () => {
  it('searches folders recursively for the extensions asked for, in any case, without following links', async () => {
    const { inputs: audio } = await findInputs(['prompts'], AUDIO, root);
    expect(audio.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'd.MP3', 'sub/c.Wav']);
  });

  it('passes over the metadata files a Mac leaves beside each file', async () => {
    const { inputs } = await findInputs(['prompts'], WAV, root);
    expect(inputs.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'sub/c.Wav']);
    expect(inputs[2].path).toBe(join('prompts', 'sub/c.Wav'));
  });

  it('takes a named file as it is, keeping only its name for the output', async () => {
    const { inputs } = await findInputs(['prompts/sub/c.Wav', 'prompts/linked.wav'], WAV, root);
    expect(inputs).toEqual([
      { path: 'prompts/sub/c.Wav', relativePath: 'c.Wav', searched: false },
      { path: 'prompts/linked.wav', relativePath: 'linked.wav', searched: false },
    ]);
  });

  it('expands globs case-insensitively, relative to their fixed leading folders', async () => {
    const { inputs } = await findInputs(['prompts/**/*.wav'], WAV, root);
    expect(inputs.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'sub/c.Wav']);
  });

  it('lists each file once even when named twice', async () => {
    const { inputs } = await findInputs(['prompts', 'prompts/a.wav', './prompts/a.wav'], WAV, root);
    expect(inputs.filter((input) => input.relativePath.endsWith('a.wav'))).toHaveLength(1);
  });

  it('reports missing paths and globs that match nothing', async () => {
    const { missing } = await findInputs(['nope.wav', 'prompts/*.ogg'], WAV, root);
    expect(missing).toEqual(['nope.wav', 'prompts/*.ogg']);
  });

  it('reports a folder or glob that holds nothing to work on, with what it held instead', async () => {
    const { inputs, empty, missing } = await findInputs(['docs', 'docs/*', 'nothing'], AUDIO, root);
    expect(inputs).toEqual([]);
    expect(missing).toEqual([]);
    expect(empty).toEqual([
      { path: 'docs', passedOver: 3, extensions: ['.txt', '.docx'] },
      { path: 'docs/*', passedOver: 3, extensions: ['.txt', '.docx'] },
      { path: 'nothing', passedOver: 0, extensions: [] },
    ]);
    expect(describeEmptySearch(empty[0], 'audio files')).toBe('no audio files; 3 other file(s) passed over (.txt, .docx)');
    expect(describeEmptySearch(empty[2], 'audio files')).toBe('no audio files (the folder is empty)');
  });

  it('takes a file named directly whatever its extension', async () => {
    const { inputs } = await findInputs(['docs/c.docx'], WAV, root);
    expect(inputs.map((input) => input.path)).toEqual(['docs/c.docx']);
  });

  it('skips a FIFO without opening it', async () => {
    const { inputs, skipped } = await findInputs(['pipe.wav'], WAV, root);
    expect(inputs).toEqual([]);
    expect(skipped).toEqual([{ path: 'pipe.wav', reason: 'not a regular file (a FIFO)' }]);
  });
});
