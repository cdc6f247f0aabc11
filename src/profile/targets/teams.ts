import { PORTABLE_NAMES } from '../name-rules.js';
import type { OutputProfile } from '../output-profile.js';

/**
 * Microsoft Teams auto attendants and call queues: WAV (linear PCM 8/16/32-bit, mono or stereo), WMA or MP3, at most
 * 5 MB. Teams plays wideband, so 16-bit 16 kHz mono: the best it plays, and 156 s fit.
 */
export const TEAMS: OutputProfile = {
  id: 'teams',
  platform: 'Microsoft Teams (auto attendants, call queues)',
  encoding: 'pcm16',
  sampleRate: 16000,
  channels: 1,
  maxBytes: 5_000_000,
  names: PORTABLE_NAMES,
  source: 'learn.microsoft.com/microsoftteams/plan-auto-attendant-call-queue; Import-CsOnlineAudioFile',
  why: 'Teams plays wideband: 16-bit 16 kHz PCM keeps the whole 7 kHz of speech',
};
