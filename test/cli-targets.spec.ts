import { copyFile, mkdir, mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WaveFile } from 'wavefile';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ENCODINGS } from '../src/profile/encodings.js';
import { TARGETS } from '../src/profile/profiles.js';
import { runCli } from './support/run-cli.js';
import { waveFile } from './support/wav-builder.js';

let root: string;
const fixture = (path: string) => new URL(`./fixtures/${path}`, import.meta.url);
const tone = (seconds: number, rate: number) => Float32Array.from({ length: Math.round(seconds * rate) }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate));

/** Each target's own words for its names, written out here apart from the product's rules, as the platforms say them. */
const NAMES: Record<string, RegExp> = {
  'huawei-voicecall': /^[0-9A-Za-z._@-]{1,124}\.wav$/i,
  'huawei-cec': /^[\p{Script=Han}A-Za-z0-9]{1,50}\.wav$/u,
  'amazon-connect': /^[0-9A-Za-z._-]{1,127}\.wav$/,
  twilio: /^[0-9A-Za-z._-]+\.wav$/,
  asterisk: /^[0-9A-Za-z_-]+\.wav$/,
  freeswitch: /^[0-9A-Za-z_-]+\.wav$/,
  cisco: /^[0-9A-Za-z_]+\.wav$/,
  avaya: /^[0-9A-Za-z_-]{1,27}\.wav$/,
  teams: /^[0-9A-Za-z._-]+\.wav$/,
  genesys: /^[A-Za-z][0-9A-Za-z_]{0,199}\.wav$/,
  aliyun: /^[0-9A-Za-z._-]+\.wav$/,
  vonage: /^[0-9A-Za-z._-]+\.wav$/,
  bandwidth: /^[0-9A-Za-z._-]+\.wav$/,
};

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-targets-'));
  const mixed = join(root, 'mixed');
  await mkdir(join(mixed, 'deep'), { recursive: true });
  // WAV, MP3, FLAC, Ogg, ADPCM, AIFF; Chinese, spaced, digit-first and long names
  await copyFile(fixture('compressed/speech-cbr.mp3'), join(mixed, 'thanks.mp3'));
  await copyFile(fixture('compressed/speech-16bit-8k.flac'), join(mixed, '1-welcome.flac'));
  await copyFile(fixture('compressed/speech-vorbis.ogg'), join(mixed, 'deep/menu option.ogg'));
  await copyFile(fixture('codecs/ima-mono.wav'), join(mixed, 'deep/adpcm.wav'));
  await copyFile(fixture('compressed/tone.aiff'), join(mixed, 'tone.aiff'));
  await writeFile(join(mixed, '欢迎 致电.wav'), waveFile({ format: 's16', channels: 2, sampleRate: 44100, samples: tone(0.4, 44100) }));
  await writeFile(join(mixed, `${'please-hold-the-line-'.repeat(7)}end.wav`), waveFile({ format: 's16', channels: 1, sampleRate: 48000, samples: tone(0.3, 48000) }));
  await writeFile(join(mixed, 'already-8k.wav'), waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: tone(0.3, 8000) }));
});

afterAll(() => rm(root, { recursive: true, force: true }));

async function outputsOf(folder: string): Promise<string[]> {
  const entries = await readdir(join(root, folder), { recursive: true, withFileTypes: true });
  return entries.filter((entry) => entry.isFile()).map((entry) => join(entry.parentPath, entry.name));
}

describe('convert and check --target: every platform', () => {
  for (const target of TARGETS) {
    it(`${target.id}: a mixed folder converts to what the target plays, named by its rules, and check --target passes`, async () => {
      const folder = `out-${target.id}`;
      const converted = await runCli(['convert', 'mixed', '-o', folder, '--target', target.id, '--quiet'], { cwd: root });
      expect(converted.stderr).toBe('');
      expect(converted.code).toBe(0);
      const outputs = await outputsOf(folder);
      expect(outputs).toHaveLength(8);
      const encoding = ENCODINGS[target.encoding];
      for (const path of outputs) {
        // read back by wavefile, a reader that is not voiceprep's
        const wave = new WaveFile(await readFile(path));
        const fmt = wave.fmt as { audioFormat: number; sampleRate: number; numChannels: number; bitsPerSample: number };
        expect({ path, format: fmt.audioFormat, rate: fmt.sampleRate, channels: fmt.numChannels, bits: fmt.bitsPerSample }).toEqual({
          path,
          format: encoding.waveTag,
          rate: target.sampleRate,
          channels: 1,
          bits: encoding.bitsPerSample,
        });
        expect(path.split('/').pop()).toMatch(NAMES[target.id]);
        expect((await stat(path)).size).toBeLessThanOrEqual(target.maxBytes);
      }
      const checked = await runCli(['check', folder, '--target', target.id, '--json'], { cwd: root });
      expect(checked.code).toBe(0);
      const records = JSON.parse(checked.stdout).files as Array<{ target: string; ok: boolean }>;
      expect(records.map((record) => [record.target, record.ok])).toEqual(outputs.map(() => [target.id, true]));
    });
  }

  it("judges Huawei's outputs wrong for Amazon Connect (encoding, on each), and the other way round", async () => {
    const huawei = await runCli(['check', 'out-huawei-voicecall', '--target', 'amazon-connect', '--json'], { cwd: root });
    expect(huawei.code).toBe(1);
    const files = JSON.parse(huawei.stdout).files as Array<{ problems: Array<{ code: string; message: string }> }>;
    expect(files).toHaveLength(8);
    for (const file of files) expect(file.problems.map((problem) => problem.code)).toContain('encoding');
    expect(files[0].problems.find((problem) => problem.code === 'encoding')?.message).toMatch(/^A-law, not mu-law/);
    const connect = await runCli(['check', 'out-amazon-connect'], { cwd: root });
    expect(connect.code).toBe(1);
    expect(connect.stdout.match(/encoding: mu-law, not A-law/g)).toHaveLength(8);
  });

  it("names a name wrong for one target by that target's rules, saying which platform", async () => {
    const pcm = waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: tone(0.2, 8000) });
    await writeFile(join(root, '9 menu.wav'), pcm);
    const run = await runCli(['check', '9 menu.wav', '--target', 'genesys'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toContain("the name contains ' ' (space); only letters, digits and '_' are allowed");
    await writeFile(join(root, '9menu.wav'), pcm);
    const digit = await runCli(['check', '9menu.wav', '--target', 'purecloud'], { cwd: root });
    expect(digit.code).toBe(1);
    expect(digit.stdout).toContain("the name starts with '9'; Genesys Cloud wants it to start with a letter");
  });
});

