import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { waveFile } from '../../test/support/wav-builder.js';
import { main } from './main.js';
import type { CliIo } from './output.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-progress-'));
  await mkdir(join(root, 'in'));
  const samples = Float32Array.from({ length: 44100 }, (_, i) => 0.3 * Math.sin(i / 5));
  for (const name of ['a', 'b', 'c']) await writeFile(join(root, 'in', `${name}.wav`), waveFile({ format: 's16', channels: 1, sampleRate: 44100, samples }));
});
afterEach(() => rm(root, { recursive: true, force: true }));

/** Runs the command in this process with captured streams; `terminal` makes stderr claim to be a TTY. */
async function run(args: string[], terminal: boolean): Promise<{ code: number; stdout: string; stderr: string }> {
  const capture = (isTTY: boolean) => {
    const stream = Object.assign(new PassThrough(), { isTTY, columns: 100 });
    let text = '';
    stream.on('data', (chunk: Buffer) => (text += chunk.toString()));
    return { stream, text: () => text };
  };
  const stdout = capture(false);
  const stderr = capture(terminal);
  const io: CliIo = { stdout: stdout.stream, stderr: stderr.stream, colors: false };
  const code = await main(['convert', join(root, 'in'), '-o', join(root, 'out'), '-j', '1', ...args], io);
  return { code, stdout: stdout.text(), stderr: stderr.text() };
}

describe('convert progress', () => {
  it('draws a bar on a terminal: files done of the total, the current file, an ETA', async () => {
    const { code, stderr } = await run([], true);
    expect(code).toBe(0);
    expect(stderr).toMatch(/converting \[.*\] [0-3]\/3 files \| ETA .* \| .*\.wav/);
    expect(stderr).toMatch(/ 3\/3 files/);
  });

  it('draws nothing when stderr is not a terminal, or with --quiet', async () => {
    expect((await run([], false)).stderr).toBe('');
    expect((await run(['--quiet', '--force'], true)).stderr).toBe('');
  });
});
