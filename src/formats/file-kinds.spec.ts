import { describe, expect, it } from 'vitest';
import { CONVERTIBLE_EXTENSIONS, FORMAT_OF_EXTENSION, REPORTED_AUDIO_EXTENSIONS, extensionOf } from './file-kinds.js';

describe('file kinds', () => {
  it('knows the format of every extension a search picks up (but .wma, which no reader recognizes)', () => {
    const searched = [...CONVERTIBLE_EXTENSIONS, ...REPORTED_AUDIO_EXTENSIONS];
    expect(searched.filter((extension) => !(extension in FORMAT_OF_EXTENSION))).toEqual(['.wma']);
  });

  it('reads an extension in lower case, and none from a name without one or a hidden file', () => {
    expect(extensionOf('Prompt.MP3')).toBe('.mp3');
    expect(extensionOf('archive.tar.gz')).toBe('.gz');
    expect(extensionOf('README')).toBe('');
    expect(extensionOf('.hidden')).toBe('');
  });
});
