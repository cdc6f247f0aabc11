import { VoiceprepError } from '../errors.js';
import type { ResolvedConvertOptions } from './convert-options.js';
import { MAX_TRIMMED_SILENCE_SECONDS, type Output, trimmedSilenceSamples } from './output-target.js';

/**
 * The words a conversion refuses a file too long in: the library's (the CLI adds its own remedy to them, see
 * src/pipeline/settings.ts).
 */

/**
 * How a length is over a limit of `limit` samples at `rate`: "327.0 s of audio, and 262.1 s fit" when `samples` is the
 * whole length (`exact`), else "more than 262.1 s of audio, which is all that fits" (found as decoding passed it).
 */
export function overLimitWords(samples: number, limit: number, rate: number, exact: boolean): string {
  const fit = (limit / rate).toFixed(1);
  return exact ? `${(samples / rate).toFixed(1)} s of audio, and ${fit} s fit` : `more than ${fit} s of audio, which is all that fits`;
}

/** `exact`: `samples` is the whole output's length; else the output has passed the limit at `samples` and goes on. */
export function tooLong(samples: number, options: ResolvedConvertOptions, output: Output, exact: boolean): VoiceprepError {
  const limit = options.limitSamples;
  const fit = (limit / output.rate).toFixed(1);
  const seconds = (samples / output.rate).toFixed(1);
  if (options.trimSilence) {
    const length = exact ? `${seconds} s` : `more than ${((limit + trimmedSilenceSamples(output)) / output.rate).toFixed(1)} s`;
    return new VoiceprepError('too-long', `${length} of audio, and ${fit} s fit: trimming silence takes off at most ${MAX_TRIMMED_SILENCE_SECONDS} s`);
  }
  const told = overLimitWords(samples, limit, output.rate, exact);
  // The CLI always gives its limit and says its own remedy; a script that gave none learns what decided it.
  const remedy = options.platformLimit ? ` in the platform's ${sizeWords(output.profile.maxBytes)} (maxSamples cuts a file to fit; limitSamples sets another limit)` : '';
  return new VoiceprepError('too-long', told + remedy);
}

/** A size limit as the platform states it: 2097152 bytes is "2 MiB". */
function sizeWords(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}
