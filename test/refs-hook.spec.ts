import { execFile } from 'node:child_process';
import { chmod, mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { SOURCE_EXTENSIONS } from '../src/refs/scan-source.js';
import { BIN } from './support/run-cli.js';
import { canonicalAlawFile } from './support/wav-builder.js';

const run = promisify(execFile);

/** One hook of .pre-commit-hooks.yaml, read as the framework reads it (the fields this hook uses). */
async function hookFromYaml(id: string): Promise<{ entry: string; files: RegExp; exclude: RegExp }> {
  const yaml = await readFile(new URL('../.pre-commit-hooks.yaml', import.meta.url), 'utf8');
  const block = yaml.split(/^- /m).find((part) => part.startsWith(`id: ${id}\n`));
  if (!block) throw new Error(`no hook ${id} in .pre-commit-hooks.yaml`);
  const field = (name: string) => new RegExp(`^\\s*${name}: (.*)$`, 'm').exec(block)?.[1] ?? '';
  // Python's inline (?i) is JavaScript's 'i' flag
  const regex = (source: string) => (source.startsWith('(?i)') ? new RegExp(source.slice(4), 'i') : new RegExp(source));
  return { entry: field('entry'), files: regex(field('files')), exclude: regex(field('exclude') || '^$') };
}

/**
 * A git pre-commit hook that does what the pre-commit framework does for `voiceprep-refs` with `args: [--prompts,
 * prompts]`: the hook's entry, then the args, then the staged files that match `files` and not `exclude`; no such
 * file, no run. `voiceprep` is this build, through a shim on PATH, as `language: node` installs it.
 */
function hookScript(hook: { entry: string; files: RegExp; exclude: RegExp }, shims: string): string {
  return `#!${process.execPath}
const { execFileSync, spawnSync } = require('node:child_process');
const staged = execFileSync('git', ['diff', '--cached', '--name-only', '--diff-filter=ACMR', '-z'], { encoding: 'utf8' }).split('\\0').filter(Boolean);
const files = staged.filter((file) => ${hook.files}.test(file) && !${hook.exclude}.test(file));
if (files.length === 0) process.exit(0);
const [command, ...words] = ${JSON.stringify(hook.entry)}.split(/\\s+/);
const args = [...words, '--prompts', 'prompts', ...files];
const result = spawnSync(command, args, { stdio: 'inherit', env: { ...process.env, PATH: ${JSON.stringify(shims)} + ':' + process.env.PATH } });
process.exit(result.status ?? 1);
`;
}

let repo: string;
const git = (...args: string[]) => run('git', args, { cwd: repo, env: { ...process.env, NO_COLOR: '1' } });

beforeAll(async () => {
  repo = await mkdtemp(join(tmpdir(), 'voiceprep-refs-hook-'));
  const shims = join(repo, '.shims');
  await mkdir(shims);
  await writeFile(join(shims, 'voiceprep'), `#!/bin/sh\nexec "${process.execPath}" "${BIN}" "$@"\n`);
  await chmod(join(shims, 'voiceprep'), 0o755);
  await git('init', '-q');
  await git('config', 'user.email', 'dev@example.com');
  await git('config', 'user.name', 'Dev');
  await git('config', 'commit.gpgsign', 'false');
  await writeFile(join(repo, '.git/info/exclude'), '.shims/\n');
  const hook = join(repo, '.git/hooks/pre-commit');
  await writeFile(hook, hookScript(await hookFromYaml('voiceprep-refs'), shims));
  await chmod(hook, 0o755);
  await mkdir(join(repo, 'prompts'));
  await writeFile(join(repo, 'prompts/welcome.wav'), canonicalAlawFile(800));
  await git('add', 'prompts');
  await git('commit', '-q', '-m', 'prompts');
});

afterAll(() => rm(repo, { recursive: true, force: true }));

describe('the voiceprep-refs hook in a real git repository', () => {
  it("runs on every kind of file refs reads (in any case), and on no prompt or other file", async () => {
    const { files, exclude } = await hookFromYaml('voiceprep-refs');
    for (const extension of SOURCE_EXTENSIONS) expect(files.test(`src/a${extension.toUpperCase()}`) && files.test(`a${extension}`), extension).toBe(true);
    for (const other of ['prompts/a.wav', 'README.md', 'a.jsonl', 'a.c', 'Makefile']) expect(files.test(other), other).toBe(false);
    expect(exclude.test('node_modules/x/a.json') && exclude.test('web/node_modules/x/a.js') && !exclude.test('src/a.ts')).toBe(true);
  });

  it('blocks a commit that names a missing prompt, and passes once the prompt is added', async () => {
    await mkdir(join(repo, 'src'));
    await writeFile(join(repo, 'src/call.ts'), "export const body = { waitVoice: 'welcome.wav', lastMinVoice: 'last_minute.wav' };\n");
    await git('add', 'src');
    const blocked = await git('commit', '-m', 'call').then(() => null, (error: { code: number; stdout: string; stderr: string }) => error);
    expect(blocked?.code).toBe(1);
    // git hands a hook's output to stderr
    expect(blocked?.stderr).toContain('✗ src/call.ts:1:63: missing: last_minute.wav: no file of this name in prompts');
    expect((await git('log', '--format=%s')).stdout).toBe('prompts\n');

    await writeFile(join(repo, 'prompts/last_minute.wav'), canonicalAlawFile(800));
    await git('add', 'prompts');
    await git('commit', '-q', '-m', 'call');
    expect((await git('log', '--format=%s')).stdout).toBe('call\nprompts\n');
  });

  it('passes over what it is not for: a commit of node_modules code or prompts alone', async () => {
    await mkdir(join(repo, 'node_modules/sdk'), { recursive: true });
    await writeFile(join(repo, 'node_modules/sdk/data.json'), '{ "waitVoice": "nowhere.wav" }\n');
    await git('add', '-f', 'node_modules');
    await git('commit', '-q', '-m', 'vendored');
    expect((await git('log', '-1', '--format=%s')).stdout).toBe('vendored\n');
    await writeFile(join(repo, 'prompts/spare.wav'), canonicalAlawFile(80));
    await git('add', 'prompts');
    await git('commit', '-q', '-m', 'spare');
    expect((await git('log', '-1', '--format=%s')).stdout).toBe('spare\n');
  });
});
