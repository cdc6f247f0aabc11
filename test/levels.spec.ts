import { mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LevelAnalyzer, type Levels } from '../src/adjust/level-analyzer.js';
import { checkBytes } from '../src/check/check-bytes.js';
import { FLOAT_FROM_ALAW } from '../src/codecs/g711-expand.js';
import { convertBytes } from '../src/pipeline/convert-bytes.js';
import { runCli } from './support/run-cli.js';
import { seededRandom } from './support/mutate-wave.js';
import { type SpeechLikeOptions, bandLimitedNoise, speechLikePrompt } from './support/speech-like.js';
import { waveFile } from './support/wav-builder.js';

/**
 * Issue 14's bars, end to end. The level meter here is the project's P.56 meter, which reads the G.191 reference
 * tool's figures to within 1e-9 dB (src/adjust/active-speech-level.spec.ts); it is applied to the A-law codes of the
 * finished file, decoded, as the platform will play them.
 */
const TARGET = -26;

interface Prompt {
  name: string;
  file: Uint8Array;
}

function prompt(name: string, sampleRate: number, speechDbov: number, channels: 1 | 2, extra: Partial<SpeechLikeOptions> = {}): Prompt {
  const { samples } = speechLikePrompt({ sampleRate, speechDbov, seed: sampleRate + channels + Math.round(-speechDbov), ...extra });
  const interleaved = channels === 1 ? samples : Float32Array.from({ length: samples.length * 2 }, (_, i) => samples[i >> 1] * (i % 2 ? 0.9 : 1.1));
  return { name, file: waveFile({ format: 's16', channels, sampleRate, samples: interleaved }) };
}

const PROMPTS: Prompt[] = [
  prompt('loud-8k.wav', 8000, -16, 1),
  prompt('quiet-11k-stereo.wav', 11025, -45, 2),
  prompt('noisy-16k.wav', 16000, -38, 1, { noiseFloorDbov: -65 }),
  prompt('normal-22k.wav', 22050, -30, 1),
  prompt('studio-44k-stereo.wav', 44100, -20, 2),
  prompt('close-48k.wav', 48000, -26.4, 1),
  prompt('soft-48k-stereo.wav', 48000, -42, 2),
];

function measure(samples: Float32Array): Levels {
  const analyzer = new LevelAnalyzer(8000);
  analyzer.push(samples);
  return analyzer.result();
}

/** The 8 kHz signal a finished file plays. */
function played(file: Uint8Array): Float32Array {
  const count = new DataView(file.buffer, file.byteOffset).getUint32(54, true);
  return Float32Array.from(file.subarray(58, 58 + count), (code) => FLOAT_FROM_ALAW[code]);
}

describe('convert --level -26', () => {
  it.each(PROMPTS.map((p) => [p.name, p] as const))('brings %s to -26 dBov within 0.5 dB, without clipping', async (_, { file }) => {
    const { bytes, report } = await convertBytes(file, { level: TARGET });
    const levels = measure(played(bytes));
    expect(Math.abs((levels.activeDbov as number) - TARGET)).toBeLessThanOrEqual(0.5);
    expect(levels.clippedSamples).toBe(0);
    expect(report.clippedSamples).toBe(0);
    expect(report.levels?.after.activeDbov).toBeCloseTo(levels.activeDbov as number, 9);
    expect(report.warnings.map((w) => w.code)).not.toContain('level-limited');
  });

  it('stops short of the target rather than clip a prompt with a full-scale click, and says so; check then says why', async () => {
    const { samples } = speechLikePrompt({ sampleRate: 8000, speechDbov: -40, seed: 9 });
    samples.set([1, -1, 1], 4000);
    const { bytes, report } = await convertBytes(waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples }), { level: TARGET });
    const levels = measure(played(bytes));
    expect(levels.activeDbov as number).toBeLessThan(TARGET - 1);
    expect(levels.clippedSamples).toBe(0);
    expect(report.clippedSamples).toBe(0);
    const warning = report.warnings.find((w) => w.code === 'level-limited');
    expect(warning?.message).toMatch(/reaches -\d+\.\d dBov/);
    // converting again with --level would change nothing: check says what would
    const [problem] = (await checkBytes(bytes, 'clicky.wav', { level: TARGET })).problems;
    expect(problem.code).toBe('level');
    expect(problem.message).toMatch(/leave room for 0\.\d dB without clipping: a click or a burst/);
    expect(problem.message).not.toMatch(/--level/);
  });

  it('leaves silence and room noise as they are, and check calls them what they are', async () => {
    for (const samples of [new Float32Array(16000), bandLimitedNoise(16000, 8000, -65, seededRandom(2))]) {
      const { bytes, report } = await convertBytes(waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples }), { level: TARGET });
      expect(report.gainDb).toBe(0);
      expect(report.warnings.map((w) => w.code)).toContain('no-speech');
      const [problem] = (await checkBytes(bytes, 'quiet.wav', { level: TARGET })).problems;
      expect(problem.message).toMatch(/silence, noise, or too short to be a prompt/);
    }
  });
});

