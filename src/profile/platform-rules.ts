import { HUAWEI_VOICECALL } from './profile.js';

/**
 * The Huawei Cloud Voice Call platform's rules for playback files (shared/SPEC.md), under the names the library has
 * always exported. They are read from its output profile (src/profile/profile.ts), the one place they are written.
 */

/** Characters a playback file's name may contain: digits, letters, '-', '_', '.', '@'. */
export const NAME_CHARACTER = HUAWEI_VOICECALL.names.character;
export const NAME_PATTERN = new RegExp(`^${HUAWEI_VOICECALL.names.character.source}+$`);
/** The API parameters that carry the name (waitVoice, notifyVoice, preTone, ...) are strings of 1-128 characters. */
export const MAX_NAME_LENGTH = HUAWEI_VOICECALL.names.maxLength;
export const REQUIRED_EXTENSION = HUAWEI_VOICECALL.names.extension;
/** "No larger than 2M", read as 2 MiB. */
export const DEFAULT_MAX_FILE_BYTES = HUAWEI_VOICECALL.maxBytes;
export const REQUIRED_SAMPLE_RATE = HUAWEI_VOICECALL.sampleRate;
export const REQUIRED_CHANNELS = HUAWEI_VOICECALL.channels;
