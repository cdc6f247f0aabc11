import type { FormatFacts } from '../common/format-facts.js';

/** Apple's Core Audio Format. */
export const cafFormat = {
  name: 'CAF',
  extensions: ['.caf'],
  listed: 4,
} as const satisfies FormatFacts;
