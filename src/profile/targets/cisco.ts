import { type OutputProfile, RIFF_MAX_BYTES } from '../output-profile.js';

/** Cisco UCCX and CUCM: RIFF WAVE, G.711 mu-law (or A-law), 8 kHz, 8-bit, mono; names of letters, digits and '_'. */
export const CISCO: OutputProfile = {
  id: 'cisco',
  aliases: ['uccx'],
  platform: 'Cisco UCCX / CUCM',
  encoding: 'ulaw',
  sampleRate: 8000,
  channels: 1,
  maxBytes: RIFF_MAX_BYTES,
  names: { character: /[0-9A-Za-z_]/, characterWords: "digits, letters and '_'", maxLength: 255, extension: '.wav' },
  source: 'developer.cisco.com/docs/contact-center-express/about-prompts',
  why: 'mu-law, the G.711 law of the North American systems it mostly serves',
};
