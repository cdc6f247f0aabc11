import type { FormatFacts } from '../common/format-facts.js';

/** MPEG-1, 2 and 2.5 audio, layers I, II and III. */
export const mp3Format = {
  name: 'MP3',
  extensions: ['.mp3', '.mp2', '.mp1'],
  listed: 5,
} as const satisfies FormatFacts;
