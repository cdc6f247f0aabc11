import type { FormatFacts } from '../common/format-facts.js';

/** Sun/NeXT AU. */
export const auFormat = {
  name: 'AU',
  extensions: ['.au', '.snd'],
  listed: 3,
} as const satisfies FormatFacts;
