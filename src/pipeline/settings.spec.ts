import { describe, expect, it } from 'vitest';
import { HUAWEI_VOICECALL } from '../profile/profile.js';
import { maxSamplesForFileSize } from '../write/canonical-wave.js';
import { conversionOptions } from './convert-options.js';
import { SIZE_REMEDY, gainConflict, samplesThatFit, tooLargeWords } from './settings.js';

describe('gainConflict', () => {
  it('refuses level with normalize, naming each option as the caller spells it', () => {
    expect(gainConflict({ level: -26, normalize: true })).toBe('level and normalize both set the gain: give one of them');
    expect(gainConflict({ level: -26, normalize: true }, (option) => `--${option}`)).toBe('--level and --normalize both set the gain: give one of them');
    expect(gainConflict({ level: -26 })).toBeNull();
    expect(gainConflict({ normalize: true })).toBeNull();
  });
});

describe('conversionOptions', () => {
  it('makes the size limit a limit in samples, or a cut with trim', () => {
    const fits = maxSamplesForFileSize(100_000);
    expect(conversionOptions({ maxBytes: 100_000 })).toMatchObject({ limitSamples: fits, maxSamples: undefined });
    expect(conversionOptions({ maxBytes: 100_000, trim: true })).toMatchObject({ limitSamples: undefined, maxSamples: fits });
    expect(samplesThatFit({})).toBe(maxSamplesForFileSize(HUAWEI_VOICECALL.maxBytes));
  });

  it('passes the rest on, with the file it is for', () => {
    const options = conversionOptions({ level: -26, trimSilence: true, voxRate: 6000 }, { name: 'a.vox', path: 'in/a.vox' });
    expect(options).toMatchObject({ level: -26, trimSilence: true, voxRate: 6000, name: 'a.vox', path: 'in/a.vox' });
  });

  it('refuses level with normalize in the rule\'s words', () => {
    expect(() => conversionOptions({ level: -26, normalize: true })).toThrow(/^level and normalize both set the gain/);
  });
});

describe('tooLargeWords', () => {
  it('says how long the file is, what the limit holds, and the remedy', () => {
    expect(tooLargeWords(80_000, 80_046, { maxBytes: 8_046 })).toBe(`10.0 s of audio makes a 80046 byte file; 8046 bytes hold 1.0 s: ${SIZE_REMEDY}`);
  });
});
