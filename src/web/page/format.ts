import type { Strings } from './strings.js';

const KIB = 1024;
const MIB = 1024 * 1024;

/** Durations as the CLI's report shows them: tenths of a second. */
export function formatSeconds(strings: Strings, seconds: number | null): string {
  return seconds === null ? '-' : strings.seconds(seconds.toFixed(1));
}

/**
 * Sizes as the CLI's report shows them, in binary units (the platform's "2M" is 2 MiB), but labelled KB and MB as
 * the platform's guide writes them.
 */
export function formatSize(bytes: number | null): string {
  if (bytes === null) return '-';
  if (bytes < KIB) return `${bytes} B`;
  if (bytes < MIB) return `${(bytes / KIB).toFixed(1)} KB`;
  return `${(bytes / MIB).toFixed(2)} MB`;
}

export function formatPeak(dbfs: number | null): string {
  return dbfs === null ? '-' : `${dbfs.toFixed(1)} dBFS`;
}

/** A gain with its sign, so that a cut and a boost read differently: '+3.2', '-0.5'. */
export function formatGain(db: number): string {
  return `${db > 0 ? '+' : ''}${db.toFixed(1)}`;
}
