import { InvalidArgumentError } from 'commander';
import { HIGHPASS_HZ, JOBS, LEVEL, LEVEL_TOLERANCE, type NumberRule, PAD_SECONDS, VOX_RATE } from '../option-rules.js';
import { SIZE, TARGET } from '../pipeline/output-rules.js';
import { targetNamed } from '../profile/target-named.js';
import { parseSize } from './parse-size.js';

/**
 * Commander's parsers for the numeric flags. The ranges and their words are src/option-rules.ts's, shared with the
 * library's option checks; what is the CLI's own is reading text (an empty --level is not 0).
 */
function numberOption(rule: NumberRule): (text: string) => number {
  return (text) => {
    const value = Number(text);
    if (text.trim() === '' || !rule.accepts(value)) throw new InvalidArgumentError(`expected ${rule.words}`);
    return value;
  };
}

/** --max-size: a size such as 2MB (binary units, as the platform's "2M" means 2 MiB). */
export function sizeOption(text: string): number {
  const bytes = parseSize(text);
  if (bytes === null) throw new InvalidArgumentError('expected a size such as 2MB, 500KB, 1GB or 2097152');
  if (!SIZE.accepts(bytes)) throw new InvalidArgumentError(`expected ${SIZE.words}`);
  return bytes;
}

/** --jobs */
export const jobsOption = numberOption(JOBS);
/** --level: a speech level in dBov. */
export const levelOption = numberOption(LEVEL);
/** --level-tolerance: how far from the target a level may be, in dB. */
export const toleranceOption = numberOption(LEVEL_TOLERANCE);
/** --vox-rate: a sample rate in Hz. */
export const rateOption = numberOption(VOX_RATE);

/** --target: a target's id or alias, in any case; its id is kept. */
export function targetOption(text: string): string {
  if (!TARGET.acceptsValue(text)) throw new InvalidArgumentError(`expected ${TARGET.words} (voiceprep targets lists them)`);
  return targetNamed(text).id;
}

/**
 * --review [file]: the page's name must end in .html, so that a file meant as an input (`--review a.wav b.wav`,
 * where commander takes a.wav as the page) is never overwritten with HTML.
 */
export function reviewOption(text: string): string {
  if (!/\.html?$/i.test(text)) throw new InvalidArgumentError(`expected a file name ending in .html (got '${text}'): give --review last, or as --review=review.html`);
  return text;
}

/** --highpass [hz]: a cutoff in Hz (commander gives true when the flag comes alone). */
export const highpassOption = numberOption(HIGHPASS_HZ);

/** --pad <seconds> or --pad <start>,<end>: seconds of silence at both ends, or at each. */
export function padOption(text: string): number | [number, number] {
  const parts = text.split(',');
  const parse = numberOption(PAD_SECONDS);
  if (parts.length > 2) throw new InvalidArgumentError(`expected ${PAD_SECONDS.words}, or <start>,<end> such as 0.5,0.2`);
  try {
    return parts.length === 1 ? parse(parts[0]) : [parse(parts[0]), parse(parts[1])];
  } catch {
    throw new InvalidArgumentError(`expected ${PAD_SECONDS.words}, or <start>,<end> such as 0.5,0.2`);
  }
}
