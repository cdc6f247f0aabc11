import type { OutputProfile } from '../output-profile.js';

/** Avaya announcements: WAV, CCITT mu-law (or A-law), 8 kHz, 8-bit, mono; at most 10 MB; names of at most 27 characters. */
export const AVAYA: OutputProfile = {
  id: 'avaya',
  platform: 'Avaya Communication Manager announcements',
  encoding: 'ulaw',
  sampleRate: 8000,
  channels: 1,
  maxBytes: 10_000_000,
  names: { character: /[0-9A-Za-z_-]/, characterWords: "digits, letters, '-' and '_'", maxLength: 27, lengthOf: 'stem', extension: '.wav' },
  source: 'documentation.avaya.com, Communication Manager: announcement files',
  why: 'the announcement board plays 8-bit G.711',
};
