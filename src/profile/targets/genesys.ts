import type { OutputProfile } from '../output-profile.js';

/**
 * Genesys Cloud user prompts: WAV up to 25 MB; a prompt's name is at most 200 characters, of letters, digits and '_',
 * starting with a letter. Every upload is transcoded, so voiceprep gives it lossless 16-bit PCM.
 */
export const GENESYS: OutputProfile = {
  id: 'genesys',
  aliases: ['purecloud'],
  platform: 'Genesys Cloud',
  encoding: 'pcm16',
  sampleRate: 8000,
  channels: 1,
  maxBytes: 25_000_000,
  names: {
    character: /[0-9A-Za-z_]/,
    characterWords: "letters, digits and '_'",
    maxLength: 200,
    lengthOf: 'stem',
    first: { character: /[A-Za-z]/, words: 'a letter' },
    extension: '.wav',
  },
  source: 'help.mypurecloud.com, user prompts (?p=6082)',
  why: 'Genesys transcodes every upload: 16-bit PCM gives it nothing already lost',
};
