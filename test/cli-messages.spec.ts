import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { copyFile, mkdir, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-messages-'));
  await mkdir(join(root, 'rec dir'), { recursive: true });
  const alac = new URL('./fixtures/compressed/tone-alac.caf', import.meta.url);
  await copyFile(alac, join(root, "rec dir/memo's take.caf"));
  // another format under a .wav name: the command must not write over the file it reads
  await copyFile(alac, join(root, 'rec dir/memo.wav'));
  await copyFile(new URL('./fixtures/compressed/speech.webm', import.meta.url), join(root, 'rec dir/$HOME.webm'));
});

afterAll(() => rm(root, { recursive: true, force: true }));

/**
 * Runs each command a refusal suggests in bash, from where voiceprep ran, with ffmpeg a function that hands back
 * the words it was given: what the shell would really pass to ffmpeg.
 */
function suggestedCommands(output: string): string[][] {
  return output
    .split('\n')
    .filter((line) => line.includes('for example: ffmpeg'))
    .map((line) => {
      const command = line.slice(line.indexOf('for example: ') + 'for example: '.length);
      const words = execFileSync('bash', ['-c', `ffmpeg() { printf '%s\\0' "$@"; }; ${command}`], { cwd: root, encoding: 'utf8' });
      return words.split('\0').slice(0, -1);
    });
}

/** An ffmpeg command that would work: its input is the file, its output a new file in a folder that exists. */
function expectRunnable(words: string[], inputs: readonly string[]): void {
  expect(words).toHaveLength(3);
  const [flag, input, output] = words;
  expect(flag).toBe('-i');
  expect(inputs).toContain(input);
  expect(existsSync(resolve(root, input))).toBe(true);
  expect(existsSync(dirname(resolve(root, output)))).toBe(true);
  expect(output).toMatch(/\.wav$/);
  expect(output.toLowerCase()).not.toBe(input.toLowerCase());
}

describe('the ffmpeg command a refusal suggests', () => {
  const inputs = ["rec dir/memo's take.caf", 'rec dir/memo.wav', 'rec dir/$HOME.webm'];

  it('convert: names each file by its path as given, quoted for the shell, and writes beside it', async () => {
    const run = await runCli(['convert', 'rec dir', '-o', 'out'], { cwd: root });
    expect(run.code).toBe(1);
    const commands = suggestedCommands(run.stderr);
    expect(commands).toHaveLength(3);
    for (const words of commands) expectRunnable(words, inputs);
    expect(commands.map((words) => words[1]).sort()).toEqual([...inputs].sort());
  });

  // check searches a folder for every kind of audio (an upload folder holds playback files only), so it names all three
  it('check: the same, for the .wav file that holds another format and for the files in other formats', async () => {
    const run = await runCli(['check', 'rec dir'], { cwd: root });
    expect(run.code).toBe(1);
    const commands = suggestedCommands(run.stdout);
    expect(commands).toHaveLength(3);
    for (const words of commands) expectRunnable(words, inputs);
    expect(commands.map((words) => words[1]).sort()).toEqual([...inputs].sort());
  });
});
