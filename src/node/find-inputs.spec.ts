import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { readdir } from 'node:fs/promises';
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
  // links/: a folder reached by its own path and through a link, a link out to another folder, a link back to
  // itself, a link to nothing and a FIFO
  mkdirSync(join(root, 'links/real'), { recursive: true });
  mkdirSync(join(root, 'elsewhere'));
  for (const file of ['links/real/x.wav', 'elsewhere/y.wav']) writeFileSync(join(root, file), 'x');
  symlinkSync('real', join(root, 'links/via'));
  symlinkSync('../elsewhere', join(root, 'links/zz'));
  symlinkSync('.', join(root, 'links/loop'));
  symlinkSync('nowhere.wav', join(root, 'links/dangling.wav'));
  execFileSync('mkfifo', [join(root, 'links/fifo.wav')]);
  // mac/: what a copy from a Mac leaves of a folder whose audio was not copied
  mkdirSync(join(root, 'mac'));
  for (const file of ['mac/._a.wav', 'mac/._b.wav', 'mac/notes.txt']) writeFileSync(join(root, file), 'x');
  // deep/: a folder whose path is longer than PATH_MAX (4096 bytes), made one folder at a time from inside the last
  // (no single path to it can be opened), with a file at the top that must still be found
  mkdirSync(join(root, 'deep'));
  writeFileSync(join(root, 'deep/top.wav'), 'x');
  execFileSync('bash', ['-c', 'n=$(printf "d%.0s" {1..200}); for i in {1..21}; do mkdir $n && cd $n; done; echo x > a.wav'], { cwd: join(root, 'deep') });
});

// rm walks a folder deeper than PATH_MAX from inside it; Node's rmSync, by whole paths, cannot remove it
afterAll(() => execFileSync('rm', ['-rf', root]));

describe('findInputs', () => {
  it('searches folders recursively for the extensions asked for, in any case, following links to files', async () => {
    const { inputs: audio, skipped } = await findInputs(['prompts'], AUDIO, root);
    expect(audio.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'd.MP3', 'linked.wav', 'sub/c.Wav']);
    expect(skipped).toEqual([]); // sub/loop leads back to prompts, already searched
  });

  it('passes over the metadata files a Mac leaves beside each file', async () => {
    const { inputs } = await findInputs(['prompts'], WAV, root);
    expect(inputs.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'linked.wav', 'sub/c.Wav']);
    expect(inputs[3].path).toBe(join('prompts', 'sub/c.Wav'));
  });

  it('follows links to folders, each folder searched once, under its own path where it has one', async () => {
    const { inputs, skipped, empty } = await findInputs(['links'], WAV, root);
    expect(inputs.map((input) => input.path)).toEqual([join('links', 'real/x.wav'), join('links', 'zz/y.wav')]);
    expect(empty).toEqual([]);
    // a wanted name that cannot be read is a line, not silence
    expect(skipped).toEqual([
      { path: join('links', 'dangling.wav'), code: 'not-found', message: 'a symbolic link to nothing (it does not exist): skipped' },
      { path: join('links', 'fifo.wav'), code: 'unreadable', message: 'not a regular file (a FIFO): skipped, never read' },
    ]);
  });

  it('reports a folder it cannot read, and still finds the rest', async () => {
    const denied = Object.assign(new Error('EACCES: permission denied'), { code: 'EACCES' });
    const readFolder = (path: string) => (path.endsWith(`${join('prompts', 'sub')}`) ? Promise.reject(denied) : readdir(path, { withFileTypes: true }));
    const { inputs, skipped } = await findInputs(['prompts'], { ...WAV, readFolder }, root);
    expect(inputs.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'linked.wav']);
    expect(skipped).toEqual([
      { path: join('prompts', 'sub'), code: 'unreadable', message: 'this folder could not be read (permission denied), so the files in it were not searched' },
    ]);
  });

  it('reports a folder whose path is longer than the system allows, in a folder search and in a glob', async () => {
    for (const arg of ['deep', 'deep/**/*.wav']) {
      const { inputs, skipped } = await findInputs([arg], WAV, root);
      expect(inputs.map((input) => input.relativePath)).toEqual(['top.wav']);
      expect(skipped).toHaveLength(1);
      expect(skipped[0].path).toMatch(/^deep\/d{200}\//);
      expect(skipped[0]).toMatchObject({ code: 'unreadable', message: expect.stringMatching(/longer than the system allows/) });
    }
  });

  it('takes a named file as it is, keeping only its name for the output', async () => {
    const { inputs } = await findInputs(['prompts/sub/c.Wav', 'prompts/linked.wav'], WAV, root);
    expect(inputs).toEqual([
      { path: 'prompts/sub/c.Wav', relativePath: 'c.Wav', searched: false },
      { path: 'prompts/linked.wav', relativePath: 'linked.wav', searched: false },
    ]);
  });

  it('expands globs case-insensitively, relative to their fixed leading folders, taking links to files', async () => {
    const { inputs } = await findInputs(['prompts/**/*.wav'], WAV, root);
    expect(inputs.map((input) => input.relativePath)).toEqual(['B.WAV', 'a.wav', 'linked.wav', 'sub/c.Wav']);
  });

  it('expands an absolute glob', async () => {
    const { inputs, skipped } = await findInputs([join(root, 'prompts/*.wav')], WAV, tmpdir());
    expect(skipped).toEqual([]);
    expect(inputs).toEqual(['B.WAV', 'a.wav', 'linked.wav'].map((name) => ({ path: join(root, 'prompts', name), relativePath: name, searched: true })));
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
      { path: 'docs', passedOver: 3, extensions: ['.txt', '.docx'], macMetadata: 0 },
      { path: 'docs/*', passedOver: 3, extensions: ['.txt', '.docx'], macMetadata: 0 },
      { path: 'nothing', passedOver: 0, extensions: [], macMetadata: 0 },
    ]);
    expect(describeEmptySearch(empty[0], 'audio files')).toBe('no audio files; 3 other file(s) passed over (.txt, .docx)');
    expect(describeEmptySearch(empty[2], 'audio files')).toBe('no audio files (the folder is empty)');
  });

  it('names the metadata files a Mac leaves for what they are, or lists them when asked to', async () => {
    const { empty } = await findInputs(['mac'], WAV, root);
    expect(empty).toEqual([{ path: 'mac', passedOver: 1, extensions: ['.txt'], macMetadata: 2 }]);
    expect(describeEmptySearch(empty[0], 'WAV files')).toBe(
      "no WAV files; 2 macOS metadata file(s) passed over ('._' files a Mac leaves beside the files it copies: not audio), and 1 other file(s) (.txt)",
    );
    const listed = await findInputs(['mac'], { ...WAV, reportMacMetadata: true }, root);
    expect(listed).toMatchObject({ inputs: [], empty: [], macMetadata: [join('mac', '._a.wav'), join('mac', '._b.wav')] });
  });

  it('takes a file named directly whatever its extension', async () => {
    const { inputs } = await findInputs(['docs/c.docx'], WAV, root);
    expect(inputs.map((input) => input.path)).toEqual(['docs/c.docx']);
  });

  it('skips a FIFO without opening it', async () => {
    const { inputs, skipped } = await findInputs(['pipe.wav'], WAV, root);
    expect(inputs).toEqual([]);
    expect(skipped).toEqual([{ path: 'pipe.wav', code: 'unreadable', message: 'not a regular file (a FIFO): skipped, never read' }]);
  });
});
