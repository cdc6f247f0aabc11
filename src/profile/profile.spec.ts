import { describe, expect, it } from 'vitest';
import { waveFile } from '../../test/support/wav-builder.js';
import { checkBytes } from '../check/check-bytes.js';
import { compliantNameWith, NameAllocator } from './naming.js';
import { convertBytes } from '../pipeline/convert-bytes.js';
import { canonicalLayout } from '../write/canonical-wave.js';
import { ENCODINGS } from './encodings.js';
import { DEFAULT_PROFILE, HUAWEI_VOICECALL, type OutputProfile } from './profile.js';
import { PROFILES } from './profiles.js';

/** A platform that differs from Huawei's in everything a profile may say today but the sound: size and names. */
const STRICT: OutputProfile = {
  ...HUAWEI_VOICECALL,
  id: 'strict-test',
  platform: 'a stricter platform',
  maxBytes: 4000,
  names: { character: /[a-z0-9_]/, characterWords: "lower-case letters, digits and '_'", maxLength: 27, extension: '.wav' },
};

const tone = (seconds: number, rate: number) => Float32Array.from({ length: seconds * rate }, (_, i) => 0.3 * Math.sin((2 * Math.PI * 440 * i) / rate));
const plain = { character: /./u, characterWords: 'anything', maxLength: 999, extension: '.wav' };
const latin = { pinyin: (han: string) => han, latin: (text: string) => text };

describe('the output profile: what a platform plays, as one value', () => {
  it('is Huawei Voice Call by default, and listed by its id', () => {
    expect(DEFAULT_PROFILE).toBe(HUAWEI_VOICECALL);
    expect(PROFILES.get('huawei-voicecall')).toBe(HUAWEI_VOICECALL);
    expect(HUAWEI_VOICECALL).toMatchObject({ encoding: 'alaw', sampleRate: 8000, channels: 1, maxBytes: 2097152 });
  });

  it("lays out the canonical WAV from the profile's encoding: the 58-byte A-law header", () => {
    const layout = canonicalLayout(HUAWEI_VOICECALL);
    expect(layout.headerBytes).toBe(58);
    expect(layout.fileSize(7)).toBe(66);
    expect(layout.maxSamplesForFileSize(2097152)).toBe(2097094);
    expect(canonicalLayout(HUAWEI_VOICECALL)).toBe(layout);
    expect(ENCODINGS.alaw).toMatchObject({ waveTag: 6, bitsPerSample: 8, fmtBytes: 18, fact: true });
  });

  it("copies input already stored as the profile's encoding, rate and channels, and re-encodes the rest", async () => {
    const samples = tone(0.5, 8000);
    const alaw = await convertBytes(waveFile({ format: 'alaw', channels: 1, sampleRate: 8000, samples }));
    const stereo = await convertBytes(waveFile({ format: 'alaw', channels: 2, sampleRate: 8000, samples }));
    const wide = await convertBytes(waveFile({ format: 'alaw', channels: 1, sampleRate: 16000, samples: tone(0.5, 16000) }));
    const mulaw = await convertBytes(waveFile({ format: 'mulaw', channels: 1, sampleRate: 8000, samples }));
    expect([alaw, stereo, wide, mulaw].map(({ report }) => report.passThrough)).toEqual([true, false, false, false]);
  });

  it("judges a file by the profile's size limit and name rules", async () => {
    const file = (await convertBytes(waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: tone(1, 8000) }))).bytes;
    const huawei = await checkBytes(file, 'Welcome-Msg.wav');
    const strict = await checkBytes(file, 'Welcome-Msg.wav', { profile: STRICT });
    expect(huawei.problems).toEqual([]);
    expect(strict.problems.map((problem) => problem.code)).toEqual(['name', 'size']);
    expect(strict.problems[0].message).toContain("'W' '-' 'M'");
    expect(strict.problems[0].message).toContain("only lower-case letters, digits and '_' are allowed");
    expect(strict.problems[1].message).toContain('over the 4000-byte limit');
    expect((await checkBytes(file, 'a'.repeat(24) + '.wav', { profile: STRICT })).problems.map((problem) => problem.message)).toEqual([
      'the name has 28 characters; a stricter platform takes at most 27: rename it, or let "voiceprep convert" choose a compliant name',
      expect.stringContaining('over the 4000-byte limit'),
    ]);
  });

  it("names files by the profile's rules: its length, its characters and its extension", () => {
    const short = { ...plain, maxLength: 12 };
    expect(compliantNameWith('a rather long prompt name.mp3', latin, short)).toBe('a rather.wav');
    const allocator = new NameAllocator(short);
    expect([allocator.claim('abcdefgh.wav'), allocator.claim('abcdefgh.wav')]).toEqual(['abcdefgh.wav', 'abcdef-2.wav']);
    // every character the rules refuse becomes '_' (runs of them one), and a name starts with neither '_' nor '.'
    expect(compliantNameWith('Grüße.mp3', latin, STRICT.names)).toBe('r_e.wav');
    expect(compliantNameWith('Grüße.mp3', latin)).toBe('Gr_e.wav');
  });
});
