import { ENCODINGS, type EncodingSpec, type OutputEncoding } from './encodings.js';
import type { NameRules } from './name-rules.js';

/**
 * The output rates voiceprep's resampler makes (src/resample designs its filters for these): narrowband telephony,
 * and wideband where a platform plays it.
 */
export const OUTPUT_RATES = [8000, 16000] as const;
export type OutputRate = (typeof OUTPUT_RATES)[number];

/**
 * What a platform plays, described once as plain data: the encoding, rate and channels of its playback files, the
 * largest file and the longest prompt it takes and the names it accepts, with where each rule was read. The
 * converter writes to a profile and the checker judges against one; a new platform is a new file in
 * src/profile/targets/ and a line in src/profile/profiles.ts, not a branch in the pipeline.
 */
export interface OutputProfile {
  /** Its name on the command line, in the config file and in the library: 'huawei-voicecall'. */
  readonly id: string;
  /** Other names `--target` takes for it: 'huawei'. */
  readonly aliases?: readonly string[];
  /** As people know it: 'Huawei Cloud Voice Call'. */
  readonly platform: string;
  readonly encoding: OutputEncoding;
  readonly sampleRate: OutputRate;
  readonly channels: 1;
  /** The largest file the platform takes, in bytes: the default size limit (RIFF's 4 GiB when none is documented). */
  readonly maxBytes: number;
  /** A prompt must be shorter than this many seconds, when the platform says so. */
  readonly maxSeconds?: number;
  readonly names: NameRules;
  /** Where the rules were read (a URL, or a source file), and why this encoding where the platform takes several. */
  readonly source?: string;
  readonly why?: string;
}

/** RIFF's sizes are 32-bit: the limit of a platform that documents none. */
export const RIFF_MAX_BYTES = 0xffffffff;

export function encodingOf(profile: OutputProfile): EncodingSpec {
  return ENCODINGS[profile.encoding];
}

/** Whether `value` is an output profile voiceprep can write and judge by (the library checks options with this). */
export function isOutputProfile(value: unknown): value is OutputProfile {
  if (typeof value !== 'object' || value === null) return false;
  const profile = value as Partial<OutputProfile>;
  const names = profile.names as Partial<OutputProfile['names']> | undefined;
  return (
    typeof profile.id === 'string' &&
    typeof profile.encoding === 'string' &&
    Object.hasOwn(ENCODINGS, profile.encoding) &&
    (OUTPUT_RATES as readonly unknown[]).includes(profile.sampleRate) &&
    profile.channels === 1 &&
    typeof profile.maxBytes === 'number' &&
    profile.maxBytes > 0 &&
    (profile.maxSeconds === undefined || (typeof profile.maxSeconds === 'number' && profile.maxSeconds > 0)) &&
    typeof names === 'object' &&
    names !== null &&
    names.character instanceof RegExp &&
    typeof names.maxLength === 'number' &&
    typeof names.extension === 'string'
  );
}
