import type { FileBytes } from '../arguments.js';
import { conversionOptions } from '../pipeline/convert-options.js';
import { convertBytes } from '../pipeline/convert-bytes.js';
import type { ConvertReport } from '../pipeline/report.js';
import { type ConvertSettings, changesSound } from '../pipeline/settings.js';
import { checkBytes } from './check-bytes.js';
import type { FileRecord, Problem } from './file-record.js';
import { problemFrom } from './problem-from.js';

/** What became of one file: kept as it was, converted (and checked), or failed. */
export type Preparation =
  | { kind: 'kept'; asItIs: FileRecord; bytes: Uint8Array; report: ConvertReport }
  | { kind: 'converted'; asItIs: FileRecord; bytes: Uint8Array; report: ConvertReport; result: FileRecord }
  /** `asItIs` is null when the failure came before the input was checked. */
  | { kind: 'failed'; asItIs: FileRecord | null; problem: Problem };

/**
 * Makes one file (held in memory, picked as `inputName`) a playback file named `outputName`: a file that already
 * complies under that name is kept byte for byte (converting it again could only rewrite its container), unless the
 * settings ask to change its sound (level, silence, normalize, even, high-pass, padding); any other is converted as `settings` ask, and the
 * result checked, so that what is handed on is proved, not assumed. A failure is a problem, never an exception.
 */
export async function prepare(input: FileBytes, inputName: string, outputName: string, settings: ConvertSettings): Promise<Preparation> {
  const checks = { profile: settings.profile, maxBytes: settings.maxBytes };
  let asItIs: FileRecord | null = null;
  try {
    asItIs = await checkBytes(input, outputName, checks);
    if (asItIs.ok && !changesSound(settings)) {
      // Decoded only to measure the peak, which a report shows for every file.
      const { report } = await convertBytes(input, { profile: settings.profile });
      return { kind: 'kept', asItIs, bytes: bytesOf(input), report };
    }
    const { bytes, report } = await convertBytes(input, conversionOptions(settings, { name: inputName }));
    return { kind: 'converted', asItIs, bytes, report, result: await checkBytes(bytes, outputName, checks) };
  } catch (error) {
    return { kind: 'failed', asItIs, problem: problemFrom(error) };
  }
}

function bytesOf(input: FileBytes): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}
