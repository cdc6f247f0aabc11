import { type FileBytes, type OptionRule, bytesArgument, checkOptions, invalidArgument, stringArgument } from '../arguments.js';
import { VoiceprepError, isVoiceprepError } from '../errors.js';
import { LEVEL, LEVEL_TOLERANCE, VOX_RATE } from '../option-rules.js';
import { PROFILE, SIZE, TARGET, withTargetProfile } from '../pipeline/output-rules.js';
import { readerFor } from '../formats/open-audio.js';
import { summarizeLevels } from '../pipeline/report.js';
import type { AudioFormatReader, ProbedFormat } from '../source/audio-source.js';
import { type ByteSource, sourceArgument } from '../source/byte-source.js';
import { readWaveHeader } from '../formats/wave/read-wave-header.js';
import { DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';
import { samplesThatFit } from '../pipeline/settings.js';
import { CONVERT_FIRST_TO, toWavCommand } from '../formats/common/unsupported-format.js';
import { judgeHeader } from './compliance.js';
import { nameFault } from './file-name.js';
import { type FileRecord, type Problem, type Summary, blankRecord } from './file-record.js';
import { judgeLevels, measureLevels } from './level-verdict.js';
import { shellQuote } from '../shell-quote.js';

export interface CheckOptions {
  /** The target whose rules a file is judged by, by name: 'amazon-connect', 'teams', ... (default: 'huawei-voicecall'). */
  target?: string;
  /** The same, as a value (default: Huawei Voice Call's profile). */
  profile?: OutputProfile;
  /** The size limit in bytes (default: the profile's, 2 MiB for Huawei). */
  maxBytes?: number;
  /**
   * Also decode each file and judge its active speech level (ITU-T P.56, on the signal it is or becomes at the output rate)
   * against this many dBov, its clipping and its leading and trailing silence. Without it, only headers are read.
   */
  level?: number;
  /** How far from `level` an active level may be, in dB (default 1). */
  levelTolerance?: number;
  /** Sample rate of Dialogic VOX files (default 8000). */
  voxRate?: number;
}

export const DEFAULT_LEVEL_TOLERANCE_DB = 1;

const RULES: { readonly [K in keyof Required<CheckOptions>]: OptionRule } = {
  maxBytes: SIZE,
  level: LEVEL,
  levelTolerance: LEVEL_TOLERANCE,
  voxRate: VOX_RATE,
  profile: PROFILE,
  target: TARGET,
};

/** The ranges of check's flags, in the same words: `{ level: NaN }` is refused, not judged against. */
export function checkCheckOptions(options: unknown): CheckOptions {
  return withTargetProfile(checkOptions<CheckOptions>(options, RULES));
}

/**
 * Checks one file from its bytes and its name: every problem the platform would reject it for, from the header
 * alone (and, with `level`, from its decoded samples). `path` is what the record reports; its last segment is the
 * name that is judged.
 */
export async function checkSource(input: ByteSource | FileBytes, path: string, given: CheckOptions = {}): Promise<FileRecord> {
  const source = sourceArgument(input, 'source');
  stringArgument(path, 'path');
  const options = checkCheckOptions(given);
  const profile = options.profile ?? DEFAULT_PROFILE;
  const maxBytes = options.maxBytes ?? profile.maxBytes;
  const record: FileRecord = { ...blankRecord(path), bytes: source.size, target: profile.id };
  const name = path.split(/[\\/]/).pop() ?? path;
  const badName = nameProblem(name, profile);
  if (badName) record.problems.push(badName);
  const fix = (extra = '') => `fix with "voiceprep convert ${shellQuote(path)} -o <folder>${extra}"`;
  try {
    const verdict = judgeHeader(await readWaveHeader(source), source.size, maxBytes, fix, profile);
    record.problems.push(...verdict.problems);
    record.warnings.push(...verdict.warnings);
    record.format = verdict.format;
    record.seconds = verdict.seconds;
  } catch (error) {
    // only what the reader says about the file is a verdict; a failure to read it (io, ...) is the caller's to report
    if (!isVoiceprepError(error) || (error.code !== 'not-wav' && error.code !== 'malformed' && error.code !== 'unsupported-encoding')) {
      throw error;
    }
    if (error.code === 'not-wav') await describeOtherFormat(record, source, path, options, fix, error.message);
    else record.problems.push(problemFromReader(error.code, error.message, fix()));
  }
  if (options.level !== undefined) await addLevels(record, source, name, options.level, { ...options, profile }, fix);
  record.ok = record.problems.length === 0;
  return record;
}

/** What is wrong with a file's name under `profile`'s rules, as a problem; null when nothing is. */
export function nameProblem(name: string, profile: OutputProfile): Problem | null {
  const fault = nameFault(name, profile.names, profile.platform);
  return fault ? { code: 'name', message: `${fault}: rename it, or let "voiceprep convert" choose a compliant name` } : null;
}

/**
 * Decodes the file to judge its levels; one that cannot be decoded has `levels: null` (its problem is already told).
 * Only as much as fits the size limit is decoded: a longer file cannot be a playback file, whatever its level.
 */
async function addLevels(record: FileRecord, source: ByteSource, name: string, target: number, options: CheckOptions, fix: (extra: string) => string): Promise<void> {
  const profile = options.profile ?? DEFAULT_PROFILE;
  const maxSamples = samplesThatFit({ profile, maxBytes: options.maxBytes });
  const levels = await measureLevels(source, { name, voxRate: options.voxRate, maxSamples }, profile).catch((error: unknown) => {
    // what the reader says about the file is a verdict, as is a length that cannot fit; anything else is thrown
    if (!isVoiceprepError(error) || !['not-wav', 'malformed', 'unsupported-encoding', 'too-long'].includes(error.code)) throw error;
    if (error.code === 'too-long' && !record.problems.some((problem) => problem.code === 'size')) {
      const cut = fix(' --trim').replace(/^fix with /, '');
      record.problems.push({ code: 'size', message: `${error.message}, so its level was not measured: cut it to fit with ${cut}, or split the recording` });
    }
    return null;
  });
  record.levels = levels && summarizeLevels(levels);
  if (!levels) return;
  const verdict = judgeLevels(levels, target, options.levelTolerance ?? DEFAULT_LEVEL_TOLERANCE_DB, fix, profile);
  record.problems.push(...verdict.problems);
  record.warnings.push(...verdict.warnings);
}

/** Checks a file held in memory (a Uint8Array, a Buffer or an ArrayBuffer), judging `name` as its file name. */
export async function checkBytes(bytes: FileBytes, name: string, options: CheckOptions = {}): Promise<FileRecord> {
  return checkSource(bytesArgument(bytes, 'bytes'), stringArgument(name, 'name'), options);
}

/**
 * A file that is not WAV at all is `not-wav` whatever it is; what it is (an MP3, a FLAC, a Dialogic VOX, ...) goes in
 * its `format`, from the header alone, and the message says whether voiceprep can convert it.
 */
async function describeOtherFormat(
  record: FileRecord,
  source: ByteSource,
  path: string,
  options: CheckOptions,
  fixWith: (extra?: string) => string,
  notWave: string,
): Promise<void> {
  // a VOX file's rate is the user's word, not the file's: the command must repeat it
  const fix = options.voxRate !== undefined && /\.vox$/i.test(path) ? fixWith(` --vox-rate ${options.voxRate}`) : fixWith();
  const opened = { name: path.split(/[\\/]/).pop() ?? path, path, voxRate: options.voxRate };
  const reader = await readerFor(source, opened).catch(() => null);
  if (!reader) {
    // Nothing voiceprep reads (a text file, a PDF, a spreadsheet): say what it seems to be.
    record.problems.push({ code: 'not-wav', message: `${notWave}: export it as ${CONVERT_FIRST_TO} first, then ${fix.replace(/^fix with /, 'run ')}` });
    return;
  }
  const probed = await reader.probe(source, opened).catch((error: unknown) => {
    if (isVoiceprepError(error) && error.code !== 'io') return error;
    throw error;
  });
  if (probed instanceof VoiceprepError) {
    record.problems.push({ code: 'not-wav', message: `a broken ${reader.name} file, not a WAV file: ${probed.message}` });
    return;
  }
  record.format = probed.format;
  record.seconds = probed.seconds;
  const { container, encoding } = probed.format;
  const what = `${container} audio${encoding === container ? '' : ` (${encoding})`}, not a WAV file`;
  record.problems.push({ code: 'not-wav', message: `${what}: ${remedyFor(reader, probed, path, fix)}` });
}

/** The convert command when voiceprep can convert the file; otherwise why not and what can. */
function remedyFor(reader: AudioFormatReader, probed: ProbedFormat, path: string, fix: string): string {
  if (probed.undecodable) return `voiceprep cannot convert it: ${probed.undecodable}`;
  if (reader.decodes !== false) return fix;
  return `voiceprep does not decode ${reader.name}; convert it to ${CONVERT_FIRST_TO} first, for example: ${toWavCommand({ path }, 'wav')}`;
}

function problemFromReader(code: 'malformed' | 'unsupported-encoding', message: string, fix: string): Problem {
  if (code === 'malformed') return { code, message: `the file is broken: ${message}` };
  return { code: 'encoding', message: `${message}: ${fix}` };
}

export function summarizeRecords(records: readonly FileRecord[]): Summary {
  if (!Array.isArray(records)) throw invalidArgument('records', 'an array of file records (the files of checkPaths)', records);
  const ok = records.filter((record) => record.ok).length;
  return { checked: records.length, ok, failed: records.length - ok };
}
