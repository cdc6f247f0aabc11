import type { FileBytes } from '../arguments.js';
import { type Conversion, openConversion } from '../pipeline/conversion.js';
import { conversionOptions } from '../pipeline/convert-options.js';
import type { StopSignal } from '../pipeline/output-rate-pass.js';
import type { ConvertReport } from '../pipeline/report.js';
import { type ConvertSettings, changesSound, tooLargeWords } from '../pipeline/settings.js';
import { DEFAULT_PROFILE } from '../profile/profile.js';
import { type ByteSource, sourceArgument } from '../source/byte-source.js';
import { GrowingBytes } from '../write/growing-bytes.js';
import { checkSource, nameProblem } from './check-bytes.js';
import type { FileRecord, Problem } from './file-record.js';
import { problemFrom } from './problem-from.js';

/** What became of one file: kept as it was, converted (and checked), or failed. */
export type Preparation<T> =
  | { kind: 'kept'; asItIs: FileRecord; opened: Conversion; delivered: T; report: ConvertReport }
  /** `delivered` is null when the check of the result refused it: then it was not delivered at all. */
  | { kind: 'converted'; asItIs: FileRecord; opened: Conversion; delivered: T | null; report: ConvertReport; result: FileRecord }
  /**
   * `asItIs` is null when the failure came before the input was checked; `opened` is the conversion when the input
   * had been opened (what its reader found: the format, the decoded length, its warnings), else null.
   */
  | { kind: 'failed'; asItIs: FileRecord | null; opened: Conversion | null; problem: Problem };

/** How a prepared file reaches its output: into memory (the page, the library) or into a file (the CLI's batch). */
export interface Delivery<T> {
  /** Hands the input on as it is: it complies under its output name, and nothing is to change its sound. */
  keep(): Promise<T>;
  /**
   * Runs `conversion` into the output and hands it on, but only if `prove` (the check of the written file, called
   * before the output is handed on) finds it ok; returns null for a result `prove` refused.
   */
  convert(conversion: Conversion, prove: (written: ByteSource | FileBytes) => Promise<FileRecord>): Promise<{ report: ConvertReport; delivered: T | null; result: FileRecord }>;
}

export interface PrepareNames {
  /** The input's name (how a headerless format is known, and what the `misnamed` warning compares). */
  input: string;
  /** The output's name: the one the result is judged under. */
  output: string;
  /** The input's path as the user gave it, for the commands that refusals suggest. */
  path?: string;
}

export interface PrepareOptions {
  signal?: StopSignal;
  /** How a failure becomes a problem: problemFrom's, unless the caller knows more (a batch tells a failed write). */
  problemOf?: (error: unknown) => Problem;
}

/**
 * Makes one input a playback file, the one way the CLI and the page do it. A file that already complies under its
 * output name, and of which the check has nothing to say, is kept byte for byte (converting it again could only
 * rewrite its container), unless the settings ask to change its sound (level, silence, normalize, even, high-pass,
 * padding); one whose container the check warns of (no fact chunk, metadata chunks, a missing pad byte) is converted,
 * which copies its samples into the canonical container, so that what is handed on passes check without a word.
 * A kept file is still decoded once,
 * to measure what a report shows of every file (its peak, the prompt's warnings). Any other file is converted as
 * `settings` ask, refused before it is decoded when it cannot fit the size limit, and the result checked before it
 * is handed on, so that what is handed on is proved, not assumed. A failure is a problem, never an exception.
 */
export async function prepareSource<T>(source: ByteSource, names: PrepareNames, settings: ConvertSettings, delivery: Delivery<T>, options: PrepareOptions = {}): Promise<Preparation<T>> {
  const { signal, problemOf = problemFrom } = options;
  const checks = { profile: settings.profile, maxBytes: settings.maxBytes };
  let asItIs: FileRecord | null = null;
  let opened: Conversion | null = null;
  try {
    signal?.throwIfAborted();
    asItIs = underName(await checkSource(source, names.path ?? names.input, checks), names.output, settings);
    const input = { name: names.input, path: names.path, voxRate: settings.voxRate };
    if (asItIs.ok && asItIs.warnings.length === 0 && !changesSound(settings)) {
      opened = await openConversion(source, { profile: settings.profile, ...input, signal });
      const report = await opened.run(DISCARD);
      return { kind: 'kept', asItIs, opened, delivered: await delivery.keep(), report };
    }
    opened = await openConversion(source, { ...conversionOptions(settings, input), signal });
    const tooLarge = sizeRefusal(opened, settings);
    if (tooLarge) return { kind: 'failed', asItIs, opened, problem: tooLarge };
    signal?.throwIfAborted();
    const converted = await delivery.convert(opened, (written) => checkSource(written, names.output, checks));
    return { kind: 'converted', asItIs, opened, ...converted };
  } catch (error) {
    return { kind: 'failed', asItIs, opened, problem: problemOf(error) };
  }
}

/**
 * The check of the input as it is, with its name judged as the output's: the file is read under its own name (how
 * a `.vox` is known, and what the commands its problems suggest name), but handed on under the output's.
 */
function underName(record: FileRecord, outputName: string, settings: ConvertSettings): FileRecord {
  const problems = record.problems.filter((problem) => problem.code !== 'name');
  const badName = nameProblem(outputName, settings.profile ?? DEFAULT_PROFILE);
  if (badName) problems.unshift(badName);
  return { ...record, problems, ok: problems.length === 0 };
}

/**
 * A file whose output will not fit the size limit, known before it is decoded (a WAV's length is exact). With
 * silence to trim the length is known only after a first pass, which refuses it then if it still won't fit.
 */
function sizeRefusal(conversion: Conversion, settings: ConvertSettings): Problem | null {
  const maxBytes = settings.maxBytes ?? (settings.profile ?? DEFAULT_PROFILE).maxBytes;
  if (!conversion.exactLength || conversion.outputBytes <= maxBytes || settings.trim || settings.trimSilence) return null;
  return { code: 'size', message: tooLargeWords(conversion.fullSamples, conversion.outputBytes, settings) };
}

/** Where a kept file's measuring pass writes: it only counts the bytes (the file itself is handed on as it is). */
const DISCARD = { write: () => undefined };

/** A prepared file held in memory: what the page and the library get. */
export type PreparedBytes = Preparation<Uint8Array>;

/** prepareSource for a file held in memory, whose result is kept in memory too. */
export async function prepare(input: FileBytes, inputName: string, outputName: string, settings: ConvertSettings): Promise<PreparedBytes> {
  let source: ByteSource;
  try {
    source = sourceArgument(input, 'input');
  } catch (error) {
    return { kind: 'failed', asItIs: null, opened: null, problem: problemFrom(error) };
  }
  return prepareSource(source, { input: inputName, output: outputName }, settings, {
    keep: async () => bytesOf(input),
    convert: async (conversion, prove) => {
      const output = new GrowingBytes(conversion.outputBytes);
      const report = await conversion.run(output);
      const bytes = output.bytes();
      const result = await prove(bytes);
      return { report, delivered: result.ok ? bytes : null, result };
    },
  });
}

function bytesOf(input: FileBytes): Uint8Array {
  return input instanceof Uint8Array ? input : new Uint8Array(input);
}
