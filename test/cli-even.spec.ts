import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBytes } from '../src/check/check-bytes.js';
import { FLOAT_FROM_ALAW } from '../src/codecs/g711-expand.js';
import { silenceBytes } from '../src/pipeline/silence.js';
import { cleanPrompt, withDc, withHum } from './support/faulty-prompts.js';
import { runCli } from './support/run-cli.js';
import { waveFile } from './support/wav-builder.js';

/** Issue 22 from the command line: --pad, --highpass, --even, and `voiceprep silence`. */

let root: string;
const ALAW_ZERO = 0xd5;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-even-'));
  const made = cleanPrompt(61, 16000, -26, 4);
  // 1 s of noise either side of the speech, which --trim-silence cuts to its margins
  const padded = new Float32Array(made.samples.length + 32000);
  padded.set(made.samples, 16000);
  for (let n = 0; n < padded.length; n++) if (n < 16000 || n >= 16000 + made.samples.length) padded[n] = (((n * 7919) % 13) - 6) / 6 / 300;
  await writeFile(join(root, 'prompt.wav'), waveFile({ format: 's16', channels: 1, sampleRate: 16000, samples: padded }));
  const faulty = withHum(withDc(cleanPrompt(62), 0.02), 50, -50, 0);
  await writeFile(join(root, 'faulty.wav'), waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: faulty.samples }));
});

afterAll(() => rm(root, { recursive: true, force: true }));

function codes(file: Uint8Array): Uint8Array {
  return file.subarray(58, 58 + new DataView(file.buffer, file.byteOffset).getUint32(54, true));
}

describe('voiceprep convert --pad', () => {
  it('adds 0.5 s (+/- 1 ms) of digital silence at each end, after --trim-silence', async () => {
    const run = await runCli(['convert', 'prompt.wav', '-o', 'padded', '--trim-silence', '--pad', '0.5', '--json'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    const samples = codes(await readFile(join(root, 'padded/prompt.wav')));
    const lead = samples.findIndex((code) => code !== ALAW_ZERO);
    const trail = samples.slice().reverse().findIndex((code) => code !== ALAW_ZERO);
    expect(Math.abs(lead - 4000)).toBeLessThanOrEqual(8);
    expect(Math.abs(trail - 4000)).toBeLessThanOrEqual(8);
    const trimmed = await runCli(['convert', 'prompt.wav', '-o', 'trimmed', '--trim-silence', '--json'], { cwd: root });
    expect(JSON.parse(run.stdout).files[0].output.bytes).toBe(JSON.parse(trimmed.stdout).files[0].output.bytes + 8000);
  });

  it('takes <start>,<end>, counts the padding in --max-size, and refuses what is not seconds', async () => {
    const run = await runCli(['convert', 'prompt.wav', '-o', 'uneven-pad', '--pad', '0.25,0', '--max-size', '10KB', '--json'], { cwd: root });
    const [file] = JSON.parse(run.stdout).files;
    expect(file.problems.map((p: { code: string }) => p.code)).toEqual(['size']);
    const ok = await runCli(['convert', 'prompt.wav', '-o', 'uneven-pad', '--pad', '0.25,0', '--json'], { cwd: root });
    const samples = codes(await readFile(join(root, 'uneven-pad/prompt.wav')));
    expect(ok.code).toBe(0);
    expect(samples.findIndex((code) => code !== ALAW_ZERO)).toBeGreaterThanOrEqual(2000);
    for (const bad of ['-1', 'abc', '1,2,3', '31']) {
      const refused = await runCli(['convert', 'prompt.wav', '-o', 'x', '--pad', bad], { cwd: root });
      expect(refused.code, bad).toBe(2);
      expect(refused.stderr).toMatch(/seconds from 0 to 30/);
    }
  });
});

describe('voiceprep convert --highpass --even', () => {
  it('takes the DC offset and the hum out of a file that check --level warned of, and then warns of neither', async () => {
    const before = await runCli(['check', 'faulty.wav', '--level', '-26', '--level-tolerance', '10', '--json'], { cwd: root });
    const warned = JSON.parse(before.stdout).files[0].warnings.map((w: { code: string }) => w.code);
    expect(warned).toEqual(expect.arrayContaining(['dc-offset', 'hum']));
    const run = await runCli(['convert', 'faulty.wav', '-o', 'fixed', '--highpass', '--even', '--json'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout).files[0].warnings).toEqual([]);
    const record = await checkBytes(await readFile(join(root, 'fixed/faulty.wav')), 'faulty.wav', { level: -26, levelTolerance: 10 });
    expect(record.warnings).toEqual([]);
  });

  it('takes a cutoff, and refuses one out of range', async () => {
    expect((await runCli(['convert', 'faulty.wav', '-o', 'cut', '--highpass', '150'], { cwd: root })).code).toBe(0);
    const refused = await runCli(['convert', 'faulty.wav', '-o', 'cut', '--highpass', '5'], { cwd: root });
    expect(refused.code).toBe(2);
    expect(refused.stderr).toMatch(/a cutoff in Hz from 20 to 300/);
  });
});

describe('voiceprep silence', () => {
  it('writes a compliant prompt of digital silence, named by the platform rules, that check passes', async () => {
    const run = await runCli(['silence', '0.5', '-o', 'upload/空 白.wav'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toMatch(/wrote upload\/kong_bai\.wav: 0\.5 s of silence/);
    const bytes = await readFile(join(root, 'upload/kong_bai.wav'));
    expect(codes(bytes).length).toBe(4000);
    expect(codes(bytes).every((code) => code === ALAW_ZERO)).toBe(true);
    expect(Float32Array.from(codes(bytes), (code) => FLOAT_FROM_ALAW[code]).every((x) => Math.abs(x) < 0.001)).toBe(true);
    expect((await runCli(['check', 'upload'], { cwd: root })).code).toBe(0);
    expect(new Uint8Array(bytes)).toEqual(await silenceBytes(0.5));
  });

  it('exits as convert does: 1 for a different file in the way, 2 for a length that is not one', async () => {
    await writeFile(join(root, 'taken.wav'), 'something else');
    const taken = await runCli(['silence', '1', '-o', 'taken.wav'], { cwd: root });
    expect(taken.code).toBe(1);
    expect(taken.stderr).toMatch(/use --force to replace it/);
    expect((await runCli(['silence', '1', '-o', 'taken.wav', '--force'], { cwd: root })).code).toBe(0);
    const tooLong = await runCli(['silence', '300', '-o', 'long.wav'], { cwd: root });
    expect(tooLong.code).toBe(1);
    expect(tooLong.stderr).toMatch(/^error: 300 s of silence makes a file larger/);
    for (const bad of ['0', '-1', 'x']) expect((await runCli(['silence', bad, '-o', 'y.wav'], { cwd: root })).code, bad).toBe(2);
  });
});
