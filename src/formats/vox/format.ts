import type { FormatFacts } from '../common/format-facts.js';

/** Dialogic VOX: no header at all, so known by its name. */
export const voxFormat = {
  name: 'VOX',
  called: 'Dialogic VOX',
  extensions: ['.vox'],
  listed: 11,
} as const satisfies FormatFacts;
