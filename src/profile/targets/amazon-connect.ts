import type { OutputProfile } from '../output-profile.js';

/**
 * Amazon Connect: prompts are WAV, 8 kHz, mono, mu-law ("otherwise the prompt won't play correctly"), smaller than
 * 50 MB and shorter than 5 minutes; a prompt's name is 1-127 characters.
 */
export const AMAZON_CONNECT: OutputProfile = {
  id: 'amazon-connect',
  aliases: ['connect'],
  platform: 'Amazon Connect',
  encoding: 'ulaw',
  sampleRate: 8000,
  channels: 1,
  maxBytes: 50_000_000 - 1,
  maxSeconds: 300,
  names: { character: /[0-9A-Za-z._-]/, characterWords: "digits, letters, '-', '_' and '.'", maxLength: 127, lengthOf: 'stem', extension: '.wav' },
  source: 'docs.aws.amazon.com/connect/latest/adminguide/play.html',
  why: 'the only encoding Amazon Connect plays correctly',
};
