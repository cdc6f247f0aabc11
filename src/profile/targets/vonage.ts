import { type OutputProfile, RIFF_MAX_BYTES } from '../output-profile.js';

/** Vonage Voice API (stream action): 16-bit mono WAV at 8 or 16 kHz; voiceprep gives it 16 kHz, the wider band. */
export const VONAGE: OutputProfile = {
  id: 'vonage',
  aliases: ['nexmo'],
  platform: 'Vonage Voice API',
  encoding: 'pcm16',
  sampleRate: 16000,
  channels: 1,
  maxBytes: RIFF_MAX_BYTES,
  names: { character: /[0-9A-Za-z._-]/, characterWords: "digits, letters, '-', '_' and '.' (safe in the URL that serves the file)", maxLength: 255, extension: '.wav' },
  source: 'vonage.github.io/vonage-dotnet-sdk/api/Vonage.Voice.StreamCommand.html ("a single-channel 16-bit WAV at 8kHz or 16kHz")',
  why: '16 kHz is the highest rate Vonage plays',
};
