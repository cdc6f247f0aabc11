import type { ValueRule } from './arguments.js';
import { isOutputProfile } from './profile/profile.js';
import { CANONICAL_HEADER_BYTES, canonicalFileSize } from './write/canonical-wave.js';

/**
 * The range of each numeric option and the words that say it, in one place: the CLI's parsers (src/cli/option-parsers.ts)
 * and the library's option checks (src/arguments.ts) both judge by these, so `--level abc` and `{ level: NaN }` are
 * refused for the same reason in the same words.
 */
export interface NumberRule {
  /** What is expected, as the end of "expected ...". */
  readonly words: string;
  accepts(value: number): boolean;
}

/** The smallest size limit that leaves room for a sample after the header: anything less could only hold silence. */
export const SMALLEST_SIZE = canonicalFileSize(1);

/** A speech level in dBov, from -60 (barely audible) to 0 (overload). */
export const LEVEL: NumberRule = {
  words: 'a level in dBov from -60 to 0, such as -26',
  accepts: (value) => Number.isFinite(value) && value >= -60 && value <= 0,
};

/** How far from the target a level may be, in dB. */
export const LEVEL_TOLERANCE: NumberRule = {
  words: 'a tolerance in dB above 0 and at most 20, such as 1',
  accepts: (value) => Number.isFinite(value) && value > 0 && value <= 20,
};

/** The sample rate of a Dialogic VOX file, which has no header to say it. */
export const VOX_RATE: NumberRule = {
  words: 'a sample rate in Hz from 1000 to 768000, such as 6000',
  accepts: (value) => Number.isInteger(value) && value >= 1000 && value <= 768000,
};

/** Files converted at once. */
export const JOBS: NumberRule = {
  words: 'a whole number from 1 to 256',
  accepts: (value) => Number.isInteger(value) && value >= 1 && value <= 256,
};

/** The largest file allowed, in bytes. */
export const SIZE: NumberRule = {
  words: `at least ${SMALLEST_SIZE} bytes: a playback file's header alone takes ${CANONICAL_HEADER_BYTES}`,
  accepts: (value) => Number.isSafeInteger(Math.floor(value)) && value >= SMALLEST_SIZE,
};

/** A length in samples of the output (8000 a second): whole samples are kept, so a fraction is rounded down. */
export const SAMPLE_COUNT: NumberRule = {
  words: 'a number of samples (8000 a second) of at least 1, or Infinity',
  accepts: (value) => value >= 1 && (Number.isSafeInteger(Math.floor(value)) || value === Infinity),
};

/** How many input samples are held in memory at once; the bound keeps a slip of the finger from allocating gigabytes. */
export const BLOCK_SAMPLES: NumberRule = {
  words: 'a number of samples from 1 to 16777216, such as 65536',
  accepts: (value) => value >= 1 && value <= 1 << 24,
};

/** An output profile (src/profile): what a platform plays. Its sample rate is 8000 Hz until the resampler makes others. */
export const PROFILE: ValueRule = {
  words: 'an output profile such as HUAWEI_VOICECALL (8000 Hz, mono, an encoding voiceprep writes)',
  acceptsValue: isOutputProfile,
};

/** Something that says a conversion should stop: an AbortSignal, or anything with its `aborted` and `throwIfAborted`. */
export const STOP_SIGNAL: ValueRule = {
  words: 'an AbortSignal',
  acceptsValue: (value) =>
    typeof value === 'object' && value !== null && typeof (value as { throwIfAborted?: unknown }).throwIfAborted === 'function' && 'aborted' in value,
};
