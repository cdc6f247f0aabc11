import { PORTABLE_NAMES } from '../name-rules.js';
import type { OutputProfile } from '../output-profile.js';

/**
 * Alibaba Cloud voice service (语音服务): WAV or MP3, smaller than 2 MB. Its encoding is not documented; A-law 8 kHz is
 * what China's telephone network carries, and fits about 250 s.
 */
export const ALIYUN: OutputProfile = {
  id: 'aliyun',
  aliases: ['alibaba'],
  platform: 'Alibaba Cloud Voice Messaging Service',
  encoding: 'alaw',
  sampleRate: 8000,
  channels: 1,
  maxBytes: 2_000_000 - 1,
  names: PORTABLE_NAMES,
  source: 'help.aliyun.com/zh/vms/user-guide/through-the-api-or-sdk-upload-audio-files',
  why: 'A-law 8 kHz, the law of the network the calls travel (the encoding is not documented)',
};
