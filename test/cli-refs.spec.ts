import { mkdir, mkdtemp, readFile, rename, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { canonicalAlawFile, waveFile } from './support/wav-builder.js';

/**
 * The bar of issue 23: a repository with request bodies in JSON, a Java service, a Python script and a TypeScript
 * client naming 20 prompts in the forms the issue lists; 3 missing, 2 non-compliant, 1 with a name the platform
 * rejects (a file by that name exists), 2 prompts no code names. Decoys: the same kind of text in comments and
 * docstrings, under node_modules, and given to keys that are not playback keys.
 */
const SOURCES: Record<string, string[]> = {
  'api/requests/callback.json': [
    '{',
    '  "bindNum": "+8675500000000",',
    '  "waitVoice": "welcome_wait.wav",',
    '  "playPreVoice": "true",',
    '  "preVoice": "pre_dial.wav",',
    '  "lastMinVoice": "last_minute.wav",',
    '  "recordFlag": "true", "recordHintTone": "record_hint.wav",',
    '  "description": "decoy_unrelated_key.wav"',
    '}',
  ],
  'api/requests/notify.json': [
    '{',
    '  "playInfoList": [',
    '    { "notifyVoice": "notice_1.wav" },',
    '    { "notifyVoice": "notice_2.wav" },',
    '    { "notifyVoice": "notice_3.wav", "templateId": "decoy_template.wav" }',
    '  ]',
    '}',
  ],
  'service/src/main/java/com/example/CallService.java': [
    'package com.example;',
    '',
    'import java.util.HashMap;',
    'import java.util.Map;',
    '',
    '/** Places calls. Old code did setLastMinVoice("decoy_javadoc.wav"). */',
    'public class CallService {',
    '  private String waitVoice;',
    '',
    '  public void setWaitVoice(String waitVoice) { this.waitVoice = waitVoice; }',
    '',
    '  public void callback(CallbackRequest req) {',
    '    req.setWaitVoice("java_wait.wav");',
    '    req.setPreVoice("java_pre.wav"); // setPreVoice("decoy_comment.wav")',
    '    Map<String, Object> info = new HashMap<>();',
    '    info.put("notifyVoice", "order_shipped.wav");',
    '    info.put("description", "decoy_put.wav");',
    '    VerifyRequest.builder().preTone("code_pre.wav").posTone("code_post.wav").build();',
    '  }',
    '}',
  ],
  'scripts/notify.py': [
    'import requests',
    '',
    '',
    'def notify(number, wait_voice="py_wait.wav"):',
    '    """Sends a notification. The body looks like {"notifyVoice": "decoy_docstring.wav"}."""',
    '    body = {"playInfoList": [{"notifyVoice": "py_notice.wav"}]}  # {"notifyVoice": "decoy_hash.wav"}',
    '    last_min_voice = "py_last.wav"',
    '    title = "decoy_title.wav"',
    '    return requests.post(URL, json=body)',
  ],
  'client/src/calls.ts': [
    "import { post } from './http';",
    '',
    '// waitVoice: "decoy_line_comment.wav"',
    '/* preVoice: "decoy_block_comment.wav" */',
    'export interface CallbackBody { waitVoice: string; preVoice?: string }',
    '',
    'export function callback(callee: string) {',
    "  return post('/rest/httpsessions/click2Call/v2.0', {",
    "    waitVoice: 'ts_wait.wav',",
    '    preVoice: "ts_pre.wav",',
    '    recordHintTone: `ts hint.wav`,',
    "    displayName: 'decoy_display.wav',",
    '  });',
    '}',
    '',
    'export function verify() {',
    "  const body = { preTone: 'ts_pre_tone.wav', notifyVoice: 'ts_notice.wav' };",
    "  const help = 'set waitVoice: \"decoy_string.wav\" in the body';",
    '  return post(URL, body);',
    '}',
  ],
  // other packages' code and test data: never the project's
  'node_modules/some-sdk/test/data.json': ['{ "waitVoice": "decoy_node_modules.wav" }'],
  'client/node_modules/lib/index.js': ["module.exports = { preVoice: 'decoy_nested_node_modules.wav' };"],
};

const MISSING = ['last_minute.wav', 'code_post.wav', 'ts_pre_tone.wav'];
const NON_COMPLIANT = ['notice_3.wav', 'py_last.wav'];
const BAD_NAME = 'ts hint.wav';
const OK = [
  'welcome_wait.wav', 'pre_dial.wav', 'record_hint.wav', 'notice_1.wav', 'notice_2.wav', 'java_wait.wav', 'java_pre.wav',
  'order_shipped.wav', 'code_pre.wav', 'py_wait.wav', 'py_notice.wav', 'ts_wait.wav', 'ts_pre.wav', 'ts_notice.wav',
];
const UNUSED = ['old_welcome.wav', 'holiday.wav'];

/** Where a name is written in SOURCES: its file, line and column (from 1), found in the text the spec wrote. */
function placeOf(name: string): { file: string; line: number; column: number } {
  for (const [file, lines] of Object.entries(SOURCES)) {
    if (file.includes('node_modules')) continue;
    const index = lines.findIndex((line) => new RegExp(`["'\`]${name}["'\`]`).test(line));
    if (index >= 0) return { file, line: index + 1, column: lines[index].search(new RegExp(`["'\`]${name}`)) + 1 };
  }
  throw new Error(`${name} is not in the sources`);
}

const tinyWav = () => canonicalAlawFile(800);
let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-refs-'));
  for (const [file, lines] of Object.entries(SOURCES)) {
    await mkdir(dirname(join(root, file)), { recursive: true });
    await writeFile(join(root, file), `${lines.join('\n')}\n`);
  }
  await mkdir(join(root, 'prompts/zh'), { recursive: true });
  for (const name of [...OK, BAD_NAME, ...UNUSED]) await writeFile(join(root, 'prompts', name), tinyWav());
  await writeFile(join(root, 'prompts/notice_3.wav'), waveFile({ format: 's16', channels: 1, sampleRate: 16000, samples: new Float32Array(1600) }));
  await writeFile(join(root, 'prompts/zh/py_last.wav'), waveFile({ format: 'alaw', channels: 2, sampleRate: 8000, samples: new Float32Array(1600) }));
});

