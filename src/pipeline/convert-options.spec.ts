import { mkdtempSync, existsSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { canonicalAlawFile, waveFile } from '../../test/support/wav-builder.js';
import { virtualToneWave } from '../../test/support/virtual-wave.js';
import { convert, convertFile } from '../node/convert-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../profile/platform-rules.js';
import { openConversion } from './conversion.js';
import { convertBytes } from './convert-bytes.js';
import { PLATFORM_LIMIT_SAMPLES } from './convert-options.js';

const folder = mkdtempSync(join(tmpdir(), 'voiceprep-limit-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** 327 s of A-law at 8 kHz: a 2.6 MB playback file, which the platform refuses. */
const LONG = canonicalAlawFile(327 * 8000);
const longPath = join(folder, 'long.wav');
writeFileSync(longPath, LONG);

const TOO_LONG = { code: 'too-long', message: expect.stringMatching(/^327\.0 s of audio, and 262\.1 s fit in the platform's 2 MiB/) };

describe('the default limit: a file the platform accepts, or too-long', () => {
  it('is what fits in 2 MiB', () => {
    expect(PLATFORM_LIMIT_SAMPLES).toBe(DEFAULT_MAX_FILE_BYTES - 58);
  });

  it('refuses a 327 s file in convertBytes, convert (bytes and path) and convertFile, writing nothing', async () => {
    await expect(convertBytes(LONG)).rejects.toMatchObject(TOO_LONG);
    await expect(convert(LONG)).rejects.toMatchObject(TOO_LONG);
    await expect(convert(longPath)).rejects.toMatchObject(TOO_LONG);
    const out = join(folder, 'out.wav');
    await expect(convertFile(longPath, out)).rejects.toMatchObject(TOO_LONG);
    expect(existsSync(out)).toBe(false);
    await expect((await openConversion(LONG)).run({ write() {} })).rejects.toMatchObject(TOO_LONG);
  });

  it('takes a file that fits, to the last sample', async () => {
    const { bytes } = await convertBytes(canonicalAlawFile(PLATFORM_LIMIT_SAMPLES));
    expect(bytes.length).toBe(DEFAULT_MAX_FILE_BYTES);
    await expect(convertBytes(canonicalAlawFile(PLATFORM_LIMIT_SAMPLES + 2))).rejects.toMatchObject({ code: 'too-long' });
  });

  it('refuses a file that passes the limit once decoded too (the level is measured first)', async () => {
    const samples = new Float32Array(8000 * 270).map((_, i) => 0.25 * Math.sin(i / 3));
    const pcm = waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples });
    await expect(convertBytes(pcm, { level: -26 })).rejects.toMatchObject({ code: 'too-long', message: expect.stringMatching(/270\.0 s/) });
  });

  it('is changed only when asked: limitSamples raises it, maxSamples cuts to fit', async () => {
    expect((await convertBytes(LONG, { limitSamples: Infinity })).bytes.length).toBe(LONG.length);
    expect((await convert(longPath, { limitSamples: 330 * 8000 })).report.output.seconds).toBe(327);
    const cut = await convertBytes(LONG, { maxSamples: PLATFORM_LIMIT_SAMPLES });
    expect(cut.bytes.length).toBe(DEFAULT_MAX_FILE_BYTES);
    expect(cut.report.trimmed).toBe(true);
    // an explicit limit says its own numbers, without the platform's words
    await expect(convertBytes(LONG, { limitSamples: 8000 })).rejects.toMatchObject({ code: 'too-long', message: '327.0 s of audio, and 1.0 s fit' });
  });

  it('stops at what a RIFF file can hold when the limit is lifted: too-long, not a RangeError', async () => {
    // 2.1 million seconds at 1 kHz: 16.8 billion samples at 8 kHz, past the 32-bit sizes of a RIFF file
    const conversion = await openConversion(virtualToneWave(1000, 1, 2_100_000), { limitSamples: Infinity });
    await expect(conversion.run({ write() {} })).rejects.toMatchObject({ code: 'too-long' });
  });
});
