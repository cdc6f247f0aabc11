import { type BigIntStats, statSync } from 'node:fs';

/** A conversion under way: its staging file, and the identity of what was at its target when it began. */
export interface InFlight {
  temp: string;
  output: string;
  before: BigIntStats | null;
}

function identity(path: string): BigIntStats | null {
  return statSync(path, { bigint: true, throwIfNoEntry: false }) ?? null;
}

function sameFile(a: BigIntStats | null, b: BigIntStats | null): boolean {
  return a !== null && b !== null && a.dev === b.dev && a.ino === b.ino;
}

/**
 * Whether the job's output is in place. The final move (a hard link, or a rename) puts the staging file's inode at
 * the target: so the target is ours if it is the staging file itself, or if the staging file is gone and the
 * target is no longer what was there before.
 */
export function committed(job: InFlight): boolean {
  const target = identity(job.output);
  if (target === null) return false;
  const temp = identity(job.temp);
  return temp !== null ? sameFile(temp, target) : !sameFile(job.before, target);
}

/** Call before the job starts: records what is at the target, so that a later move onto it can be recognised. */
export function inFlight(temp: string, output: string): InFlight {
  return { temp, output, before: identity(output) };
}
