import type { NumberRule, ValueRule } from './arguments.js';

export type { NumberRule } from './arguments.js';

/**
 * The range of each option and the words that say it, in one place: the CLI's parsers (src/cli/option-parsers.ts)
 * and the library's option checks (src/arguments.ts) both judge by these, so `--level abc` and `{ level: NaN }` are
 * refused for the same reason in the same words. The rules that depend on the output (its size, its profile) are in
 * src/pipeline/output-rules.ts, above the writer they ask.
 */

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

/** Something that says a conversion should stop: an AbortSignal, or anything with its `aborted` and `throwIfAborted`. */
export const STOP_SIGNAL: ValueRule = {
  words: 'an AbortSignal',
  acceptsValue: (value) =>
    typeof value === 'object' && value !== null && typeof (value as { throwIfAborted?: unknown }).throwIfAborted === 'function' && 'aborted' in value,
};
