import { PORTABLE_NAMES } from '../name-rules.js';
import { type OutputProfile, RIFF_MAX_BYTES } from '../output-profile.js';

/**
 * Twilio <Play>: plays by content type (audio/wav among them); mu-law 8 kHz is what the phone network carries, so it
 * plays with no transcoding. No size or name rule is documented: the URL carries the name.
 */
export const TWILIO: OutputProfile = {
  id: 'twilio',
  platform: 'Twilio (TwiML <Play>)',
  encoding: 'ulaw',
  sampleRate: 8000,
  channels: 1,
  maxBytes: RIFF_MAX_BYTES,
  names: { ...PORTABLE_NAMES, characterWords: "digits, letters, '-', '_' and '.' (safe in the URL that serves the file)" },
  source: 'twilio.com/docs/voice/twiml/play',
  why: 'mu-law 8 kHz is what a call carries: played without transcoding',
};
