import type { FormatFacts } from '../common/format-facts.js';

/** The Ogg container; its reader decodes Vorbis and Opus streams. */
export const oggFormat = {
  name: 'Ogg',
  called: 'Ogg Vorbis and Opus',
  extensions: ['.ogg', '.oga', '.opus'],
  listed: 7,
} as const satisfies FormatFacts;
