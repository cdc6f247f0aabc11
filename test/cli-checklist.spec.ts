import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { waveFile } from './support/wav-builder.js';

let root: string;

/** One second of a 1 kHz tone at `amplitude` of full scale, as A-law 8000 Hz mono: a compliant prompt. */
function tone(amplitude: number, format: 'alaw' | 's16' = 'alaw', sampleRate = 8000): Uint8Array {
  const samples = Float32Array.from({ length: sampleRate }, (_, i) => amplitude * Math.sin((2 * Math.PI * 1000 * i) / sampleRate));
  return waveFile({ format, channels: 1, sampleRate, samples, fact: format === 'alaw' });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-checklist-'));
  await mkdir(join(root, 'upload/zh'), { recursive: true });
  await writeFile(join(root, 'upload/welcome.wav'), tone(0.05));
  await writeFile(join(root, 'upload/zh/menu.wav'), tone(0.05));
  await writeFile(join(root, 'upload/studio.wav'), tone(0.05, 's16', 16000));
  await writeFile(join(root, 'prompts.csv'), 'name,description\nwelcome.wav,"Welcome, caller"\nmenu.wav,主菜单\nretired.wav,old\n');
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('voiceprep checklist', () => {
  it('lists every file with its description, figures and verdict, and exits 1 when one does not comply', async () => {
    const run = await runCli(['checklist', 'upload', '--descriptions', 'prompts.csv', '--lang', 'en'], { cwd: root });
    expect(run.code).toBe(1);
    expect(run.stdout).toMatch(/^# Playback files to upload\n/);
    // a sine at 0.05 of full scale is at -29.0 dBov (a full-scale sine is -3.01); A-law's steps move it a little
    const menu = /\| \[ \] \| `menu\.wav` \| 主菜单 \| 1\.0 s \| 7\.9 KiB \| (-\d+\.\d) dBov \| yes \|/.exec(run.stdout);
    expect(Number(menu?.[1])).toBeCloseTo(-29, 0);
    const studio = /\| \[ \] \| `studio\.wav` \| - \| 1\.0 s \| 31\.3 KiB \| (-\d+\.\d) dBov \| no: encoding, sample-rate \|/.exec(run.stdout);
    expect(Number(studio?.[1])).toBeCloseTo(-29, 0);
    expect(run.stdout).toContain('| [ ] | `welcome.wav` | Welcome, caller |');
    expect(run.stderr).toBe('voiceprep checklist: no description for studio.wav\nvoiceprep checklist: described but not in upload: retired.wav\n');
  });

  it('writes CSV with Chinese headings by default, and judges the level only when asked', async () => {
    const run = await runCli(['checklist', 'upload/zh', '--format', 'csv'], { cwd: root });
    expect(run).toMatchObject({ code: 0, stderr: '' });
    expect(run.stdout).toMatch(/^\uFEFF已上传,文件名,文件说明,时长（秒）,大小（字节）,有效语音电平（dBov）,是否合规,问题\r\n,menu\.wav,,1\.00,8058,-2[89]\.\d,是,\r\n$/);
    const judged = await runCli(['checklist', 'upload/zh', '--level', '-26', '--lang', 'en'], { cwd: root });
    expect(judged.code).toBe(1);
    expect(judged.stdout).toMatch(/\| -2[89]\.\d dBov \| no: level \|/);
  });

  it('is a usage error for a folder or a descriptions file that is not there, or an unknown language', async () => {
    expect(await runCli(['checklist', 'nowhere'], { cwd: root })).toMatchObject({ code: 2, stdout: '', stderr: 'voiceprep checklist: the prompts folder nowhere cannot be searched (it does not exist)\n' });
    expect(await runCli(['checklist', 'upload', '--descriptions', 'none.csv'], { cwd: root })).toMatchObject({ code: 2, stdout: '' });
    await mkdir(join(root, 'empty'));
    expect(await runCli(['checklist', 'empty'], { cwd: root })).toMatchObject({ code: 2, stdout: '', stderr: 'voiceprep checklist: the folder empty holds no file to upload\n' });
    expect(await runCli(['checklist', 'upload', '--lang', 'fr'], { cwd: root })).toMatchObject({ code: 2, stderr: expect.stringContaining("Allowed choices are zh, en") });
  });
});
