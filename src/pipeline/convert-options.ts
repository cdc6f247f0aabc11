import { type OptionRule, bytesArgument, checkOptions, pathArgument } from '../arguments.js';

export type { FileBytes } from '../arguments.js';
import { VoiceprepError } from '../errors.js';
import { BLOCK_SAMPLES, HIGHPASS, LEVEL, PAD, SAMPLE_COUNT, STOP_SIGNAL, VOX_RATE } from '../option-rules.js';
import { PROFILE, TARGET, withTargetProfile } from './output-rules.js';
import type { StopSignal } from './output-rate-pass.js';
import { DEFAULT_MAX_FILE_BYTES } from '../profile/platform-rules.js';
import { DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';
import { canonicalLayout, maxSamplesForFileSize } from '../write/canonical-wave.js';
import { type ConvertSettings, gainConflict, samplesThatFit } from './settings.js';

export interface ConvertOptions {
  /** What to write, by the target's name: 'amazon-connect', 'teams', ... (default: 'huawei-voicecall'). */
  target?: string;
  /** What to write, as a value: the platform's encoding, rate, channels, layout and size limit (default: Huawei Voice Call's). */
  profile?: OutputProfile;
  /** Cut the output to at most this many samples (of the profile's rate: 8000 a second for Huawei), fading out the last 50 ms. */
  maxSamples?: number;
  /**
   * Refuse (a `too-long` error) a file whose output would have more samples than this. A file whose length is
   * exact in its header is refused before any decoding; a compressed one as soon as its output passes the limit.
   * Without it (and without `maxSamples`), the limit is what fits in the profile's size limit (Huawei's 2 MiB:
   * `PLATFORM_LIMIT_SAMPLES`).
   * `Infinity` lifts it (up to the 4 GiB a RIFF file can hold).
   */
  limitSamples?: number;
  /** Scale so that the peak lands at -1 dBFS. Costs a second pass over the input. */
  normalize?: boolean;
  /**
   * Bring the active speech level (ITU-T P.56, measured on the 8 kHz signal) to this many dBov, unless the peak
   * would then pass just under the output encoding's rail (A-law's): the gain stops there, and the report's warnings say what was
   * reached. Costs a second pass over the input. Not together with `normalize`.
   */
  level?: number;
  /** Cut leading and trailing silence, keeping 0.1 s before the speech and 0.2 s after it. A second pass too. */
  trimSilence?: boolean;
  /**
   * Even the level inside the prompt: quiet phrases up and loud ones down towards its own active level, slowly (a
   * gain curve with look-ahead, src/adjust/even-gain.ts), never in its pauses, never clipping. Before `level`, which
   * is then reached on the evened prompt. A second pass too.
   */
  even?: boolean;
  /** Remove DC and rumble below this cutoff in Hz (true: 100 Hz), without shifting the speech (src/adjust/highpass.ts). */
  highpass?: boolean | number;
  /**
   * Seconds of digital silence added at both ends, or [start, end], after any silence trimming. They count in
   * `maxSamples` and `limitSamples` like every other sample of the output.
   */
  pad?: number | readonly [number, number];
  /** About how many input samples (frames x channels) are held in memory at once. */
  blockSamples?: number;
  /** The input's file name: the only way to recognize a headerless Dialogic VOX file (`.vox`). */
  name?: string;
  /** The input's path as the user gave it: a refusal's suggested command then names the file by it. */
  path?: string;
  /** Sample rate of a Dialogic VOX file (default 8000). */
  voxRate?: number;
  /** Stops the conversion between blocks once aborted (an AbortSignal): `run` then throws the signal's AbortError. */
  signal?: StopSignal;
}

/** The longest output the platform takes (2,097,094 samples, 262.1 s): the default limit of every conversion. */
export const PLATFORM_LIMIT_SAMPLES = maxSamplesForFileSize(DEFAULT_MAX_FILE_BYTES);

/** ConvertOptions checked, with the limit made explicit. */
export interface ResolvedConvertOptions extends ConvertOptions {
  limitSamples: number;
  /** The limit is the platform's default, not one the caller gave: the too-long message says how to change it. */
  platformLimit: boolean;
}

const RULES: { readonly [K in keyof Required<ConvertOptions>]: OptionRule } = {
  maxSamples: SAMPLE_COUNT,
  limitSamples: SAMPLE_COUNT,
  normalize: 'boolean',
  level: LEVEL,
  trimSilence: 'boolean',
  even: 'boolean',
  highpass: HIGHPASS,
  pad: PAD,
  blockSamples: BLOCK_SAMPLES,
  name: 'string',
  path: 'string',
  voxRate: VOX_RATE,
  profile: PROFILE,
  target: TARGET,
  signal: STOP_SIGNAL,
};

/**
 * Checks the options of a conversion (the ranges of the CLI's flags, in the same words) and resolves the limit: by
 * default a conversion gives a file the platform accepts, or fails with `too-long`; a cut (`maxSamples`) or another
 * limit (`limitSamples`) has to be asked for.
 */
export function resolveConvertOptions(options: unknown): ResolvedConvertOptions {
  const checked = withTargetProfile(checkOptions<ConvertOptions>(options, RULES));
  const conflict = gainConflict(checked);
  if (conflict) throw new VoiceprepError('invalid-argument', conflict);
  const layout = canonicalLayout(checked.profile ?? DEFAULT_PROFILE);
  const platformLimit = checked.limitSamples === undefined && checked.maxSamples === undefined;
  const limit = platformLimit ? samplesThatFit({ profile: checked.profile }) : Math.floor(checked.limitSamples ?? Infinity);
  return { ...checked, limitSamples: Math.min(limit, layout.maxSamples), platformLimit };
}

/**
 * What the person asked (`settings`) as the options of one file's conversion, the one way the CLI, a batch and the
 * page get them: the size limit becomes a cut (`trim`) or a limit in samples of the profile's layout, so that a file
 * too long is refused as soon as its output passes it. Both `level` and `normalize` are refused, in the rule's words.
 */
export function conversionOptions(settings: ConvertSettings, file: { name?: string; path?: string } = {}): ConvertOptions {
  const conflict = gainConflict(settings);
  if (conflict) throw new VoiceprepError('invalid-argument', conflict);
  const fits = samplesThatFit(settings);
  return {
    profile: settings.profile,
    maxSamples: settings.trim ? fits : undefined,
    limitSamples: settings.trim ? undefined : fits,
    normalize: settings.normalize,
    level: settings.level,
    trimSilence: settings.trimSilence,
    even: settings.even,
    highpass: settings.highpass,
    pad: settings.pad,
    voxRate: settings.voxRate,
    name: file.name,
    path: file.path,
  };
}

/** For `convert`, before a file is opened: the input is a path or a file's bytes, and the options are usable. */
export function checkConvertArguments(input: unknown, options: unknown): void {
  if (typeof input === 'string' || input instanceof URL) pathArgument(input, 'input');
  else bytesArgument(input, 'input', "a path or the file's bytes (a Uint8Array, a Buffer or an ArrayBuffer)");
  resolveConvertOptions(options);
}

/** For `convertFile`, before anything is opened or written. */
export function checkConvertFileArguments(inputPath: unknown, outputPath: unknown, options: unknown): void {
  pathArgument(inputPath, 'inputPath');
  pathArgument(outputPath, 'outputPath');
  // convertFile's own option, `overwrite`, is checked here; the rest are a conversion's
  const { overwrite, ...conversion } = (options ?? {}) as { overwrite?: unknown };
  if (overwrite !== undefined && typeof overwrite !== 'boolean') {
    throw new VoiceprepError('invalid-argument', `overwrite: expected true or false, not ${JSON.stringify(overwrite) ?? String(overwrite)}`);
  }
  resolveConvertOptions(options === undefined || options === null || typeof options !== 'object' ? options : conversion);
}
