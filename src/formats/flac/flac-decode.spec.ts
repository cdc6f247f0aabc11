import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { FLAC_FIXTURES, decodeLibFlac, decodeOurs, firstDifference, toVariableBlockSize } from '../../../test/support/flac-streams.js';
import { bytesSource } from '../../source/byte-source.js';
import { readFlacLayout } from './flac-stream.js';

const NAMES = readdirSync(FLAC_FIXTURES).filter((name) => name.endsWith('.flac'));
const FIXTURES = FLAC_FIXTURES;

describe('voiceprep FLAC decoder', () => {
  it('has the fixtures', () => {
    expect(NAMES.length).toBeGreaterThanOrEqual(20);
  });

  for (const name of NAMES) {
    it(`decodes ${name} to libFLAC's samples exactly`, async () => {
      const bytes = readFileSync(new URL(name, FIXTURES));
      const ours = await decodeOurs(bytes);
      const theirs = await decodeLibFlac(bytes);
      expect(ours.warnings).toEqual([]);
      expect(theirs[0].length).toBeGreaterThan(1000);
      expect(firstDifference(ours.channels, theirs)).toBeNull();
    });
  }

  it('decodes a stream of variable block size (frames numbered by their first sample)', async () => {
    const bytes = readFileSync(new URL('stereo-16-frame-odd.flac', FIXTURES));
    const variable = toVariableBlockSize(bytes);
    expect(variable[(await readFlacLayout(bytesSource(variable))).framesStart + 1]).toBe(0xf9);
    const ours = await decodeOurs(variable);
    expect(ours.warnings).toEqual([]);
    expect(firstDifference(ours.channels, await decodeLibFlac(bytes))).toBeNull();
  });
});

