import type { FormatFacts } from '../common/format-facts.js';

/** The formats voiceprep recognizes and describes but does not decode: this folder holds them all. */

/** Matroska and WebM: an EBML header. */
export const matroskaFormat = {
  name: 'Matroska',
  extensions: ['.webm', '.mka'],
  listed: 12,
  refused: true,
} as const satisfies FormatFacts;
