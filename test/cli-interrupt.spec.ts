import { spawn, spawnSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, readdir, rm, utimes, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { basename, join } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { batchTempPath } from '../src/node/temp-files.js';
import { flacBomb } from './support/flac-bomb.js';
import { BIN, runCli } from './support/run-cli.js';
import { canonicalAlawFile } from './support/wav-builder.js';

/**
 * Issue 25, item 8: what a signal or kill -9 leaves behind, as a script sees it from outside. No stack trace ever;
 * no temp file; a report that is whole and true.
 */

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-interrupt-'));
  await mkdir(join(root, 'in'));
  await mkdir(join(root, 'out'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const NO_TRACE = /\n\s+at |Error:|node:internal|EPIPE|ENOSPC/;
const tempsIn = (folder: string) => readdirSync(join(root, folder)).filter((name) => name.endsWith('.voiceprep-tmp'));

/** A pid that was in use a moment ago and is not any more: a process that was killed. */
function deadPid(): number {
  const child = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
  return Number(child.stdout);
}

describe('convert stopped by a signal', () => {
  it('that came while the command was loading: holds it, converts nothing, and prints the whole report', async () => {
    for (const name of ['a.wav', 'b.wav']) await writeFile(join(root, 'in', name), canonicalAlawFile(8000));
    const signalWhileLoading = `--import ${pathToFileURL(fileURLToPath(new URL('./support/signal-while-loading.mjs', import.meta.url))).href}`;
    const run = await runCli(['convert', 'in', '-o', 'out', '--json'], { cwd: root, env: { NODE_OPTIONS: signalWhileLoading }, timeoutMs: 20_000 });
    expect(run.signal).toBeNull();
    expect(run.code).toBe(143);
    expect(run.stderr).not.toMatch(NO_TRACE);
    const report = JSON.parse(run.stdout);
    expect(report.interrupted).toBe(true);
    expect(report.files.map((file: { path: string; problems: { code: string }[] }) => [basename(file.path), file.problems[0]?.code])).toEqual([
      ['a.wav', 'interrupted'],
      ['b.wav', 'interrupted'],
    ]);
    expect(readdirSync(join(root, 'out'))).toEqual([]);
    // check has nothing under way to stop: it says so and ends with the signal's code
    const check = await runCli(['check', 'in', '--json'], { cwd: root, env: { NODE_OPTIONS: signalWhileLoading }, timeoutMs: 20_000 });
    expect([check.code, check.signal, check.stderr]).toEqual([143, null, 'voiceprep: interrupted by SIGTERM before checking anything\n']);
  });

  it('stops the file under way at once, removes its temp file, and prints the whole report into a pipe that drains slowly', async () => {
    // 4458 s at 44.1 kHz in 48 kB; with --trim --level the first pass alone decodes 262 s of it
    await writeFile(join(root, 'in/a-long.flac'), flacBomb({ frames: 3000, value: (frame) => (frame % 2 ? 9000 : -9000) }));
    // enough inputs after it for a report (700 kB) larger than a pipe or a socket holds
    for (let i = 0; i < 1500; i++) await writeFile(join(root, `in/b-${'x'.repeat(100)}-${i}.wav`), '');
    // The report goes into a pipe that nobody reads for the first 2 s, as when a script is busy elsewhere: it fills.
    const reader = spawn('sh', ['-c', 'sleep 2; cat > report.json'], { cwd: root, stdio: ['pipe', 'ignore', 'ignore'] });
    const child = spawn(process.execPath, [BIN, 'convert', 'in', '-o', 'out', '--json', '--trim', '--level', '-26', '-j', '1'], {
      cwd: root,
      stdio: ['ignore', reader.stdin, 'pipe'],
    });
    reader.stdin.destroy();
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const ended = new Promise<number | null>((resolve) => child.on('close', (code) => resolve(code)));
    const read = new Promise((resolve) => reader.on('close', resolve));
    while (tempsIn('out').length === 0 && child.exitCode === null) await new Promise((resolve) => setTimeout(resolve, 2));
    child.kill('SIGTERM');
    expect(await ended).toBe(143);
    await read;
    const stdout = await readFile(join(root, 'report.json'), 'utf8');
    expect(stderr).not.toMatch(NO_TRACE);
    expect(stderr).toMatch(/interrupted by SIGTERM/);
    const report = JSON.parse(stdout);
    expect(report.interrupted).toBe(true);
    expect(report.files).toHaveLength(1501);
    // the conversion under way when the signal came was stopped, not finished first
    expect(report.files[0]).toMatchObject({ path: 'in/a-long.flac', ok: false, problems: [{ code: 'interrupted' }] });
    expect(await readdir(join(root, 'out'))).toEqual([]);
  });
});

describe('temp files left by a run that was killed (kill -9)', () => {
  it('are removed by the next run into that folder, which says so; those of a run still going are left alone', async () => {
    await writeFile(join(root, 'in/hello.wav'), canonicalAlawFile(800));
    const killed = batchTempPath(join(root, 'out/hello.wav')).replace(/-\d+\.voiceprep-tmp$/, `-${deadPid()}.voiceprep-tmp`);
    const running = batchTempPath(join(root, 'out/other.wav'));
    const old = join(root, 'out/.older.wav.0123456789ab.voiceprep-tmp');
    for (const path of [killed, running, old]) await writeFile(path, '');
    await utimes(old, new Date(Date.now() - 2 * 3600_000), new Date(Date.now() - 2 * 3600_000));
    const run = await runCli(['convert', 'in', '-o', 'out', '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 0 });
    expect(JSON.parse(run.stdout).removedTempFiles).toEqual([killed, old].sort());
    expect(run.stderr).toMatch(/removed 2 temp file\(s\) left by a run that was killed: out\/\.(hello|older)\.wav/);
    expect((await readdir(join(root, 'out'))).sort()).toEqual([basename(running), 'hello.wav'].sort());
  });

  it('are removed from the whole output folder, also from a subfolder this run writes nothing into', async () => {
    await writeFile(join(root, 'in/hello.wav'), canonicalAlawFile(800));
    await mkdir(join(root, 'out/sub/deeper'), { recursive: true });
    const killed = batchTempPath(join(root, 'out/sub/deeper/a.wav')).replace(/-\d+\.voiceprep-tmp$/, `-${deadPid()}.voiceprep-tmp`);
    const running = batchTempPath(join(root, 'out/sub/b.wav'));
    for (const path of [killed, running]) await writeFile(path, '');
    const run = await runCli(['convert', 'in', '-o', 'out', '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 0 });
    expect(JSON.parse(run.stdout).removedTempFiles).toEqual([killed]);
    expect(await readdir(join(root, 'out/sub/deeper'))).toEqual([]);
    expect(await readdir(join(root, 'out/sub'))).toEqual([basename(running), 'deeper'].sort());
  });

  it('are a problem for check, which finds them in a folder before it is uploaded', async () => {
    await writeFile(join(root, 'out/hello.wav'), canonicalAlawFile(800));
    await writeFile(join(root, 'out/.hello.wav.0123456789ab.voiceprep-tmp'), '');
    const run = await runCli(['check', 'out', '--json'], { cwd: root });
    expect(run).toMatchObject({ code: 1 });
    const files = JSON.parse(run.stdout).files;
    expect(files.map((file: { path: string; ok: boolean }) => [file.path, file.ok])).toEqual([
      ['out/.hello.wav.0123456789ab.voiceprep-tmp', false],
      ['out/hello.wav', true],
    ]);
    expect(files[0].problems).toEqual([{ code: 'leftover', message: expect.stringMatching(/temp file .* never upload it/) }]);
  });
});
