/**
 * The Huawei Cloud Voice Call platform's rules for playback files (shared/SPEC.md), in one place, so that the
 * checker that enforces them and the converter that satisfies them cannot drift apart.
 */

/** Characters a playback file's name may contain: digits, letters, '-', '_', '.', '@'. */
export const NAME_CHARACTER = /[0-9A-Za-z._@-]/;
export const NAME_PATTERN = /^[0-9A-Za-z._@-]+$/;
/** The API parameters that carry the name (waitVoice, notifyVoice, preTone, ...) are strings of 1-128 characters. */
export const MAX_NAME_LENGTH = 128;
export const REQUIRED_EXTENSION = '.wav';
/** "No larger than 2M", read as 2 MiB. */
export const DEFAULT_MAX_FILE_BYTES = 2 * 1024 * 1024;
export const REQUIRED_SAMPLE_RATE = 8000;
export const REQUIRED_CHANNELS = 1;
