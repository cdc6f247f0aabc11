import { ENCODINGS, type EncodingSpec, type OutputEncoding } from './encodings.js';
import type { NameRules } from './name-rules.js';

/**
 * What a platform plays, described once as plain data: the encoding, rate and channels of its playback files, the
 * largest file it takes and the names it accepts. The converter writes to a profile and the checker judges against
 * one; a new platform is a new profile (profiles.ts), not a branch in the pipeline.
 */
export interface OutputProfile {
  /** Its name on the command line and in the library: 'huawei-voicecall'. */
  readonly id: string;
  /** As people know it: 'Huawei Cloud Voice Call'. */
  readonly platform: string;
  readonly encoding: OutputEncoding;
  readonly sampleRate: number;
  readonly channels: 1;
  /** The largest file the platform takes, in bytes: the default size limit. */
  readonly maxBytes: number;
  readonly names: NameRules;
}

export function encodingOf(profile: OutputProfile): EncodingSpec {
  return ENCODINGS[profile.encoding];
}

/**
 * Huawei Cloud Voice Call (../shared/SPEC.md): A-law, 8000 Hz, mono WAV; names of digits, letters, '-', '_', '.'
 * and '@', of 1-128 characters (the API parameters that carry them); "no larger than 2M", read as 2 MiB.
 */
export const HUAWEI_VOICECALL: OutputProfile = {
  id: 'huawei-voicecall',
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
};

/** The profile voiceprep writes and checks when none is named. */
export const DEFAULT_PROFILE = HUAWEI_VOICECALL;

/** Whether `value` is an output profile voiceprep can write and judge by (the library checks options with this). */
export function isOutputProfile(value: unknown): value is OutputProfile {
  if (typeof value !== 'object' || value === null) return false;
  const profile = value as Partial<OutputProfile>;
  const names = profile.names as Partial<OutputProfile['names']> | undefined;
  return (
    typeof profile.id === 'string' &&
    typeof profile.encoding === 'string' &&
    Object.hasOwn(ENCODINGS, profile.encoding) &&
    profile.sampleRate === 8000 &&
    profile.channels === 1 &&
    typeof profile.maxBytes === 'number' &&
    profile.maxBytes > 0 &&
    typeof names === 'object' &&
    names !== null &&
    names.character instanceof RegExp &&
    typeof names.maxLength === 'number' &&
    typeof names.extension === 'string'
  );
}
