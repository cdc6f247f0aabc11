import { describe, expect, it } from 'vitest';
import { checkBytes } from '../src/check/check-bytes.js';
import { convertBytes } from '../src/pipeline/convert-bytes.js';
import { cleanPrompt, unevenPrompt, withDc, withHum, type Made } from './support/faulty-prompts.js';
import { waveFile } from './support/wav-builder.js';

/** Issue 22's warnings, end to end: on files made to have each fault, and on none of 20 clean prompts. */

const file = (made: Made) => waveFile({ format: 's16', channels: 1, sampleRate: made.sampleRate, samples: made.samples });
const codes = (warnings: { code: string }[]) => warnings.map((w) => w.code);
const NEW_CODES = ['dc-offset', 'hum', 'uneven', 'silent', 'quiet'];

describe('check --level: dc-offset, hum, uneven', () => {
  it('warns of each on a file made to have it, and says how to fix it', async () => {
    const cases: [string, Made, string][] = [
      ['dc-offset', withDc(cleanPrompt(31), 0.03), '--highpass'],
      ['hum', withHum(cleanPrompt(32), 50, -50), '--highpass'],
      ['hum', withHum(cleanPrompt(33, 16000), 60, -55), '--highpass 120'],
      ['uneven', unevenPrompt(34), '--even'],
    ];
    for (const [code, made, flag] of cases) {
      const record = await checkBytes(file(made), 'made.wav', { level: -26, levelTolerance: 20 });
      const warning = record.warnings.find((w) => w.code === code);
      expect(warning?.message, code).toContain(`voiceprep convert made.wav -o <folder> ${flag}"`);
      expect(codes(record.warnings).filter((c) => NEW_CODES.includes(c)), code).toEqual([code]);
    }
  });

  it('finds none of them in 20 clean prompts at their own levels and rates', async () => {
    for (let seed = 1; seed <= 20; seed++) {
      const made = cleanPrompt(100 + seed, [8000, 16000, 44100][seed % 3], -34 + (seed % 10));
      const record = await checkBytes(file(made), 'clean.wav', { level: -26, levelTolerance: 20 });
      expect(codes(record.warnings).filter((c) => NEW_CODES.includes(c)), `seed ${seed}`).toEqual([]);
    }
  });
});

describe('silent and quiet prompts are never simply ok', () => {
  it('convert warns of them without --level, and check --level too', async () => {
    const silent = new Float32Array(8000);
    const quiet = cleanPrompt(41, 8000, -47).samples;
    for (const [code, samples] of [['silent', silent], ['quiet', quiet]] as const) {
      const bytes = waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples });
      const { report } = await convertBytes(bytes);
      expect(codes(report.warnings), code).toContain(code);
      expect(codes((await checkBytes(bytes, 'x.wav', { level: -26 })).warnings), code).toContain(code);
    }
    const loud = await convertBytes(file(cleanPrompt(42)));
    expect(codes(loud.report.warnings)).toEqual([]);
  });
});
