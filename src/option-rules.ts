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

/** A high-pass cutoff in Hz (`--highpass [hz]`): low enough to leave the voice alone, high enough to reach the hum. */
export const HIGHPASS_HZ: NumberRule = {
  words: 'a cutoff in Hz from 20 to 300, such as 100',
  accepts: (value) => Number.isFinite(value) && value >= 20 && value <= 300,
};

/** `highpass` in the library: true for the default cutoff, or a cutoff (false or absent: none). */
export const HIGHPASS: ValueRule = {
  words: `true, or ${HIGHPASS_HZ.words}`,
  acceptsValue: (value) => typeof value === 'boolean' || (typeof value === 'number' && HIGHPASS_HZ.accepts(value)),
};

/** Seconds of silence at one end (`--pad`). */
export const PAD_SECONDS: NumberRule = {
  words: 'seconds from 0 to 30, such as 0.5',
  accepts: (value) => Number.isFinite(value) && value >= 0 && value <= 30,
};

/** `pad` in the library: seconds at both ends, or [start, end]. */
export const PAD: ValueRule = {
  words: `${PAD_SECONDS.words} (both ends), or [start, end]`,
  acceptsValue: (value) =>
    (typeof value === 'number' && PAD_SECONDS.accepts(value)) ||
    (Array.isArray(value) && value.length === 2 && value.every((end) => typeof end === 'number' && PAD_SECONDS.accepts(end))),
};

/** The seconds of silence at each end that a checked `pad` asks for. */
export function padSeconds(pad: number | readonly [number, number] | undefined): [number, number] {
  if (pad === undefined) return [0, 0];
  return typeof pad === 'number' ? [pad, pad] : [pad[0], pad[1]];
}

/** The length of a silent prompt (`voiceprep silence`), seconds; what the size limit holds is checked when it is made. */
export const SILENCE_SECONDS: NumberRule = {
  words: 'seconds above 0, such as 1',
  accepts: (value) => Number.isFinite(value) && value > 0,
};
