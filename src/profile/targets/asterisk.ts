import { type OutputProfile, RIFF_MAX_BYTES } from '../output-profile.js';

/**
 * Asterisk: a `.wav` is read by format_wav.c only as 16-bit PCM, 8000 Hz, mono ("Unexpected frequency mismatch",
 * "Not in mono"); the extension picks the format, so it must be '.wav' in lower case ('.WAV' is read as GSM by
 * format_wav_gsm.c); Playback() splits its argument on '&', so a name holds none.
 */
export const ASTERISK: OutputProfile = {
  id: 'asterisk',
  platform: 'Asterisk',
  encoding: 'pcm16',
  sampleRate: 8000,
  channels: 1,
  maxBytes: RIFF_MAX_BYTES,
  names: { character: /[0-9A-Za-z_-]/, characterWords: "digits, letters, '-' and '_'", maxLength: 255, extension: '.wav', extensionCase: 'exact' },
  source: 'github.com/asterisk/asterisk formats/format_wav.c, formats/format_wav_gsm.c, apps/app_playback.c',
  why: 'the only WAV encoding format_wav.c reads',
};
