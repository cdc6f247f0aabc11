import { execFileSync } from 'node:child_process';
import { mkdir, mkdtemp, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { checkPaths } from '../src/node/check-paths.js';
import { mutate, seededRandom } from './support/mutate-wave.js';
import { BIN, type CliRun, runCli } from './support/run-cli.js';
import { SAMPLE_FORMATS, waveFile } from './support/wav-builder.js';

/**
 * The command facing what prompt folders really hold: damaged files, hostile names, links, FIFOs, a disk that
 * fills, two runs at once. In every case: exit 1 when anything failed, every input in the report, one line per
 * problem, no stack trace, and nothing in the output folder but complete, compliant files.
 */

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-hostile-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const tone = (frames: number, channels: number) =>
  Float32Array.from({ length: frames * channels }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * Math.floor(i / channels)) / 44100));
const good = (format = SAMPLE_FORMATS[1]) => waveFile({ format, channels: 2, sampleRate: 44100, samples: tone(4410, 2) });

async function put(path: string | Buffer, bytes: Uint8Array | string): Promise<void> {
  const full = typeof path === 'string' ? join(root, path) : Buffer.concat([Buffer.from(`${root}/`), path]);
  await mkdir(join(root, typeof path === 'string' ? join(path, '..') : 'in'), { recursive: true });
  await writeFile(full, bytes);
}

/** Everything but folders below `folder`, hidden files and links included: what `find -not -type d` shows. */
async function everything(folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => !entry.isDirectory()).map((entry) => relative(join(root, folder), join(entry.parentPath, entry.name))).sort();
}

interface ReportFile {
  path: string;
  ok: boolean;
  problems: { code: string; message: string }[];
  output: { path: string } | null;
}

/** The promises every run makes, whatever went in. */
async function expectCleanOutcome(run: CliRun, human: CliRun, inputs: number, folder = 'out'): Promise<ReportFile[]> {
  expect(run).toMatchObject({ code: 1, signal: null });
  const files: ReportFile[] = JSON.parse(run.stdout).files;
  expect(files).toHaveLength(inputs);
  // only complete outputs of the files reported converted, and nothing else (no temp files)
  const outputs = files.filter((file) => file.ok).map((file) => relative(join(root, folder), file.output?.path ?? ''));
  expect(await everything(folder)).toEqual(outputs.sort());
  const checked = await checkPaths([join(root, folder)]);
  expect(checked.summary).toMatchObject({ checked: outputs.length, failed: 0 });
  // for people: one line per problem, each naming its file, and never a stack trace
  expect(human.stderr).not.toMatch(/\n\s+at |Error:|node:internal/);
  const problemLines = human.stderr.split('\n').filter((line) => line.startsWith('✗'));
  expect(problemLines).toHaveLength(files.reduce((sum, file) => sum + file.problems.length, 0));
  return files;
}

