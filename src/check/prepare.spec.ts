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
    expect(done.delivered).toBe(input);
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
    expect(done.asItIs?.ok).toBe(false);
    expect(done.result.problems.map((problem) => problem.code)).toEqual(['name']);
    // what the check refuses is not handed on
    expect(done.delivered).toBeNull();
  });

  it('tells a failure as a problem, with what the check of the input found', async () => {
    const done = await prepare(sample('welcome-stereo-44k.wav'), 'a.wav', 'a.wav', { maxBytes: 1000 });
    // refused before it is decoded, in the words that say what fits
    expect(done).toMatchObject({ kind: 'failed', problem: { code: 'size', message: expect.stringMatching(/ byte file; 1000 bytes hold 0\.\d s:/) } });
    expect(done.asItIs?.seconds).toBeGreaterThan(0);
    const both = await prepare(sample('welcome-stereo-44k.wav'), 'a.wav', 'a.wav', { level: -26, normalize: true });
    expect(both).toMatchObject({ kind: 'failed', problem: { code: 'unreadable', message: 'level and normalize both set the gain: give one of them' } });
  });

  it('reads the input under its own name, and judges the name it is handed on under', async () => {
    // Dialogic VOX is known by its .vox name alone: checked under the output's .wav name it was not known at all
    const vox = Uint8Array.from({ length: 800 }, (_, i) => (i * 73) & 0xff);
    const done = await prepare(vox, 'old prompt.vox', 'old_prompt.wav', {});
    expect(done.kind).toBe('converted');
    expect(done.opened?.format.container).toBe('VOX');
    // and a VOX too long to fit says how long it is, read under its own name
    const long = new Uint8Array(3_000_000).fill(0x08);
    const refused = await prepare(long, 'long.vox', 'long.wav', {});
    expect(refused).toMatchObject({ kind: 'failed', problem: { code: 'size' } });
    expect(refused.opened?.input.seconds).toBeCloseTo(750, 3);
    const named = await prepare(sample('wait_voice1.wav'), 'wait_voice1.wav', 'wait voice1.wav', {});
    expect(named.asItIs?.problems.map((problem) => problem.code)).toEqual(['name']);
  });
});
