import type { FormatFacts } from '../common/format-facts.js';

/** AMR and AMR-WB speech (RFC 4867 storage format): phone call recorders and older phones. */
export const amrFormat = {
  name: 'AMR',
  extensions: ['.amr', '.awb'],
  listed: 10,
} as const satisfies FormatFacts;
