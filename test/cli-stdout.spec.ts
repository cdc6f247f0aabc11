import { spawn } from 'node:child_process';
import { closeSync, existsSync, openSync } from 'node:fs';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { BIN } from './support/run-cli.js';
import { canonicalAlawFile } from './support/wav-builder.js';

/** Issue 25, item 11: a stdout that fails is never a stack trace. */

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-stdout-'));
  await mkdir(join(root, 'out'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

describe('a stdout that fails', () => {
  beforeEach(async () => {
    for (let i = 0; i < 200; i++) await writeFile(join(root, `out/prompt-${i}.wav`), canonicalAlawFile(800));
  });

  it('closed by its reader (check | head): stops quietly, no stack trace', async () => {
    const child = spawn(process.execPath, [BIN, 'check', 'out'], { cwd: root, stdio: ['ignore', 'pipe', 'pipe'] });
    child.stdout.destroy();
    let stderr = '';
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('');
    expect(code).toBe(0);
  });

  it('on a full disk (--json > /dev/full): one plain line on stderr, and exit 1 although every file complies', async () => {
    expect(existsSync('/dev/full')).toBe(true);
    const full = openSync('/dev/full', 'w');
    const child = spawn(process.execPath, [BIN, 'check', 'out', '--json'], { cwd: root, stdio: ['ignore', full, 'pipe'] });
    closeSync(full);
    let stderr = '';
    child.stderr?.on('data', (data: Buffer) => (stderr += data.toString()));
    const code = await new Promise((resolve) => child.on('close', resolve));
    expect(stderr).toBe('voiceprep: could not write the report to standard output: no space left on the device\n');
    expect(code).toBe(1);
  });
});
