import type { FormatFacts } from '../common/format-facts.js';

/** AIFF and AIFF-C: an IFF FORM of type AIFF or AIFC. */
export const aiffFormat = {
  name: 'AIFF',
  extensions: ['.aif', '.aiff', '.aifc'],
  listed: 2,
} as const satisfies FormatFacts;
