import {
  OUTPUT_SAMPLE_RATE,
  checkBytes,
  convertBytes,
  maxSamplesForFileSize,
} from '../../core.js';
import { conversionOptions } from '../../pipeline/convert-options.js';
import type { ConvertSettings } from '../../pipeline/settings.js';
import { problemFrom } from '../../check/problem-from.js';
import { failedFile, type PageOptions, type PreparedFile } from '../prepared-file.js';

/** The level the page's "Speech level" option brings prompts to: the reference level of ITU-T speech testing. */
export const PAGE_LEVEL_DBOV = -26;

/**
 * Turns one input (picked as `inputName`) into a playback file named `outputName`, as `voiceprep convert` would, and
 * proves the result with `checkBytes`. A file that already complies under that name is kept byte for byte (converting
 * it again could only rewrite its container), unless an option asks to change its sound (level, silence, normalize).
 */
export async function prepareFile(input: Uint8Array, inputName: string, outputName: string, options: PageOptions): Promise<PreparedFile> {
  const prepared: PreparedFile = {
    ...failedFile([]),
    sizeLimit: { bytes: options.maxBytes, fitSeconds: maxSamplesForFileSize(options.maxBytes) / OUTPUT_SAMPLE_RATE },
  };
  try {
    const asItIs = await checkBytes(input, outputName, { maxBytes: options.maxBytes });
    prepared.inputSeconds = asItIs.seconds;
    const adjusts = options.normalize || options.level || options.trimSilence;
    if (asItIs.ok && !adjusts) {
      // Decoded only to measure the peak, which the table shows for every file.
      const { report } = await convertBytes(input);
      return {
        ...prepared,
        verdict: 'kept',
        bytes: input,
        warnings: asItIs.warnings,
        seconds: report.output.seconds,
        size: input.length,
        peakDbfs: finite(report.peakDbfs),
      };
    }
    // as convert does: a file too long is refused as soon as its output passes the limit, not after
    const { bytes, report } = await convertBytes(input, conversionOptions(settingsOf(options), { name: inputName }));
    const result = await checkBytes(bytes, outputName, { maxBytes: options.maxBytes });
    return {
      ...prepared,
      verdict: result.ok ? 'converted' : 'failed',
      bytes: result.ok ? bytes : null,
      problems: result.problems,
      warnings: report.warnings.map(({ code, message }) => ({ code, message })),
      inputSeconds: report.input.seconds,
      levelDbov: report.levels ? { before: report.levels.before.activeDbov, after: report.levels.after.activeDbov } : null,
      seconds: report.output.seconds,
      size: bytes.length,
      peakDbfs: finite(report.peakDbfs),
      clippedSamples: report.clippedSamples,
      trimmed: report.trimmed,
      gainDb: report.gainDb,
    };
  } catch (error) {
    // what a failure's words quote: the audio's own length (a file too long is refused before it is converted)
    return { ...prepared, seconds: prepared.inputSeconds, problems: [problemFrom(error)] };
  }
}

/**
 * The page's options as the settings convert's flags also map onto. Its two gain options are exclusive in the panel
 * (ticking one unticks the other); were both to arrive, the settings' rule refuses them, as convert does.
 */
export function settingsOf(options: PageOptions): ConvertSettings {
  return {
    maxBytes: options.maxBytes,
    trim: options.trim,
    normalize: options.normalize,
    level: options.level ? PAGE_LEVEL_DBOV : undefined,
    trimSilence: options.trimSilence,
    voxRate: options.voxRate,
  };
}

/** Silence peaks at -Infinity dBFS; like the CLI's record, the page holds that as null (shown as '-'). */
function finite(dbfs: number): number | null {
  return Number.isFinite(dbfs) ? dbfs : null;
}