describe('voiceprep convert on hostile input', () => {
  it('reports every one of a folder of damaged files and converts the good ones', async () => {
    for (const [n, format] of SAMPLE_FORMATS.entries()) {
      await put(`in/good-${format}.wav`, good(format));
      for (let k = 0; k < 5; k++) {
        const { bytes } = mutate(good(format), seededRandom(1000 * n + k));
        await put(`in/damaged/${format}-${k}.wav`, bytes);
      }
    }
    const args = ['convert', 'in', '-o', 'out'];
    const run = await runCli([...args, '--json'], { cwd: root });
    const human = await runCli([...args.slice(0, -1), 'out-human'], { cwd: root });
    const files = await expectCleanOutcome(run, human, 48);
    for (const format of SAMPLE_FORMATS) expect(files.find((file) => file.path === `in/good-${format}.wav`)?.ok).toBe(true);
    expect(files.filter((file) => !file.ok).length).toBeGreaterThan(5);
  });

  it('handles hostile names: .., a leading -, newlines, bytes that are not UTF-8; link loops; reports FIFOs unread', async () => {
    await put('in/a..b.wav', good());
    await put('in/..hidden.wav', good());
    await put('in/-rf.wav', good());
    await put('in/line\nbreak.wav', good());
    await put(Buffer.concat([Buffer.from('in/bad'), Buffer.from([0xff, 0xfe]), Buffer.from('.wav')]), good());
    await symlink('.', join(root, 'in/loop'));
    await symlink('x', join(root, 'in/y'));
    await symlink('y', join(root, 'in/x'));
    execFileSync('mkfifo', [join(root, 'in/pipe.wav')]);
    const run = await runCli(['convert', 'in', '-o', 'out', '--json'], { cwd: root, timeoutMs: 30_000 });
    const human = await runCli(['convert', 'in', '-o', 'out-human'], { cwd: root, timeoutMs: 30_000 });
    const files = await expectCleanOutcome(run, human, 6);
    const byName = Object.fromEntries(files.map((file) => [file.path, file]));
    expect(byName['in/pipe.wav'].problems).toEqual([{ code: 'unreadable', message: 'not a regular file (a FIFO): skipped, never read' }]);
    expect(relative(join(root, 'out'), byName['in/a..b.wav'].output?.path ?? '')).toBe('a..b.wav');
    expect(relative(join(root, 'out'), byName['in/-rf.wav'].output?.path ?? '')).toBe('rf.wav');
    expect(relative(join(root, 'out'), byName['in/line\nbreak.wav'].output?.path ?? '')).toBe('line_break.wav');
    const unnamable = files.find((file) => file.path.includes('\uFFFD'));
    expect(unnamable?.problems[0].message).toMatch(/not valid UTF-8/);
    // a newline in a name is shown escaped, so that each report line stays one line
    expect(human.stdout).toMatch(/in\/line\\nbreak\.wav/);
    expect(human.stderr).toMatch(/^✗ in\/bad\uFFFD\uFFFD\.wav: .*not valid UTF-8/m);
  });

  it('leaves nothing partial when the disk refuses a write (the process file-size limit, EFBIG)', async () => {
    await put('in/small.wav', waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: tone(800, 1) }));
    await put('in/large.wav', waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: tone(40000, 1) }));
    // ulimit -f counts 512-byte blocks: 20 of them let the 1.7 KB output through and stop the 40 KB one part way
    const limited = (extra: string[]) =>
      runCli(['-c', `ulimit -f 20; exec "${process.execPath}" "${BIN}" convert in -o out ${extra.join(' ')}`], { cwd: root, command: 'bash' });
    const run = await limited(['--json']);
    await rm(join(root, 'out'), { recursive: true });
    const human = await limited([]);
    const files = await expectCleanOutcome(run, human, 2);
    expect(files.find((file) => file.path === 'in/large.wav')?.problems).toEqual([
      { code: 'write-failed', message: expect.stringMatching(/file size limit.*nothing partial was left/) },
    ]);
  });

  it('lets two runs into one folder at once finish without clobbering each other', async () => {
    for (let i = 0; i < 12; i++) await put(`in/p${i}.wav`, good());
    const [first, second] = await Promise.all([
      runCli(['convert', 'in', '-o', 'out', '--json', '-j', '1'], { cwd: root }),
      runCli(['convert', 'in', '-o', 'out', '--json', '-j', '1'], { cwd: root }),
    ]);
    expect(first).toMatchObject({ code: 0 });
    expect(second).toMatchObject({ code: 0 });
    expect(await everything('out')).toEqual(Array.from({ length: 12 }, (_, i) => `p${i}.wav`).sort());
    const outcomes = [first, second].flatMap((run) => JSON.parse(run.stdout).files.map((f: { output: { outcome: string } }) => f.output.outcome));
    expect(outcomes.filter((outcome) => outcome === 'written')).toHaveLength(12);
    expect((await checkPaths([join(root, 'out')])).summary.failed).toBe(0);
  });
});
