import { copyFile, mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { canonicalAlawFile, waveFile } from './support/wav-builder.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-check-'));
  await mkdir(join(root, 'good'), { recursive: true });
  await mkdir(join(root, 'mixed/deep'), { recursive: true });
  await writeFile(join(root, 'good/welcome.wav'), canonicalAlawFile(8000));
  await writeFile(join(root, 'good/MENU.WAV'), canonicalAlawFile(4001));
  await writeFile(join(root, 'mixed/ok.wav'), canonicalAlawFile(100));
  await writeFile(join(root, 'mixed/deep/欢迎.wav'), waveFile({ format: 's16', channels: 2, sampleRate: 44100, samples: new Float32Array(100) }));
  // an MP3 named .wav: check names what it is
  await copyFile(new URL('./fixtures/compressed/speech-cbr.mp3', import.meta.url), join(root, 'mixed/deep/song.wav'));
  // upload/: one compliant file, a link to a file that is not, an MP3 and a VOX
  await mkdir(join(root, 'upload'));
  await writeFile(join(root, 'upload/ok.wav'), canonicalAlawFile(100));
  await symlink('../mixed/deep/欢迎.wav', join(root, 'upload/linked.wav'));
  await copyFile(new URL('./fixtures/compressed/speech-cbr.mp3', import.meta.url), join(root, 'upload/thanks.mp3'));
  await writeFile(join(root, 'upload/menu.vox'), new Uint8Array(400).fill(0x08));
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('voiceprep check', () => {
  it('exits 0 when every file complies and says so', async () => {
    const run = await runCli(['check', 'good'], { cwd: root });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/good\/MENU\.WAV\s+A-law 8000 Hz mono\s+0\.5 s\s+4\.0 KiB\s+ok/);
    expect(run.stdout).toMatch(/2 file\(s\) checked: 2 comply, 0 with problems/);
    expect(run.stderr).toBe('');
  });

  it('exits 1 and gives one line per problem, naming the file and the fix', async () => {
    const run = await runCli(['check', 'mixed'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    const problems = run.stdout.split('\n').filter((line) => line.startsWith('✗'));
    expect(problems).toEqual([
      expect.stringMatching(/^✗ mixed\/deep\/song\.wav: not-wav: MP3 audio \(MPEG-1 Layer III\), not a WAV file: fix with "voiceprep convert/),
      expect.stringMatching(/^✗ mixed\/deep\/欢迎\.wav: name: the name contains '欢' '迎'/),
      expect.stringMatching(/^✗ mixed\/deep\/欢迎\.wav: encoding: 16-bit PCM, not A-law: fix with "voiceprep convert/),
      expect.stringMatching(/^✗ mixed\/deep\/欢迎\.wav: sample-rate: 44100 Hz/),
      expect.stringMatching(/^✗ mixed\/deep\/欢迎\.wav: channels: 2 channels/),
    ]);
    expect(run.stdout).toMatch(/3 file\(s\) checked: 1 comply, 2 with problems/);
  });

  it('prints exactly one JSON document with --json, every file in it', async () => {
    const run = await runCli(['check', 'good', 'mixed', 'absent.wav', '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    const report = JSON.parse(run.stdout);
    expect(report.summary).toEqual({ checked: 6, ok: 3, failed: 3 });
    const absent = report.files.find((f: { path: string }) => f.path === 'absent.wav');
    expect(absent).toEqual({
      path: 'absent.wav',
      ok: false,
      problems: [{ code: 'not-found', message: expect.any(String) }],
      warnings: [],
      format: null,
      bytes: null,
      seconds: null,
    });
    const welcome = report.files.find((f: { path: string }) => f.path === 'good/welcome.wav');
    expect(welcome).toMatchObject({ ok: true, problems: [], bytes: 8058, seconds: 1, format: { encoding: 'A-law', sampleRate: 8000, channels: 1 } });
    // a file that is not WAV keeps every field, with what it really is in `format`
    const song = report.files.find((f: { path: string }) => f.path === 'mixed/deep/song.wav');
    expect(song).toMatchObject({
      ok: false,
      format: { container: 'MP3', encoding: 'MPEG-1 Layer III', formatTag: null, extensible: false, sampleRate: 44100, channels: 1, bitsPerSample: null },
      bytes: 7313,
      seconds: expect.closeTo(0.847, 3),
    });
  });

  it('fails a folder for upload that holds a link to a file that does not comply, an MP3 or a VOX', async () => {
    const run = await runCli(['check', 'upload'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    expect(run.stdout).toMatch(/^✗ upload\/linked\.wav: encoding: /m);
    expect(run.stdout).toMatch(/^✗ upload\/thanks\.mp3: not-wav: MP3 audio .*: fix with "voiceprep convert upload\/thanks\.mp3 -o <folder>"/m);
    expect(run.stdout).toMatch(/^✗ upload\/menu\.vox: not-wav: VOX audio .*: fix with "voiceprep convert/m);
    expect(run.stdout).toMatch(/4 file\(s\) checked: 1 comply, 3 with problems/);
  });

  it('takes an absolute glob, and prints one JSON document', async () => {
    const run = await runCli(['check', join(root, 'good/*.wav'), '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout).summary).toEqual({ checked: 2, ok: 2, failed: 0 });
  });

  it('takes --max-size', async () => {
    const run = await runCli(['check', 'good/welcome.wav', '--max-size', '4KB', '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    expect(JSON.parse(run.stdout).files[0].problems[0].code).toBe('size');
  });

  it.each([
    [['check', 'good', '--bogus']],
    [['check', 'good', '--max-size', 'lots']],
    [['check']],
    [['frobnicate']],
  ])('exits 2 on a usage error: %j', async (args) => {
    const run = await runCli(args, { cwd: root });
    expect(run).toMatchObject({ code: 2 });
    expect(run.stderr).toMatch(/error/i);
    expect(run.stderr).not.toMatch(/\n\s+at /);
  });

  it('exits 2 with the help on stderr when no command is given, 0 when help or the version is asked for', async () => {
    const bare = await runCli([], { cwd: root });
    expect(bare).toMatchObject({ code: 2, stdout: '' });
    expect(bare.stderr).toMatch(/Usage: voiceprep/);
    for (const args of [['--help'], ['convert', '--help'], ['check', '--help'], ['--version']]) {
      const asked = await runCli(args, { cwd: root });
      expect(asked).toMatchObject({ code: 0 });
      expect(asked.stdout).toMatch(/Usage: voiceprep|^\d+\.\d+\.\d+/);
    }
  });

  it('uses no colour when NO_COLOR is set or stdout is not a terminal', async () => {
    const run = await runCli(['check', 'mixed'], { cwd: root, env: { NO_COLOR: '1' } });
    expect(run.stdout).not.toMatch(/\x1b\[/);
  });

  it('lists only the files with problems with --quiet', async () => {
    const run = await runCli(['check', 'good', 'mixed', '--quiet'], { cwd: root });
    expect(run.stdout).not.toMatch(/welcome\.wav/);
    expect(run.stdout).toMatch(/song\.wav/);
  });
});
