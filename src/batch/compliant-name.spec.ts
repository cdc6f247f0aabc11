import { describe, expect, it } from 'vitest';
import { MAX_NAME_LENGTH, NAME_PATTERN } from '../profile/platform-rules.js';
import { NameAllocator } from '../profile/naming.js';
import { compliantName } from './compliant-name.js';

describe('compliantName', () => {
  it('keeps a compliant name, normalising only the extension case', () => {
    expect(compliantName('wait_voice1.wav')).toBe('wait_voice1.wav');
    expect(compliantName('a-b.c@d.wav')).toBe('a-b.c@d.wav');
    expect(compliantName('UPPER.WAV')).toBe('UPPER.wav');
  });

  it('turns Chinese into pinyin', () => {
    expect(compliantName('欢迎致电.wav')).toBe('huanyingzhidian.wav');
    expect(compliantName('等待音 1.wav')).toBe('dengdaiyin_1.wav');
  });

  it('transliterates other scripts and accents', () => {
    expect(compliantName('こんにちは.wav')).toBe('konnitiha.wav');
    expect(compliantName('Привет.wav')).toBe('Privet.wav');
    expect(compliantName('Ünïcödé.wav')).toBe('Unicode.wav');
  });

  it('replaces spaces and other characters with _ and drops emoji', () => {
    expect(compliantName('IVR menu (old).wav')).toBe('IVR_menu_old.wav');
    expect(compliantName('hold 😀 music.wav')).toBe('hold_music.wav');
    expect(compliantName('😀😀.wav')).toBe('prompt.wav');
  });

  it('never starts a name with - or . (an option to a shell, a hidden file)', () => {
    expect(compliantName('-rf.wav')).toBe('rf.wav');
    expect(compliantName('.hidden.wav')).toBe('hidden.wav');
  });

  it('gives every name the .wav extension and at most 128 characters', () => {
    expect(compliantName('prompt.mp3')).toBe('prompt.wav');
    expect(compliantName('欢迎.FLAC')).toBe('huanying.wav');
    expect(compliantName('notes.txt')).toBe('notes.txt.wav');
    const long = compliantName(`${'长'.repeat(100)}.wav`);
    expect(long.length).toBeLessThanOrEqual(MAX_NAME_LENGTH);
    expect(long.endsWith('.wav')).toBe(true);
  });

  it('always produces a name the platform accepts', () => {
    for (const name of ['a b', '..', '\n', 'x\u0000y', '%%%.WAV', 'naïve café', 'Ελληνικά', '한국어', 'עברית']) {
      const result = compliantName(name);
      expect(result).toMatch(NAME_PATTERN);
      expect(result).toMatch(/^[0-9A-Za-z_@].*\.wav$/);
    }
  });
});

describe('NameAllocator', () => {
  it('gives colliding names -2, -3 suffixes, ignoring case', () => {
    const names = new NameAllocator();
    expect(names.claim('a.wav')).toBe('a.wav');
    expect(names.claim('A.wav')).toBe('A-2.wav');
    expect(names.claim('a.wav')).toBe('a-3.wav');
  });

  it('keeps a suffixed name within 128 characters', () => {
    const names = new NameAllocator();
    const long = `${'x'.repeat(124)}.wav`;
    names.claim(long);
    const second = names.claim(long);
    expect(second.length).toBe(128);
    expect(second.endsWith('-2.wav')).toBe(true);
  });
});
