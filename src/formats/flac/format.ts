import type { FormatFacts } from '../common/format-facts.js';

/** Native FLAC (not FLAC in Ogg), behind an ID3v2 tag or not. */
export const flacFormat = {
  name: 'FLAC',
  extensions: ['.flac'],
  listed: 6,
} as const satisfies FormatFacts;
