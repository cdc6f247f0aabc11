import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { flacBomb } from '../../test/support/flac-bomb.js';
import { checkBytes } from '../check/check-bytes.js';
import { bytesSource } from '../source/byte-source.js';
import { canonicalFileSize } from '../write/canonical-wave.js';
import { MAX_TRIMMED_SILENCE_SECONDS, openConversion } from './conversion.js';
import { OutputRatePass } from './output-rate-pass.js';
import { GrowingBytes } from '../write/growing-bytes.js';

/**
 * Issue 25, item 7: a FLAC of 16-byte frames that each decode to 65535 samples claims 41 hours in 1.5 MB. The size
 * limit must bound what is decoded under every option, not only the plain conversion's. The bombs here are 300
 * frames at 8000 Hz, 2457 s: long enough that decoding all of it is the failure, short enough to fail quickly.
 */
const RATE = 8000;
const FRAMES = 300;
const BLOCK = 65535;
const LIMIT = 10 * RATE;
/** Slack for what a pass decodes past the samples it needs: the filters' look-ahead, one FLAC frame's tail. */
const SLACK = RATE;
const tone = (frame: number) => (frame % 2 ? 8000 : -8000);
/** Its length exact in STREAMINFO, so a header can refuse it. */
const exact = flacBomb({ frames: FRAMES, blockSize: BLOCK, sampleRate: RATE, value: tone });
/** STREAMINFO and the frames disagree, so its length is an estimate and only decoding can find it too long. */
const estimated = flacBomb({ frames: FRAMES, blockSize: BLOCK, sampleRate: RATE, value: tone, claimedSamples: 1_000_000 });

/** 8 kHz samples that passes over the input produced: what decoding cost. */
let produced = 0;
beforeEach(() => {
  produced = 0;
  const run = OutputRatePass.prototype.run;
  vi.spyOn(OutputRatePass.prototype, 'run').mockImplementation(function (this: OutputRatePass, consume) {
    return run.call(this, (block) => {
      produced += block.length;
      return consume(block);
    });
  });
});
afterEach(() => vi.restoreAllMocks());

async function convert(file: Uint8Array, options: Parameters<typeof openConversion>[1]) {
  const conversion = await openConversion(bytesSource(file), { name: 'bomb.flac', ...options });
  return conversion.run(new GrowingBytes(canonicalFileSize(LIMIT)));
}

describe('a decompression bomb under every option that measures first', () => {
  it.each([
    ['level', { level: -26 }],
    ['normalize', { normalize: true }],
  ] as const)('with %s, is refused once its output passes the limit, not decoded to its end', async (_, options) => {
    await expect(convert(estimated, { limitSamples: LIMIT, ...options })).rejects.toMatchObject({ code: 'too-long' });
    expect(produced).toBeLessThan(LIMIT + SLACK);
  });

  it('with trimSilence, is refused from its header when even the silence trimming removes cannot make it fit', async () => {
    const refused = convert(exact, { limitSamples: LIMIT, trimSilence: true, level: -26 });
    await expect(refused).rejects.toMatchObject({ code: 'too-long', message: expect.stringMatching(/2457\.\d s of audio, and 10\.0 s fit: trimming silence takes off at most 300 s/) });
    expect(produced).toBe(0);
  });

  it('with trimSilence, is refused from its estimate once it passes the limit and the silence trimming may remove', async () => {
    await expect(convert(estimated, { limitSamples: LIMIT, trimSilence: true })).rejects.toMatchObject({ code: 'too-long', message: expect.stringMatching(/more than 310\.0 s of audio/) });
    expect(produced).toBeLessThan(LIMIT + MAX_TRIMMED_SILENCE_SECONDS * RATE + SLACK);
  });

  it('with trimSilence and a cut, converts what fits from what was measured, cut and faded', async () => {
    const report = await convert(estimated, { maxSamples: LIMIT, trimSilence: true, level: -26 });
    expect(report.output.samples).toBe(LIMIT);
    expect(report.trimmed).toBe(true);
    // the first pass is kept in memory and replayed: nothing is decoded twice
    expect(produced).toBeLessThan(LIMIT + MAX_TRIMMED_SILENCE_SECONDS * RATE + SLACK);
  });

  it('under check --level, is a size problem with no level, found from its header or once it passes the limit', async () => {
    for (const [file, decoded] of [[exact, 0], [estimated, LIMIT + SLACK]] as const) {
      produced = 0;
      const record = await checkBytes(file, 'bomb.flac', { level: -26, maxBytes: canonicalFileSize(LIMIT) });
      expect(record.levels).toBeNull();
      expect(record.problems.map((problem) => problem.code)).toEqual(['name', 'not-wav', 'size']);
      expect(record.problems[2].message).toMatch(/, so its level was not measured: cut it to fit with "voiceprep convert bomb\.flac -o <folder> --trim"/);
      expect(produced).toBeLessThanOrEqual(decoded);
    }
  });
});
