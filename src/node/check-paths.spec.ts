import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
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
  // upload/: a folder meant for upload, holding what does not belong there
  await mkdir(join(root, 'upload'));
  await writeFile(join(root, 'upload/ok.wav'), canonicalAlawFile(100));
  await copyFile(new URL('../../test/fixtures/compressed/speech-cbr.mp3', import.meta.url), join(root, 'upload/song.mp3'));
  await writeFile(join(root, 'upload/menu.vox'), new Uint8Array(400).fill(0x08));
  await writeFile(join(root, 'upload/._ok.wav'), Buffer.from('00051607000200004d6163204f532058', 'hex'));
  await symlink(join(root, 'prompts/sub/pcm.wav'), join(root, 'upload/linked.wav'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('checkPaths', () => {
  it('searches folders recursively for .wav in any case, and reports every file found, audio or not', async () => {
    const result = await checkPaths(['prompts'], {}, root);
    expect(result.files.map((f) => [f.path, f.ok])).toEqual([
      [join('prompts', 'good.wav'), true],
      [join('prompts', 'readme.txt'), false],
      [join('prompts', 'sub/LOUD.WAV'), true],
      [join('prompts', 'sub/pcm.wav'), false],
    ]);
    expect(result.files[1].problems.map((p) => p.code)).toEqual(['name', 'not-wav']);
    expect(result.summary).toEqual({ checked: 4, ok: 2, failed: 2 });
  });

  it('gives every file a folder search finds a line: audio it cannot read, a WAV with no extension, text', async () => {
    await mkdir(join(root, 'up3'));
    await writeFile(join(root, 'up3/good.wav'), canonicalAlawFile(100));
    await writeFile(join(root, 'up3/a.w64'), Buffer.concat([Buffer.from('riff'), Buffer.alloc(60, 1)]));
    await writeFile(join(root, 'up3/b.wv'), Buffer.concat([Buffer.from('wvpk'), Buffer.alloc(60, 1)]));
    await writeFile(join(root, 'up3/noext'), canonicalAlawFile(100));
    await writeFile(join(root, 'up3/notes.txt'), 'what each prompt says\n');
    const result = await checkPaths(['up3'], {}, root);
    expect(result.files.map((f) => [f.path, f.problems.map((p) => p.code)])).toEqual([
      [join('up3', 'a.w64'), ['name', 'not-wav']],
      [join('up3', 'b.wv'), ['name', 'not-wav']],
      [join('up3', 'good.wav'), []],
      [join('up3', 'noext'), ['name']],
      [join('up3', 'notes.txt'), ['name', 'not-wav']],
    ]);
    expect(result.summary).toEqual({ checked: 5, ok: 1, failed: 4 });
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

  it('reports every other audio file in a folder, links to files, and the metadata files a Mac leaves', async () => {
    const result = await checkPaths(['upload'], {}, root);
    expect(result.files.map((f) => [f.path, f.problems.map((p) => p.code)])).toEqual([
      [join('upload', 'linked.wav'), ['encoding']],
      [join('upload', 'menu.vox'), ['name', 'not-wav']],
      [join('upload', 'ok.wav'), []],
      [join('upload', 'song.mp3'), ['name', 'not-wav']],
      [join('upload', '._ok.wav'), ['not-wav']],
    ]);
    expect(result.files[3].problems[1].message).toMatch(/^MP3 audio .*fix with "voiceprep convert/);
    expect(result.files[4].problems[0].message).toMatch(/^a macOS metadata file .* beside ok\.wav.*not audio: delete it/);
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
