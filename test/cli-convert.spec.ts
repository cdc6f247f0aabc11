import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPaths } from '../src/node/check-paths.js';
import { runCli } from './support/run-cli.js';
import { asciiBytes, buildRiff, canonicalAlawFile, fmtBody, waveFile } from './support/wav-builder.js';

let root: string;

beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-convert-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const tone = (seconds: number, rate: number, channels: number) =>
  Float32Array.from({ length: Math.round(seconds * rate) * channels }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * Math.floor(i / channels)) / rate));

async function put(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), bytes);
}

const stereo44 = (seconds = 0.2) => waveFile({ format: 's16', channels: 2, sampleRate: 44100, samples: tone(seconds, 44100, 2) });

/** Every file below `folder`, relative to it, temp files included: what a user would see with `find`. */
async function listFiles(folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  return entries
    .filter((entry) => entry.isFile())
    .map((entry) => relative(join(root, folder), join(entry.parentPath, entry.name)))
    .sort();
}

describe('voiceprep convert -o', () => {
  it('converts folders recursively, renames to the platform rules, mirrors subfolders, and reports old -> new', async () => {
    await put('in/欢迎致电.wav', stereo44());
    await put('in/sub/こんにちは.wav', stereo44());
    await put('in/sub/hold 😀 music.WAV', stereo44());
    await put('in/sub/Hold_music.wav', stereo44());
    await put('in/ok.wav', canonicalAlawFile(801));
    const run = await runCli(['convert', 'in', '-o', 'out', '--json', '-j', '2'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run).toMatchObject({ code: 0 });
    expect(await listFiles('out')).toEqual(['huanyingzhidian.wav', 'ok.wav', 'sub/Hold_music.wav', 'sub/hold_music-2.wav', 'sub/konnitiha.wav'].sort());
    const report = JSON.parse(run.stdout);
    expect(report.summary).toMatchObject({ checked: 5, ok: 5, failed: 0 });
    const byInput = Object.fromEntries(report.files.map((f: { path: string; output: { path: string } }) => [f.path, relative(root, f.output.path)]));
    expect(byInput['in/欢迎致电.wav']).toBe('out/huanyingzhidian.wav');
    expect(byInput['in/sub/hold 😀 music.WAV']).toMatch(/^out\/sub\/hold_music(-2)?\.wav$/);
    expect(await readFile(join(root, 'out/ok.wav'))).toEqual(Buffer.from(canonicalAlawFile(801)));
    const checked = await checkPaths(['out'], {}, root);
    expect(checked.summary).toEqual({ checked: 5, ok: 5, failed: 0 });
    for (const file of checked.files) expect(file.warnings).toEqual([]);
  });

  it('gives every compliant file, whatever its layout, in the canonical layout with its samples as they were, and leaves one in place as it is', async () => {
    // A-law 8 kHz mono with an 18-byte fmt, a LIST chunk and a fact chunk: compliant, but check warns of the LIST
    const samples = Uint8Array.from({ length: 1601 }, (_, i) => (i * 37) & 0xff);
    const tagged = buildRiff([
      { id: 'fmt ', body: fmtBody({ formatTag: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8, cbSize: 0 }) },
      { id: 'LIST', body: asciiBytes('INFOINAM\x06\x00\x00\x00Hello\x00') },
      { id: 'fact', body: Uint8Array.of(0x41, 0x06, 0, 0) },
      { id: 'data', body: samples },
    ]);
    await put('in/tagged.wav', tagged);
    await put('in/plain.wav', canonicalAlawFile(1601, 0x55));
    const run = await runCli(['convert', 'in', '-o', 'out', '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(await readFile(join(root, 'out/plain.wav'))).toEqual(Buffer.from(canonicalAlawFile(1601, 0x55)));
    expect((await readFile(join(root, 'out/tagged.wav'))).subarray(58, 58 + 1601)).toEqual(Buffer.from(samples));
    for (const file of JSON.parse(run.stdout).files) expect(file).toMatchObject({ ok: true, conversion: { passThrough: true } });
    const checked = await checkPaths(['out'], {}, root);
    for (const file of checked.files) expect(file).toMatchObject({ ok: true, warnings: [] });
    // in place, a file that complies as it is is left as it is
    const again = await runCli(['convert', 'in/plain.wav', '--in-place', '--json'], { cwd: root });
    expect(JSON.parse(again.stdout).files[0]).toMatchObject({ ok: true, output: { outcome: 'unchanged' } });
  });

  it('converts a batch on two threads, each worker holding a queued file, to the same bytes as on one', async () => {
    // more files than threads, of unequal lengths, so that workers take queued files while others still convert
    const seconds = [0.9, 0.1, 0.5, 0.3, 0.7, 0.2, 0.4, 0.6];
    for (const [i, length] of seconds.entries()) await put(`in/p${i}.wav`, stereo44(length));
    const two = await runCli(['convert', 'in', '-o', 'out2', '--json', '-j', '2'], { cwd: root });
    const one = await runCli(['convert', 'in', '-o', 'out1', '--json', '-j', '1'], { cwd: root });
    expect([two.code, two.stderr, one.code]).toEqual([0, '', 0]);
    expect(JSON.parse(two.stdout).files.map((f: { path: string }) => f.path)).toEqual(seconds.map((_, i) => `in/p${i}.wav`));
    expect(await listFiles('out2')).toEqual(await listFiles('out1'));
    for (const name of await listFiles('out1')) expect(await readFile(join(root, 'out2', name))).toEqual(await readFile(join(root, 'out1', name)));
  });

  it('prints a table with old -> new names and a summary on a human run', async () => {
    await put('in/欢迎.wav', stereo44());
    const run = await runCli(['convert', 'in', '-o', 'out'], { cwd: root });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stdout).toMatch(/in\/欢迎\.wav\s+out\/huanying\.wav \(renamed\)\s+0\.2 s/);
    expect(run.stdout).toMatch(/1 file\(s\): 1 converted into out, 0 failed/);
  });

  it('gives the same bytes on a second run and leaves them untouched', async () => {
    await put('in/a.wav', stereo44());
    await runCli(['convert', 'in', '-o', 'out'], { cwd: root });
    const first = await readFile(join(root, 'out/a.wav'));
    const again = await runCli(['convert', 'in', '-o', 'out', '--json'], { cwd: root });
    expect(again).toMatchObject({ code: 0 });
    expect(JSON.parse(again.stdout).files[0].output.outcome).toBe('unchanged');
    expect(await readFile(join(root, 'out/a.wav'))).toEqual(first);
  });

  it('never overwrites a different file without --force', async () => {
    await put('in/a.wav', stereo44());
    await put('out/a.wav', 'precious');
    const run = await runCli(['convert', 'in', '-o', 'out'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    expect(run.stderr).toMatch(/in\/a\.wav: a different file is already at .*--force/);
    expect(await readFile(join(root, 'out/a.wav'), 'utf8')).toBe('precious');
    const forced = await runCli(['convert', 'in', '-o', 'out', '--force'], { cwd: root });
    expect(forced).toMatchObject({ code: 0 });
    expect((await readFile(join(root, 'out/a.wav'))).subarray(0, 4).toString()).toBe('RIFF');
  });

  it('with --keep-names, writes nothing for a bad name and says why', async () => {
    await put('in/bad name.wav', stereo44());
    await put('in/good.wav', stereo44());
    const run = await runCli(['convert', 'in', '-o', 'out', '--keep-names'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    expect(run.stderr).toMatch(/in\/bad name\.wav: the name contains ' ' \(space\).*--keep-names/);
    expect(await listFiles('out')).toEqual(['good.wav']);
  });

  it('refuses a file too large before decoding it, and --trim cuts it to fit with a fade', async () => {
    await put('in/long.wav', waveFile({ format: 'u8', channels: 1, sampleRate: 8000, samples: tone(3, 8000, 1) }));
    const refused = await runCli(['convert', 'in', '-o', 'out', '--max-size', '16KB'], { cwd: root });
    expect(refused).toMatchObject({ code: 1 });
    expect(refused.stderr).toMatch(/in\/long\.wav: 3\.0 s of audio makes a 24058 byte file; 16384 bytes hold 2\.0 s: use --trim/);
    expect(existsSync(join(root, 'out/long.wav'))).toBe(false);
    const trimmed = await runCli(['convert', 'in', '-o', 'out', '--max-size', '16KB', '--trim', '--json'], { cwd: root });
    expect(trimmed).toMatchObject({ code: 0 });
    const file = JSON.parse(trimmed.stdout).files[0];
    expect(file.output.bytes).toBeLessThanOrEqual(16384);
    expect(file.output.bytes).toBeGreaterThan(16384 - 2);
    expect(file.conversion.trimmed).toBe(true);
  });

  it('reports clipping and suggests --normalize', async () => {
    await put('in/loud.wav', waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples: tone(0.5, 8000, 1).map((x) => x * 4) }));
    const run = await runCli(['convert', 'in', '-o', 'out'], { cwd: root });
    expect(run).toMatchObject({ code: 0 });
    expect(run.stderr).toMatch(/in\/loud\.wav: \d+ samples clipped .*--normalize/);
    const normalized = await runCli(['convert', 'in', '-o', 'out2', '--normalize', '--json'], { cwd: root });
    expect(JSON.parse(normalized.stdout).files[0].conversion).toMatchObject({ clippedSamples: 0 });
  });

  it('keeps going past bad files: exit 1, one line each, no stack trace, good files converted, nothing stray', async () => {
    await put('in/good.wav', stereo44());
    await put('in/empty.wav', '');
    await put('in/song.wav', 'ID3\x03\x00\x00\x00\x00\x00\x00 fake mp3');
    await put('in/cut.wav', stereo44(1).subarray(0, 30));
    await put('in/adpcm.wav', waveFile({ format: 'u8', channels: 1, sampleRate: 8000, samples: tone(0.1, 8000, 1) }).map((b, i) => (i === 20 ? 0x11 : b)));
    const run = await runCli(['convert', 'in', 'missing.wav', '-o', 'out', '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    const report = JSON.parse(run.stdout);
    const codes = Object.fromEntries(report.files.map((f: { path: string; problems: { code: string }[] }) => [f.path, f.problems.map((p) => p.code)]));
    expect(codes).toEqual({
      'missing.wav': ['not-found'],
      'in/adpcm.wav': ['unsupported'],
      'in/cut.wav': ['malformed'],
      'in/empty.wav': ['not-wav'],
      'in/good.wav': [],
      // MP3 by its content (so not 'not-wav'), and broken: nothing but a tag
      'in/song.wav': ['malformed'],
    });
    expect(await listFiles('out')).toEqual(['good.wav']);
    const human = await runCli(['convert', 'in', '-o', 'out2'], { cwd: root });
    expect(human.stderr).not.toMatch(/\n\s+at /);
    for (const line of human.stderr.trim().split('\n')) expect(line).toMatch(/^[✗!] in\/\S+\.wav: /);
  });

  it('never writes outside the output folder, even through a symbolic link, nor creates a folder there', async () => {
    await put('in/sub/a.wav', stereo44());
    await put('in/sub/deeper/still/b.wav', stereo44());
    await mkdir(join(root, 'out'), { recursive: true });
    await mkdir(join(root, 'elsewhere'));
    await symlink(join(root, 'elsewhere'), join(root, 'out/sub'));
    const run = await runCli(['convert', 'in', '-o', 'out'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    expect(run.stderr).toMatch(/outside the output folder/);
    expect(await readdir(join(root, 'elsewhere'))).toEqual([]);
  });

  it('says in plain words that -o names a file, not a folder', async () => {
    await put('a.wav', stereo44());
    await put('out.wav', 'a file');
    const onFile = await runCli(['convert', 'a.wav', '-o', 'out.wav'], { cwd: root, timeoutMs: 20_000 });
    expect(onFile).toMatchObject({ code: 1, signal: null });
    expect(onFile.stderr).toMatch(/^✗ a\.wav: -o out\.wav is a file, not a folder$/m);
    expect(onFile.stderr).not.toMatch(/EEXIST|\n\s+at /);
  });

  it('ends where the output folder cannot be made at all (under /proc), and says why', async () => {
    await put('a.wav', stereo44());
    // Node's own recursive mkdir spins forever here
    const underProc = await runCli(['convert', 'a.wav', '-o', '/proc/voiceprep-test'], { cwd: root, timeoutMs: 20_000 });
    expect(underProc).toMatchObject({ code: 1, signal: null });
    expect(underProc.stderr).toMatch(/^✗ a\.wav: cannot create -o \/proc\/voiceprep-test: \/proc does not allow new folders in it$/m);
  });

  it('does not pick up its own output when the output folder is inside an input folder', async () => {
    await put('a.wav', stereo44());
    await runCli(['convert', '.', '-o', 'out'], { cwd: root });
    const again = await runCli(['convert', '.', '-o', 'out', '--json'], { cwd: root });
    expect(JSON.parse(again.stdout).files.map((f: { path: string }) => f.path)).toEqual(['a.wav']);
    expect(await listFiles('out')).toEqual(['a.wav']);
  });

  it('gives a line to each file it finds inside an output folder that lies inside an input folder', async () => {
    await put('lib/a.wav', stereo44());
    await put('lib/hold/music.wav', stereo44());
    const run = await runCli(['convert', 'lib', '-o', 'lib/hold', '--json'], { cwd: root });
    expect(run.code).toBe(1);
    const files = JSON.parse(run.stdout).files.map((f: { path: string; problems: Array<{ code: string }> }) => [f.path, f.problems.map((p) => p.code)]);
    expect(files).toEqual([
      ['lib/hold/music.wav', ['inside-output']],
      ['lib/a.wav', []],
    ]);
    const human = await runCli(['convert', 'lib', '-o', 'lib/hold'], { cwd: root });
    // a.wav is up to date, and its output lib/hold/a.wav is not taken for an input
    expect(human.stdout).toMatch(/^lib\/a\.wav +lib\/hold\/a\.wav .* up to date$/m);
    expect(human.stderr).toMatch(/^✗ lib\/hold\/music\.wav: not converted: it is inside the output folder lib\/hold/m);
    expect(await listFiles('lib')).toEqual(['a.wav', 'hold/a.wav', 'hold/music.wav']);
  });

  it('refuses an output folder that is an input folder, before reading anything (exit 2)', async () => {
    await put('lib/a.mp3', 'x');
    for (const output of ['lib', './lib/']) {
      const run = await runCli(['convert', 'lib', '-o', output, '--json'], { cwd: root });
      expect(run).toMatchObject({ code: 2, stdout: '' });
      expect(run.stderr).toMatch(/^error: the output folder \S+ is the folder lib searched for inputs: give an output folder outside it, or --in-place/);
    }
    expect(await listFiles('lib')).toEqual(['a.mp3']);
  });

  it('takes an absolute glob, and prints one JSON document', async () => {
    await put('in/a.wav', stereo44());
    const run = await runCli(['convert', join(root, 'in/*.wav'), '-o', 'out', '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(JSON.parse(run.stdout).files.map((f: { path: string }) => f.path)).toEqual([join(root, 'in/a.wav')]);
    expect(await listFiles('out')).toEqual(['a.wav']);
  });
});

describe('voiceprep convert --in-place', () => {
  it('replaces each input with its converted file, renaming where the platform needs it', async () => {
    await put('p/hello.wav', stereo44());
    await put('p/再见.wav', stereo44());
    const run = await runCli(['convert', 'p', '--in-place'], { cwd: root });
    expect(run).toMatchObject({ code: 0 });
    expect(await listFiles('p')).toEqual(['hello.wav', 'zaijian.wav']);
    const checked = await checkPaths(['p'], {}, root);
    expect(checked.summary.failed).toBe(0);
  });

  it('leaves the input untouched when its conversion fails', async () => {
    const broken = Buffer.from('RIFF\x04\x00\x00\x00WAVE');
    await put('p/broken.wav', broken);
    const run = await runCli(['convert', 'p', '--in-place'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    expect(await readFile(join(root, 'p/broken.wav'))).toEqual(broken);
    expect(await listFiles('p')).toEqual(['broken.wav']);
  });
});

describe('voiceprep convert: usage and interruption', () => {
  it.each([[['convert', 'in']], [['convert', 'in', '-o', 'out', '--in-place']], [['convert', 'in', '-o', 'out', '--jobs', '0']], [['convert', 'in', '-o', 'out', '--max-size', '-1']]])(
    'exits 2 on %j',
    async (args) => {
      const run = await runCli(args, { cwd: root });
      expect(run).toMatchObject({ code: 2 });
      expect(run.stderr).toMatch(/error/);
    },
  );

  it.each(['SIGINT', 'SIGTERM'] as const)('on %s keeps finished files, removes partial ones and says what was done', async (signal) => {
    const minute = waveFile({ format: 's16', channels: 2, sampleRate: 48000, samples: tone(60, 48000, 2) });
    for (let i = 0; i < 8; i++) await put(`in/f${i}.wav`, minute);
    // Signal as soon as the first output is complete, so that some files are done and others under way.
    const firstDone = () => existsSync(join(root, 'out/f0.wav'));
    const run = await runCli(['convert', 'in', '-o', 'out', '--json', '-j', '1'], { cwd: root, signal: { name: signal, when: firstDone } });
    expect(run).toMatchObject({ code: signal === 'SIGINT' ? 130 : 143 });
    expect(run.stderr).toMatch(new RegExp(`interrupted by ${signal}`));
    const report = JSON.parse(run.stdout);
    expect(report.interrupted).toBe(true);
    expect(report.files).toHaveLength(8);
    expect(report.files.filter((f: { ok: boolean }) => !f.ok).length).toBeGreaterThan(0);
    const done = report.files.filter((f: { ok: boolean }) => f.ok).map((f: { output: { path: string } }) => relative(join(root, 'out'), f.output.path));
    expect(await listFiles('out')).toEqual(done.sort());
    expect(report.files.filter((f: { ok: boolean }) => !f.ok).every((f: { problems: { code: string }[] }) => f.problems[0].code === 'interrupted')).toBe(true);
    const checked = await checkPaths(['out'], {}, root);
    expect(checked.summary.failed).toBe(0);
  });
});
