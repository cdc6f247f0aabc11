import { execFileSync } from 'node:child_process';
import { lstat, mkdir, mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { waveFile } from './support/wav-builder.js';

/** What convert may replace: only regular files, and under --in-place only an input that is whole. */

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-replace-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const tone = Float32Array.from({ length: 8820 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44100));
const good = () => Buffer.from(waveFile({ format: 's16', channels: 1, sampleRate: 44100, samples: tone }));

async function put(path: string, bytes: Uint8Array | string): Promise<void> {
  await mkdir(join(root, path, '..'), { recursive: true });
  await writeFile(join(root, path), bytes);
}

describe('voiceprep convert: what it replaces', () => {
  it('--in-place replaces no input shorter than its header says (its writer paused), whatever its new name', async () => {
    // the header claims all of the data, as a writer that fills it in first does; the end is not written yet
    const partial = good().subarray(0, -3000);
    await put('p/recording.wav', partial);
    await put('p/再见.wav', partial);
    await put('p/whole.wav', good());
    const run = await runCli(['convert', 'p', '--in-place'], { cwd: root });
    expect(run.code).toBe(1);
    for (const name of ['recording.wav', '再见.wav']) {
      expect(run.stderr).toContain(`✗ p/${name}: it is shorter than its header says: is it still being written? not replaced`);
      expect((await readFile(join(root, 'p', name))).equals(partial)).toBe(true);
    }
    expect((await readdir(join(root, 'p'))).sort()).toEqual(['recording.wav', 'whole.wav', '再见.wav'].sort());
  });

  it('never replaces a FIFO or a device node at an output path, even with -f', { timeout: 20_000 }, async () => {
    await put('in/pipe.wav', good());
    await put('in/null.wav', good());
    await mkdir(join(root, 'out'));
    execFileSync('mkfifo', [join(root, 'out/pipe.wav')]);
    // a node for the null device, made in this temp folder (never in /dev itself); only root may make one
    const device = process.getuid?.() === 0;
    if (device) execFileSync('mknod', [join(root, 'out/null.wav'), 'c', '1', '3']);
    else await rm(join(root, 'in/null.wav'));
    const run = await runCli(['convert', 'in', '-o', 'out', '-f'], { cwd: root, timeoutMs: 15_000 });
    expect(run.code).toBe(1);
    expect(run.stderr).toMatch(/✗ in\/pipe\.wav: \S+out\/pipe\.wav is a FIFO \(named pipe\), not a regular file: voiceprep never replaces one/);
    expect((await lstat(join(root, 'out/pipe.wav'))).isFIFO()).toBe(true);
    if (device) {
      expect(run.stderr).toMatch(/✗ in\/null\.wav: \S+out\/null\.wav is a device, not a regular file: voiceprep never replaces one/);
      expect((await lstat(join(root, 'out/null.wav'))).isCharacterDevice()).toBe(true);
    }
  });
});
