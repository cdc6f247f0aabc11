import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { checkBytes, linear16FromAlaw } from '../../src/core.js';
import type { PageOptions } from '../../src/web/prepared-file.js';
import { prepareFile } from '../../src/web/worker/prepare-file.js';
import { sine } from '../support/tone-analysis.js';
import { asciiBytes, canonicalAlawFile, waveFile } from '../support/wav-builder.js';

const DEFAULTS: PageOptions = { target: 'huawei-voicecall', maxBytes: 2 * 1024 * 1024, trim: false, normalize: false, level: false, trimSilence: false, even: false, highpass: false, padStartMs: 0, padEndMs: 0, voxRate: 8000 };
const sample = (name: string) => new Uint8Array(readFileSync(new URL(`../../samples/${name}`, import.meta.url)));

/** What runs in each of the page's workers, tested here in Node: the browser tests only see it through the page. */
describe('prepareFile', () => {
  it('converts a studio WAV into a playback file that check accepts under the new name', async () => {
    const prepared = await prepareFile(sample('welcome-stereo-44k.wav'), 'welcome-stereo-44k.wav', 'welcome-stereo-44k.wav', DEFAULTS);
    expect(prepared.verdict).toBe('converted');
    expect(prepared.problems).toEqual([]);
    expect((await checkBytes(prepared.bytes!, 'welcome-stereo-44k.wav')).ok).toBe(true);
    expect(prepared.size).toBe(prepared.bytes!.length);
    expect(prepared.seconds).toBeCloseTo(prepared.inputSeconds!, 3);
    expect(prepared.peakDbfs).toBeLessThan(0);
  });

  it('decodes the playback file it wrote, for the page to play and draw: exactly what the phone will play', async () => {
    const prepared = await prepareFile(sample('welcome-stereo-44k.wav'), 'welcome-stereo-44k.wav', 'welcome-stereo-44k.wav', DEFAULTS);
    const data = prepared.bytes!.subarray(58);
    expect(prepared.playbackRate).toBe(8000);
    expect(prepared.playback).toHaveLength(data.length);
    // each sample is the A-law code's own value (G.711 expansion), not the signal before encoding
    expect(Math.round(prepared.playback![100] * 32768)).toBe(linear16FromAlaw(data[100]));
    expect(prepared.waveform?.seconds).toBeCloseTo(prepared.seconds!, 3);
    expect(prepared.waveform?.activeDbov).not.toBeNull();
    const failed = await prepareFile(asciiBytes('not audio at all, just text'), 'a.wav', 'a.wav', DEFAULTS);
    expect(failed).toMatchObject({ verdict: 'failed', playback: null, waveform: null });
  });

  it('keeps a compliant file byte for byte, whatever its old name', async () => {
    const input = sample('wait_voice1.wav');
    for (const name of ['wait_voice1.wav', 'renamed-2.wav']) {
      const prepared = await prepareFile(input, name, name, DEFAULTS);
      expect(prepared.verdict).toBe('kept');
      expect(prepared.bytes).toBe(input);
      expect(prepared.peakDbfs).not.toBeNull();
    }
  });

  it("shows what measuring a kept file found, as convert's line does: a compliant file of silence is kept, and silent", async () => {
    const silence = canonicalAlawFile(8000, 0xd5);
    const prepared = await prepareFile(silence, 'blank.wav', 'blank.wav', DEFAULTS);
    expect(prepared.verdict).toBe('kept');
    expect(prepared.warnings.map((warning) => warning.code)).toContain('silent');
  });

  it('converts even a compliant file when an option asks to change its sound', async () => {
    const input = sample('wait_voice1.wav');
    for (const option of ['normalize', 'level', 'trimSilence', 'even', 'highpass'] as const) {
      const prepared = await prepareFile(input, 'wait_voice1.wav', 'wait_voice1.wav', { ...DEFAULTS, [option]: true });
      expect(prepared.verdict, option).toBe('converted');
    }
  });

  it('pads with the silence the two fields ask for, in milliseconds', async () => {
    const input = sample('wait_voice1.wav');
    const plain = await prepareFile(input, 'wait_voice1.wav', 'wait_voice1.wav', DEFAULTS);
    const padded = await prepareFile(input, 'wait_voice1.wav', 'wait_voice1.wav', { ...DEFAULTS, padStartMs: 500, padEndMs: 250 });
    expect(padded.verdict).toBe('converted');
    expect((padded.bytes as Uint8Array).length - (plain.bytes as Uint8Array).length).toBe(6000);
  });

  it('brings the speech level to -26 dBov with the level option, and reports it before and after', async () => {
    const prepared = await prepareFile(sample('欢迎致电.wav'), '欢迎致电.wav', 'huanyingzhidian.wav', { ...DEFAULTS, level: true });
    expect(prepared.verdict).toBe('converted');
    expect(prepared.levelDbov?.after).toBeCloseTo(-26, 0);
    expect(Math.abs((prepared.levelDbov?.before as number) + 26)).toBeGreaterThan(1);
  });

  it('reads a headerless Dialogic .vox by the name it was picked under', async () => {
    const vox = new Uint8Array(readFileSync(new URL('../fixtures/codecs/loud.vox', import.meta.url)));
    const prepared = await prepareFile(vox, 'loud.vox', 'loud.wav', DEFAULTS);
    expect(prepared.verdict).toBe('converted');
    expect(prepared.seconds).toBeCloseTo(vox.length * 2 / 8000, 3);
    const at6000 = await prepareFile(vox, 'loud.vox', 'loud.wav', { ...DEFAULTS, voxRate: 6000 });
    expect(at6000.inputSeconds).toBeCloseTo(vox.length * 2 / 6000, 3);
  });

  it('copies the samples of a compliant file whose container check warns of into the canonical one, as convert does', async () => {
    // One prepare serves the page and convert: a download (or an output folder) passes check without a word.
    const samples = sine(1000, 8000, 800);
    const input = waveFile({ format: 'alaw', channels: 1, sampleRate: 8000, samples, fact: true, after: [{ id: 'LIST', body: asciiBytes('INFO') }] });
    expect((await checkBytes(input, 'tone.wav')).warnings.map((warning) => warning.code)).toEqual(['extra-chunk']);
    const prepared = await prepareFile(input, 'tone.wav', 'tone.wav', DEFAULTS);
    expect(prepared.verdict).toBe('converted');
    expect(prepared.bytes!.subarray(58)).toEqual(input.subarray(input.length - 8 - 800 - 4, input.length - 8 - 4));
    expect(await checkBytes(prepared.bytes!, 'tone.wav')).toMatchObject({ ok: true, warnings: [] });
  });

  it('gives a broken file the problem code convert gives it, and no bytes', async () => {
    const prepared = await prepareFile(new TextEncoder().encode('not audio at all'), 'notes.wav', 'notes.wav', DEFAULTS);
    expect(prepared.verdict).toBe('failed');
    expect(prepared.bytes).toBeNull();
    expect(prepared.problems.map((problem) => problem.code)).toEqual(['not-wav']);
  });

  it('refuses a file too long for the size limit with check\'s size problem, and trims it when asked', async () => {
    const input = sample('welcome-stereo-44k.wav');
    const maxBytes = 8058; // one second of A-law after the 58-byte header
    const refused = await prepareFile(input, 'welcome.wav', 'welcome.wav', { ...DEFAULTS, maxBytes });
    expect(refused.verdict).toBe('failed');
    expect(refused.problems.map((problem) => problem.code)).toEqual(['size']);
    expect(refused.sizeLimit).toEqual({ bytes: maxBytes, fitSeconds: 1 });
    expect(refused.seconds).toBeGreaterThan(1);

    const trimmed = await prepareFile(input, 'welcome.wav', 'welcome.wav', { ...DEFAULTS, maxBytes, trim: true });
    expect(trimmed.verdict).toBe('converted');
    expect(trimmed.trimmed).toBe(true);
    expect(trimmed.size).toBe(maxBytes);
  });

  it('normalizes when asked: the peak lands at -1 dBFS', async () => {
    const prepared = await prepareFile(sample('important-48k-24bit.wav'), 'important.wav', 'important.wav', { ...DEFAULTS, normalize: true });
    expect(prepared.verdict).toBe('converted');
    expect(prepared.peakDbfs).toBeCloseTo(-1, 1);
    expect(prepared.gainDb).toBeGreaterThan(0);
  });

  it('treats a compliant file over the size limit as too large, not as kept', async () => {
    const prepared = await prepareFile(canonicalAlawFile(16000), 'long.wav', 'long.wav', { ...DEFAULTS, maxBytes: 8058 });
    expect(prepared.verdict).toBe('failed');
    expect(prepared.problems.map((problem) => problem.code)).toEqual(['size']);
  });
});
