import { VoiceprepError } from '../errors.js';
import type { SourceWarning } from '../source/audio-source.js';

/**
 * What an input's reader says when the file holds less than its header promises: a WAV, AIFF, CAF or AU whose data
 * runs past the end of the file, a WAV whose writer has not yet filled in the data size, a compressed stream cut off.
 * All of these are also what a file still being written looks like. A writer that paused (or writes the header for
 * the full length first) leaves the size and time unchanged while one converts, so the check that the input did not
 * change cannot catch it; these warnings can.
 */
const CUT_SHORT: Readonly<Record<string, string>> = {
  'data-truncated': 'it is shorter than its header says',
  'data-size-unset': 'its header gives no length for its samples',
  truncated: 'it is cut short',
};

/**
 * Throws unless the input looks whole, for a conversion that replaces or removes its input (`--in-place`,
 * `convertFile(a, a)`): its output would be all that is left, so half a recording must not stand for the whole.
 * A cut-short file can still be converted into another file, which keeps it.
 */
export function assertWholeInput(warnings: readonly SourceWarning[]): void {
  const cut = warnings.find((warning) => CUT_SHORT[warning.code] !== undefined);
  if (cut === undefined) return;
  throw new VoiceprepError(
    'io',
    `${CUT_SHORT[cut.code]}: is it still being written? not replaced; convert it again once it is complete ` +
      '(or into another file, which keeps it)',
  );
}
