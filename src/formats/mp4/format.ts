import type { FormatFacts } from '../common/format-facts.js';

/** MP4, M4A, MOV and 3GP: ISO/IEC 14496-12 boxes, 'ftyp' first. What phones record with (AAC). */
export const mp4Format = {
  name: 'MP4',
  called: 'M4A/MP4 (AAC)',
  extensions: ['.m4a', '.mp4', '.3gp'],
  listed: 8,
} as const satisfies FormatFacts;
