import { InvalidArgumentError } from 'commander';
import { CANONICAL_HEADER_BYTES, canonicalFileSize } from '../write/canonical-wave.js';
import { parseSize } from './parse-size.js';

/** The smallest size limit that leaves room for a sample after the header: anything less could only hold silence. */
const SMALLEST_SIZE = canonicalFileSize(1);

/** Commander option parser for --max-size. */
export function sizeOption(text: string): number {
  const bytes = parseSize(text);
  if (bytes === null) throw new InvalidArgumentError('expected a size such as 2MB, 500KB, 1GB or 2097152');
  if (bytes < SMALLEST_SIZE) {
    throw new InvalidArgumentError(`expected at least ${SMALLEST_SIZE} bytes: a playback file's header alone takes ${CANONICAL_HEADER_BYTES}`);
  }
  return bytes;
}

/** Commander option parser for --jobs. */
export function jobsOption(text: string): number {
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return jobs;
}

/** Commander option parser for --level: a speech level in dBov, from -60 (barely audible) to 0 (overload). */
export function levelOption(text: string): number {
  const level = Number(text);
  if (text.trim() === '' || !Number.isFinite(level) || level < -60 || level > 0) {
    throw new InvalidArgumentError('expected a level in dBov from -60 to 0, such as -26');
  }
  return level;
}

/** Commander option parser for --level-tolerance: how far from the target a level may be, in dB. */
export function toleranceOption(text: string): number {
  const tolerance = Number(text);
  if (text.trim() === '' || !Number.isFinite(tolerance) || tolerance <= 0 || tolerance > 20) {
    throw new InvalidArgumentError('expected a tolerance in dB above 0 and at most 20, such as 1');
  }
  return tolerance;
}

/** Commander option parser for --vox-rate: a sample rate in Hz. */
export function rateOption(text: string): number {
  const rate = Number(text);
  if (!Number.isInteger(rate) || rate < 1000 || rate > 768000) throw new InvalidArgumentError('expected a sample rate in Hz from 1000 to 768000, such as 6000');
  return rate;
}
