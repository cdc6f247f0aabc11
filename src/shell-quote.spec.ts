import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { shellQuote } from './shell-quote.js';

describe('shellQuote', () => {
  it('gives a word that the shell reads back as the same path, never as an option', () => {
    const paths = ['plain.wav', 'dir/a..b.wav', 'a b.wav', "it's.wav", '欢迎.wav', '-rf.wav', 'line\nbreak.wav', 'tab\there\x1b[31m.wav', 'back\\slash.wav', '$HOME.wav'];
    for (const path of paths) {
      const word = shellQuote(path);
      const read = execFileSync('bash', ['-c', `printf '%s' ${word}`], { encoding: 'utf8' });
      expect(read.replace(/^\.\//, '')).toBe(path);
      expect(word.startsWith('-')).toBe(false);
      expect(word).not.toMatch(/[\x00-\x1f]/);
    }
    expect(shellQuote('plain.wav')).toBe('plain.wav');
  });
});