describe('voiceprep silence --target', () => {
  it("writes the target's encoding and rate, named by its rules", async () => {
    const run = await runCli(['silence', '0.5', '-o', 'quiet/9 menu.wav', '--target', 'genesys'], { cwd: root });
    expect(run.code).toBe(0);
    const wave = new WaveFile(await readFile(join(root, 'quiet/prompt_9_menu.wav')));
    expect(wave.fmt).toMatchObject({ audioFormat: 1, sampleRate: 8000, bitsPerSample: 16 });
    expect((await runCli(['check', 'quiet', '--target', 'genesys'], { cwd: root })).code).toBe(0);
  });
});

describe('the project config file', () => {
  it('sets the target for convert and check from the folder upward; a flag still wins', async () => {
    const project = join(root, 'project');
    await mkdir(join(project, 'prompts/sub'), { recursive: true });
    await writeFile(join(project, 'voiceprep.config.json'), JSON.stringify({ target: 'amazon-connect' }));
    await copyFile(fixture('compressed/speech-cbr.mp3'), join(project, 'prompts/thanks.mp3'));
    const cwd = join(project, 'prompts/sub');
    expect((await runCli(['convert', '..', '-o', '../../out', '-q'], { cwd })).code).toBe(0);
    const written = new WaveFile(await readFile(join(project, 'out/thanks.wav')));
    expect((written.fmt as { audioFormat: number }).audioFormat).toBe(7);
    expect((await runCli(['check', '../../out'], { cwd })).code).toBe(0);
    const huawei = await runCli(['check', '../../out', '--target', 'huawei'], { cwd });
    expect(huawei.code).toBe(1);
    expect(huawei.stdout).toContain('encoding: mu-law, not A-law');
  });

  it('reads a "voiceprep" key in package.json', async () => {
    const project = join(root, 'package-project');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'package.json'), JSON.stringify({ name: 'x', voiceprep: { target: 'asterisk', maxSize: '1MB' } }));
    await copyFile(fixture('compressed/tone.aiff'), join(project, 'tone.aiff'));
    expect((await runCli(['convert', 'tone.aiff', '-o', 'out', '-q'], { cwd: project })).code).toBe(0);
    expect((new WaveFile(await readFile(join(project, 'out/tone.wav'))).fmt as { bitsPerSample: number }).bitsPerSample).toBe(16);
  });

  it('refuses a config it cannot use, in words, with exit 2, before reading any file', async () => {
    const project = join(root, 'bad-project');
    await mkdir(project, { recursive: true });
    await writeFile(join(project, 'voiceprep.config.json'), JSON.stringify({ target: 'amazon', levle: -26 }));
    const run = await runCli(['check', '.'], { cwd: project });
    expect(run.code).toBe(2);
    expect(run.stderr).toMatch(/voiceprep\.config\.json: "target": expected a target's name: huawei-voicecall, .*, not "amazon"|voiceprep\.config\.json: unknown key "levle"/);
    await writeFile(join(project, 'voiceprep.config.json'), '{ "target": ');
    const broken = await runCli(['convert', '.', '-o', 'out'], { cwd: project });
    expect(broken.code).toBe(2);
    expect(broken.stderr).toContain('voiceprep.config.json: not valid JSON');
  });
});

describe('voiceprep targets', () => {
  it('lists every target with its rules and source, as a table and as JSON', async () => {
    const text = await runCli(['targets'], { cwd: root });
    expect(text.code).toBe(0);
    for (const target of TARGETS) expect(text.stdout).toContain(target.id);
    const json = await runCli(['targets', '--json'], { cwd: root });
    const listed = JSON.parse(json.stdout) as Array<{ id: string; encoding: string; sampleRate: number; source: string | null }>;
    expect(listed.map((target) => target.id)).toEqual([
      'huawei-voicecall', 'huawei-cec', 'amazon-connect', 'twilio', 'asterisk', 'freeswitch', 'cisco', 'avaya', 'teams', 'genesys', 'aliyun', 'vonage', 'bandwidth',
    ]);
    expect(listed.find((target) => target.id === 'amazon-connect')).toMatchObject({ encoding: 'ulaw', sampleRate: 8000, maxSeconds: 300 });
    for (const target of listed) expect(target.source).toEqual(expect.any(String));
  });

  it('refuses an unknown --target with the list, exit 2', async () => {
    const run = await runCli(['check', '.', '--target', 'skype'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain("expected a target's name: huawei-voicecall, huawei-cec, amazon-connect");
  });
});