afterAll(() => rm(root, { recursive: true, force: true }));

interface Json {
  names: Array<{ name: string; ok: boolean; prompt: string | null; places: Array<{ file: string; line: number; column: number; key: string }>; problems: Array<{ code: string; problems?: Array<{ code: string }> }> }>;
  warnings: Array<{ code: string; path?: string }>;
  sources: unknown[];
  summary: { scanned: number; names: number; ok: number; failed: number };
}

describe('voiceprep refs on a repository of JSON, Java, Python and TypeScript (the bar of issue 23)', () => {
  it('finds all 20 names with their places, each problem with its code, and nothing in comments, node_modules or other keys', async () => {
    const run = await runCli(['refs', '.', '--prompts', 'prompts', '--json'], { cwd: root });
    expect(run.stderr).toBe('');
    expect(run.code).toBe(1);
    const result = JSON.parse(run.stdout) as Json;
    expect(result.names.map((name) => name.name).sort()).toEqual([...OK, ...MISSING, ...NON_COMPLIANT, BAD_NAME].sort());
    expect(result.names.some((name) => name.name.startsWith('decoy'))).toBe(false);
    for (const name of result.names) {
      expect(name.places, name.name).toEqual([expect.objectContaining(placeOf(name.name))]);
      const codes = name.problems.map((problem) => problem.code);
      if (MISSING.includes(name.name)) expect(codes, name.name).toEqual(['missing']);
      else if (NON_COMPLIANT.includes(name.name)) expect(codes, name.name).toEqual(['non-compliant']);
      else if (name.name === BAD_NAME) expect(codes, name.name).toEqual(['bad-name']);
      else expect(name, name.name).toMatchObject({ ok: true, problems: [] });
    }
    const byName = new Map(result.names.map((name) => [name.name, name]));
    expect(byName.get('notice_3.wav')?.problems[0].problems?.map((problem) => problem.code)).toEqual(['encoding', 'sample-rate']);
    expect(byName.get('py_last.wav')).toMatchObject({ prompt: 'prompts/zh/py_last.wav', problems: [{ problems: [{ code: 'channels' }] }] });
    expect(byName.get('java_wait.wav')?.places[0].key).toBe('waitVoice');
    expect(result.warnings.filter((warning) => warning.code === 'unused').map((warning) => warning.path).sort()).toEqual(UNUSED.map((name) => `prompts/${name}`).sort());
    expect(result.summary).toEqual({ scanned: 5, names: 20, ok: 14, failed: 6, warnings: 2 });
  });

  it('prints the table and a line per problem with file:line:column', async () => {
    const run = await runCli(['refs', 'api', 'service', 'scripts', 'client', '--prompts', 'prompts'], { cwd: root });
    expect(run.code).toBe(1);
    const pre = placeOf('ts_pre_tone.wav');
    expect(run.stdout).toContain(`✗ ${pre.file}:${pre.line}:${pre.column}: missing: ts_pre_tone.wav: no file of this name in prompts`);
    expect(run.stdout).toMatch(/^ts hint\.wav\s+client\/src\/calls\.ts:11:21\s+recordHintTone\s+bad-name$/m);
    expect(run.stdout).toContain('! prompts/holiday.wav: unused: no code scanned names this prompt');
    expect(run.stdout).toMatch(/20 name\(s\) in 5 source file\(s\) scanned: 14 ok, 6 with problems, 2 warning\(s\)\n$/);
  });

  it('exits 0 once the prompts are added, converted and renamed', async () => {
    for (const name of MISSING) await writeFile(join(root, 'prompts', name), tinyWav());
    await writeFile(join(root, 'prompts/notice_3.wav'), tinyWav());
    await writeFile(join(root, 'prompts/zh/py_last.wav'), tinyWav());
    await rename(join(root, 'prompts', BAD_NAME), join(root, 'prompts/ts_hint.wav'));
    const client = join(root, 'client/src/calls.ts');
    await writeFile(client, (await readFile(client, 'utf8')).replace('`ts hint.wav`', '`ts_hint.wav`'));
    const run = await runCli(['refs', '.', '--prompts', 'prompts'], { cwd: root });
    expect(run.stdout).toMatch(/20 name\(s\) in 5 source file\(s\) scanned: 20 ok, 0 with problems, 2 warning\(s\)/);
    expect(run.code).toBe(0);
  });
});

describe('voiceprep refs, the command line', () => {
  it('is a usage error without --prompts, or with a prompts folder that is not there', async () => {
    expect(await runCli(['refs', '.'], { cwd: root })).toMatchObject({ code: 2, stderr: expect.stringContaining("required option '--prompts <folder>'") });
    const run = await runCli(['refs', '.', '--prompts', 'nowhere'], { cwd: root });
    expect(run).toMatchObject({ code: 2, stdout: '' });
    expect(run.stderr).toBe('voiceprep refs: the prompts folder nowhere cannot be searched (it does not exist): --prompts names the folder that holds the playback files\n');
  });

  it('reports a source that names nothing, and exits 1', async () => {
    const run = await runCli(['refs', 'no-such-dir', '--prompts', 'prompts', '--quiet'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain('✗ no-such-dir: not-found: no such file or folder');
  });
});
