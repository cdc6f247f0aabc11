import type { FormatFacts } from '../common/format-facts.js';

/** The formats voiceprep recognizes and describes but does not decode: this folder holds them all. */

/** MP4, M4A, MOV and 3GP: ISO/IEC 14496-12 boxes, 'ftyp' first. */
export const mp4Format = {
  name: 'MP4',
  extensions: ['.m4a', '.mp4'],
  listed: 9,
  refused: true,
} as const satisfies FormatFacts;

/** Raw AAC in ADTS frames, behind an ID3v2 tag or not. */
export const aacFormat = {
  name: 'AAC',
  extensions: ['.aac'],
  listed: 10,
  refused: true,
} as const satisfies FormatFacts;

export const amrFormat = {
  name: 'AMR',
  extensions: ['.amr'],
  listed: 11,
  refused: true,
} as const satisfies FormatFacts;

/** Matroska and WebM: an EBML header. */
export const matroskaFormat = {
  name: 'Matroska',
  extensions: ['.webm', '.mka'],
  listed: 12,
  refused: true,
} as const satisfies FormatFacts;
