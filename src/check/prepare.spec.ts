import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { prepare } from './prepare.js';

const sample = (name: string) => new Uint8Array(readFileSync(new URL(`../../samples/${name}`, import.meta.url)));

describe('prepare', () => {
  it('keeps a compliant file byte for byte, and measures its peak', async () => {
    const input = sample('wait_voice1.wav');
    const done = await prepare(input, 'wait_voice1.wav', 'wait_voice1.wav', {});
    expect(done.kind).toBe('kept');
    if (done.kind !== 'kept') return;
    expect(done.bytes).toBe(input);
    expect(done.asItIs.ok).toBe(true);
    expect(done.report.peakDbfs).toBeLessThan(0);
  });

  it('converts a compliant file when the settings ask to change its sound, and checks the result', async () => {
    const done = await prepare(sample('wait_voice1.wav'), 'wait_voice1.wav', 'wait_voice1.wav', { normalize: true });
    expect(done.kind).toBe('converted');
    if (done.kind !== 'converted') return;
    expect(done.result.ok).toBe(true);
  });

  it('converts any other file, and checks the result under the output name', async () => {
    const done = await prepare(sample('welcome-stereo-44k.wav'), 'welcome-stereo-44k.wav', 'bad name.wav', {});
    expect(done.kind).toBe('converted');
    if (done.kind !== 'converted') return;
    expect(done.asItIs.ok).toBe(false);
    expect(done.result.problems.map((problem) => problem.code)).toEqual(['name']);
  });

  it('tells a failure as a problem, with what the check of the input found', async () => {
    const done = await prepare(sample('welcome-stereo-44k.wav'), 'a.wav', 'a.wav', { maxBytes: 1000 });
    expect(done).toMatchObject({ kind: 'failed', problem: { code: 'size' } });
    expect(done.asItIs?.seconds).toBeGreaterThan(0);
    const both = await prepare(sample('welcome-stereo-44k.wav'), 'a.wav', 'a.wav', { level: -26, normalize: true });
    expect(both).toMatchObject({ kind: 'failed', problem: { code: 'unreadable', message: 'level and normalize both set the gain: give one of them' } });
  });
});
