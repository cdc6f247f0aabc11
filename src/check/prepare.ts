import type { FileBytes } from '../arguments.js';
import { recognizesWave } from '../formats/wave/signature.js';
import { type Conversion, openConversion } from '../pipeline/conversion.js';
import { conversionOptions } from '../pipeline/convert-options.js';
import type { StopSignal } from '../pipeline/output-rate-pass.js';
import type { ConvertReport } from '../pipeline/report.js';
import { type ConvertSettings, changesSound, tooLargeWords } from '../pipeline/settings.js';
import { DEFAULT_PROFILE } from '../profile/profile.js';
import { type ByteSource, sourceArgument } from '../source/byte-source.js';
import { canonicalLayout } from '../write/canonical-wave.js';
import { GrowingBytes } from '../write/growing-bytes.js';
import { checkSource, nameProblem } from './check-bytes.js';
import type { FileRecord, Problem } from './file-record.js';
import { problemFrom } from './problem-from.js';

/**
 * What became of one file: kept as it was, converted (and checked), or failed. `asItIs` is the check of the input
 * under its output name: always made for a WAV file (the only kind that can be kept), for another only to describe
 * a failure; `opened` is the conversion once the input was opened (what its reader found: the format, the decoded
 * length, its warnings).
 */
export type Preparation<T> =
  | { kind: 'kept'; asItIs: FileRecord; opened: Conversion; delivered: T; report: ConvertReport }
  /** `delivered` is null when the check of the result refused it: then it was not delivered at all. */
  | { kind: 'converted'; asItIs: FileRecord | null; opened: Conversion; delivered: T | null; report: ConvertReport; result: FileRecord }
  | { kind: 'failed'; asItIs: FileRecord | null; opened: Conversion | null; problem: Problem };

/** How a prepared file reaches its output: into memory (the page) or into a file (convert's batch). */
export interface Delivery<T> {
  /**
   * Hands the input on as it is: it complies under its output name, in the profile's own layout, and nothing is to
   * change its sound. `measure` is a conversion of it that copies its samples (the report of every file needs its
   * peak and the prompt's warnings): run it into the output, where that gives the input's own bytes, or discard it.
   */
  keep(measure: Conversion): Promise<{ report: ConvertReport; delivered: T }>;
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
 * Makes one input a playback file, the one way convert and the page do it. A file that already complies under its
 * output name, in the profile's own layout (the canonical header voiceprep writes), is kept byte for byte unless the
 * settings ask to change its sound (level, silence, normalize, even, high-pass, padding); a compliant file in another
 * layout (a metadata chunk, no fact chunk, a 16-byte fmt) has its samples copied into the canonical one, so that
 * every output is laid out alike and passes check without a word. Any other file is converted as `settings` ask,
 * refused before it is decoded when it cannot fit the size limit, and the result checked before it is handed on, so
 * that what is handed on is proved, not assumed. A failure is a problem, never an exception.
 */
export async function prepareSource<T>(source: ByteSource, names: PrepareNames, settings: ConvertSettings, delivery: Delivery<T>, options: PrepareOptions = {}): Promise<Preparation<T>> {
  const { signal, problemOf = problemFrom } = options;
  const checks = { profile: settings.profile, maxBytes: settings.maxBytes, voxRate: settings.voxRate };
  const checkAsItIs = async () => underName(await checkSource(source, names.path ?? names.input, checks), names.output, settings);
  let asItIs: FileRecord | null = null;
  let opened: Conversion | null = null;
  try {
    signal?.throwIfAborted();
    const conversion = { ...conversionOptions(settings, { name: names.input, path: names.path }), signal };
    // Only a WAV file can be kept: any other is not checked as it is (its reader would read its header twice).
    if (recognizesWave(await source.read(0, 12))) {
      asItIs = await checkAsItIs();
      if (asItIs.ok && !changesSound(settings) && (await inOwnLayout(source, settings))) {
        // the settings change nothing here: the conversion copies the samples as they are
        opened = await openConversion(source, conversion);
        return { kind: 'kept', asItIs, opened, ...(await delivery.keep(opened)) };
      }
    }
    opened = await openConversion(source, conversion);
    const tooLarge = sizeRefusal(opened, settings);
    if (tooLarge) return { kind: 'failed', asItIs, opened, problem: tooLarge };
    signal?.throwIfAborted();
    const converted = await delivery.convert(opened, (written) => checkSource(written, names.output, checks));
    return { kind: 'converted', asItIs, opened, ...converted };
  } catch (error) {
    const problem = problemOf(error);
    // what a file that could not be opened is, as check describes it (its format, its length from the header)
    if (!asItIs && !opened && problem.code !== 'interrupted') asItIs = await checkAsItIs().catch(() => null);
    return { kind: 'failed', asItIs, opened, problem };
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
 * Whether the file is laid out exactly as voiceprep writes the profile's files: the canonical header for its length
 * and nothing after the samples but a zero pad byte. Converting such a file gives back its own bytes.
 */
async function inOwnLayout(source: ByteSource, settings: ConvertSettings): Promise<boolean> {
  const layout = canonicalLayout(settings.profile ?? DEFAULT_PROFILE);
  const header = await source.read(0, layout.headerBytes);
  // n samples and a pad byte fill as many bytes as n + 1 samples of one byte: the header tells which it is
  const most = Math.floor((source.size - layout.headerBytes) / layout.bytesPerSample);
  const samples = [most, most - 1].find((n) => n >= 0 && n <= layout.maxSamples && layout.fileSize(n) === source.size && same(layout.header(n), header));
  if (samples === undefined) return false;
  const trailer = layout.trailer(samples);
  return trailer.length === 0 || same(trailer, await source.read(source.size - trailer.length, trailer.length));
}

function same(a: Uint8Array, b: Uint8Array): boolean {
  return a.length === b.length && a.every((byte, i) => b[i] === byte);
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

/** Where a kept file's measuring pass writes when the input itself is handed on: nowhere. */
const DISCARD = { write: () => undefined };

/** A prepared file held in memory: what the page gets. */
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
    keep: async (measure) => ({ report: await measure.run(DISCARD), delivered: bytesOf(input) }),
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