describe('check --level -26', () => {
  it('measures the 8 kHz signal a file is or becomes, and finds exactly the files more than 1 dB off', async () => {
    for (const { name, file } of PROMPTS) {
      const converted = (await convertBytes(file)).bytes;
      const expected = measure(played(converted)).activeDbov as number;
      const record = await checkBytes(file, name, { level: TARGET });
      expect(Math.abs((record.levels?.activeDbov as number) - expected), name).toBeLessThan(0.3);
      const off = Math.abs((record.levels?.activeDbov as number) - TARGET) > 1;
      expect(record.problems.some((p) => p.code === 'level'), name).toBe(off);
      const levelled = await checkBytes((await convertBytes(file, { level: TARGET })).bytes, 'out.wav', { level: TARGET });
      expect(levelled.problems, name).toEqual([]);
    }
  });

  it('calls flat tops at full scale clipping, and long silences warnings', async () => {
    const { samples } = speechLikePrompt({ sampleRate: 8000, speechDbov: -20, seed: 4, leadingSilenceSeconds: 0.8, trailingSilenceSeconds: 1 });
    samples.fill(1, 6000, 6010);
    const record = await checkBytes(waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples }), 'a.wav', { level: -20, levelTolerance: 3 });
    expect(record.problems.map((p) => p.code)).toContain('clipping');
    expect(record.warnings.map((w) => w.code)).toEqual(expect.arrayContaining(['leading-silence', 'trailing-silence']));
    expect(record.levels?.clippedSamples).toBe(10);
  });

  it('gives levels: null to a file it cannot decode, and reads headers only without --level', async () => {
    const text = new TextEncoder().encode('not audio at all, just a note in a prompts folder');
    expect((await checkBytes(text, 'note.wav', { level: TARGET })).levels).toBeNull();
    expect('levels' in (await checkBytes(PROMPTS[0].file, 'a.wav'))).toBe(false);
  });
});

describe('convert --trim-silence', () => {
  it('starts a prompt with 1.5 s of leading and 2 s of trailing noise just before its speech, cutting nothing else', async () => {
    const rate = 16000;
    const { samples, speechStart, speechEnd } = speechLikePrompt({
      sampleRate: rate,
      speechDbov: -30,
      seed: 21,
      leadingSilenceSeconds: 1.5,
      trailingSilenceSeconds: 2,
      noiseFloorDbov: -65,
    });
    const file = waveFile({ format: 's16', channels: 1, sampleRate: rate, samples });
    const whole = (await convertBytes(file)).bytes;
    const { bytes: trimmed, report } = await convertBytes(file, { trimSilence: true });
    const kept = trimmed.subarray(58, 58 + report.output.samples);
    const all = whole.subarray(58);
    // the kept samples are the untrimmed conversion's, sample for sample, from some offset on
    const offset = all.indexOf(kept[0], 0);
    let start = -1;
    for (let at = offset; at >= 0 && at < 2 * 8000; at = all.indexOf(kept[0], at + 1)) {
      if (Buffer.from(all.subarray(at, at + kept.length)).equals(Buffer.from(kept))) {
        start = at;
        break;
      }
    }
    expect(start).toBeGreaterThan(0);
    const speechFrom = (speechStart * 8000) / rate - start;
    const speechTo = kept.length - ((speechEnd * 8000) / rate - start);
    expect(speechFrom / 8000).toBeGreaterThanOrEqual(0.02);
    expect(speechFrom / 8000).toBeLessThanOrEqual(0.3);
    expect(speechTo / 8000).toBeGreaterThanOrEqual(0.02);
    expect(speechTo / 8000).toBeLessThanOrEqual(0.5);
    expect(report.levels?.after.leadingSilenceSeconds).toBeLessThan(0.3);
  });
});

describe('the command line', () => {
  let folder: string;
  beforeAll(async () => {
    folder = await mkdtemp(join(tmpdir(), 'voiceprep-levels-'));
    for (const { name, file } of PROMPTS) await writeFile(join(folder, name), file);
  });
  afterAll(() => rm(folder, { recursive: true, force: true }));

  it('levels a batch, reports before and after, and check --level on the outputs passes', async () => {
    const run = await runCli(['convert', '.', '-o', 'out', '--level', '-26', '--trim-silence', '--json'], { cwd: folder });
    expect(run.code).toBe(0);
    const report = JSON.parse(run.stdout) as { files: Array<{ conversion: { levels: { before: { activeDbov: number }; after: { activeDbov: number } } } }> };
    expect(report.files).toHaveLength(PROMPTS.length);
    for (const file of report.files) expect(Math.abs(file.conversion.levels.after.activeDbov - TARGET)).toBeLessThanOrEqual(0.5);
    expect((await readdir(join(folder, 'out'))).length).toBe(PROMPTS.length);
    const check = await runCli(['check', 'out', '--level', '-26'], { cwd: folder });
    expect(check.code).toBe(0);
    const json = JSON.parse((await runCli(['check', 'out', '--level', '-26', '--json'], { cwd: folder })).stdout) as { files: Array<{ levels: object }> };
    expect(Object.keys(json.files[0].levels).sort()).toEqual(
      ['activeDbov', 'activityPercent', 'clippedSamples', 'leadingSilenceSeconds', 'peakDbov', 'trailingSilenceSeconds'].sort(),
    );
  });

  it('refuses --level with --normalize, and a level that is no level', async () => {
    expect((await runCli(['convert', '.', '-o', 'x', '--level', '-26', '--normalize'], { cwd: folder })).code).toBe(2);
    expect((await runCli(['check', '.', '--level', 'loud'], { cwd: folder })).stderr).toMatch(/expected a level in dBov/);
  });

  it('ships a pre-commit hook that checks levels', async () => {
    const hooks = await readFile(new URL('../.pre-commit-hooks.yaml', import.meta.url), 'utf8');
    expect(hooks).toMatch(/id: voiceprep-check-levels\n(.*\n)*?\s+entry: voiceprep check --quiet --level -26/);
  });
});
