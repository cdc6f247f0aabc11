import type { OutputProfile } from '../output-profile.js';

/** Bandwidth playAudio: WAV G.711 mu-law or A-law, or 16-bit PCM; mu-law preferred; up to 250 MB and 1 hour advised. */
export const BANDWIDTH: OutputProfile = {
  id: 'bandwidth',
  platform: 'Bandwidth (BXML <PlayAudio>)',
  encoding: 'ulaw',
  sampleRate: 8000,
  channels: 1,
  maxBytes: 250_000_000,
  maxSeconds: 3600,
  names: { character: /[0-9A-Za-z._-]/, characterWords: "digits, letters, '-', '_' and '.' (safe in the URL that serves the file)", maxLength: 255, extension: '.wav' },
  source: 'dev.bandwidth.com/docs/voice/bxml/playAudio',
  why: 'mu-law (PCMU) is the format Bandwidth prefers',
};
