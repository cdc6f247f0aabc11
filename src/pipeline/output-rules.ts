import type { NumberRule, ValueRule } from '../arguments.js';
import { VoiceprepError } from '../errors.js';
import { isOutputProfile, type OutputProfile } from '../profile/profile.js';
import { TARGETS } from '../profile/profiles.js';
import { isTargetName, targetNamed } from '../profile/target-named.js';
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

/** An output profile (src/profile): what a platform plays, at a rate the resampler makes (8000 or 16000 Hz). */
export const PROFILE: ValueRule = {
  words: 'an output profile such as HUAWEI_VOICECALL (8000 or 16000 Hz, mono, an encoding voiceprep writes)',
  acceptsValue: isOutputProfile,
};

/** A target by name: 'amazon-connect', or an alias such as 'huawei' (`voiceprep targets` lists them). */
export const TARGET: ValueRule = {
  words: `a target's name: ${TARGETS.map((target) => target.id).join(', ')}`,
  acceptsValue: isTargetName,
};

/**
 * The profile that checked options ask for: `target` by name or `profile` as a value (both only if they agree), or
 * none (then the default). The library's options take either; everything below them sees only `profile`.
 */
export function withTargetProfile<T extends { target?: string; profile?: OutputProfile }>(options: T): Omit<T, 'target'> {
  const { target, ...rest } = options;
  if (target === undefined) return rest;
  const named = targetNamed(target);
  if (rest.profile !== undefined && rest.profile.id !== named.id) {
    throw new VoiceprepError('invalid-argument', `target ${JSON.stringify(target)} and profile ${JSON.stringify(rest.profile.id)} disagree: give one of them`);
  }
  return { ...rest, profile: rest.profile ?? named };
}
