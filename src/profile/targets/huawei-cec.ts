import type { OutputProfile } from '../output-profile.js';

/**
 * Huawei Cloud contact centre (CEC): A-law 8-bit 8000 Hz mono plays as it is (anything else is transcoded on upload,
 * "quality may suffer"); the upload is base64 of at most 8 MB, so the file itself at most 6,000,000 bytes; the
 * voiceFileName is 1-50 Chinese characters, letters and digits, with no extension of its own.
 */
export const HUAWEI_CEC: OutputProfile = {
  id: 'huawei-cec',
  aliases: ['cec'],
  platform: 'Huawei Cloud Contact Center (CEC)',
  encoding: 'alaw',
  sampleRate: 8000,
  channels: 1,
  maxBytes: 6_000_000,
  names: { character: /[\p{Script=Han}A-Za-z0-9]/u, characterWords: 'Chinese characters, letters and digits', maxLength: 50, lengthOf: 'stem', extension: '.wav' },
  source: 'support.huaweicloud.com/api-ccfs-cec/cec_07_0049.html',
  why: 'A-law 8 kHz is what the platform plays without transcoding',
};
