/**
 * The output profile (output-profile.ts) and the one every part of voiceprep falls back to: Huawei Voice Call's,
 * where voiceprep began. Every target is listed in profiles.ts.
 */
export { encodingOf, isOutputProfile, type OutputProfile, type OutputRate, OUTPUT_RATES, RIFF_MAX_BYTES } from './output-profile.js';
import { HUAWEI_VOICECALL } from './targets/huawei-voicecall.js';

export { HUAWEI_VOICECALL };

/** The profile voiceprep writes and checks when none is named. */
export const DEFAULT_PROFILE = HUAWEI_VOICECALL;
