import type { OutputProfile } from '../output-profile.js';

/**
 * Huawei Cloud Voice Call (../shared/SPEC.md): A-law, 8000 Hz, mono WAV; names of digits, letters, '-', '_', '.'
 * and '@', of 1-128 characters (the API parameters that carry them); "no larger than 2M", read as 2 MiB.
 */
export const HUAWEI_VOICECALL: OutputProfile = {
  id: 'huawei-voicecall',
  aliases: ['huawei'],
  platform: 'Huawei Cloud Voice Call',
  encoding: 'alaw',
  sampleRate: 8000,
  channels: 1,
  maxBytes: 2 * 1024 * 1024,
  names: {
    character: /[0-9A-Za-z._@-]/,
    characterWords: "digits, letters, '-', '_', '.' and '@'",
    maxLength: 128,
    extension: '.wav',
  },
  source: 'support.huaweicloud.com/VoiceCall_faq/VoiceCall_faq_00017.html; the playback-file guide (放音文件)',
  why: 'the only encoding the platform plays',
};
