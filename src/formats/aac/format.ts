import type { FormatFacts } from '../common/format-facts.js';

/** Raw AAC in ADTS frames, behind an ID3v2 tag or not. */
export const aacFormat = {
  name: 'AAC',
  extensions: ['.aac'],
  called: 'ADTS AAC (.aac)',
  listed: 9,
} as const satisfies FormatFacts;
