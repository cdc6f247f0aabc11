import { type OutputProfile, RIFF_MAX_BYTES } from '../output-profile.js';

/**
 * FreeSWITCH: mod_sndfile plays what libsndfile reads and resamples it; 16-bit, 8 kHz, mono is the convention of its
 * sound folders (per-rate folders 8000/16000/32000/48000), the one that plays without resampling on a narrowband call.
 */
export const FREESWITCH: OutputProfile = {
  id: 'freeswitch',
  platform: 'FreeSWITCH',
  encoding: 'pcm16',
  sampleRate: 8000,
  channels: 1,
  maxBytes: RIFF_MAX_BYTES,
  names: { character: /[0-9A-Za-z_-]/, characterWords: "digits, letters, '-' and '_'", maxLength: 255, extension: '.wav' },
  source: 'github.com/signalwire/freeswitch src/mod/formats/mod_sndfile/mod_sndfile.c',
  why: '16-bit 8 kHz mono: the sound folders\' convention, played without resampling',
};
