import { InvalidArgumentError } from 'commander';
import { parseSize } from './parse-size.js';

/** Commander option parser for --max-size. */
export function sizeOption(text: string): number {
  const bytes = parseSize(text);
  if (bytes === null) throw new InvalidArgumentError('expected a size such as 2MB, 500KB, 1GB or 2097152');
  return bytes;
}

/** Commander option parser for --jobs. */
export function jobsOption(text: string): number {
  const jobs = Number(text);
  if (!Number.isInteger(jobs) || jobs < 1 || jobs > 256) throw new InvalidArgumentError('expected a whole number from 1 to 256');
  return jobs;
}
