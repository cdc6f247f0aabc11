import type { NumberRule, ValueRule } from '../arguments.js';
import { isOutputProfile } from '../profile/profile.js';
import { CANONICAL_HEADER_BYTES, canonicalFileSize } from '../write/canonical-wave.js';

/**
 * The options that describe the output, checked in the CLI's and the library's same words (see src/option-rules.ts
 * for the others): these ask the writer and the profile, so they sit above them.
 */

/** The smallest size limit that leaves room for a sample after the header: anything less could only hold silence. */
export const SMALLEST_SIZE = canonicalFileSize(1);

/** The largest file allowed, in bytes. */
export const SIZE: NumberRule = {
  words: `at least ${SMALLEST_SIZE} bytes: a playback file's header alone takes ${CANONICAL_HEADER_BYTES}`,
  accepts: (value) => Number.isSafeInteger(Math.floor(value)) && value >= SMALLEST_SIZE,
};

/** An output profile (src/profile): what a platform plays. Its sample rate is 8000 Hz until the resampler makes others. */
export const PROFILE: ValueRule = {
  words: 'an output profile such as HUAWEI_VOICECALL (8000 Hz, mono, an encoding voiceprep writes)',
  acceptsValue: isOutputProfile,
};
