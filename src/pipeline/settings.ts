import { DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';
import { canonicalLayout } from '../write/canonical-wave.js';

/**
 * What a person asks of a conversion, as plain data: the CLI's flags, the page's options panel and a batch's options
 * map onto it once, and pass it on unchanged to `conversionOptions` (src/pipeline/convert-options.ts), which alone
 * turns it into a conversion's options. Plain data, so that it crosses to a worker thread as it is.
 */
export interface ConvertSettings {
  /** What to write (default: Huawei Voice Call's). */
  profile?: OutputProfile;
  /** The largest output file, in bytes (default: the profile's, 2 MiB for Huawei). */
  maxBytes?: number;
  /** Cut a file too long for `maxBytes` to what fits, instead of refusing it. */
  trim?: boolean;
  /** Scale so that the peak lands at -1 dBFS. Not together with `level`. */
  normalize?: boolean;
  /** Bring the active speech level to this many dBov. Not together with `normalize`. */
  level?: number;
  trimSilence?: boolean;
  /** Even the level inside each prompt (quiet phrases up, loud ones down), before any `level`. */
  even?: boolean;
  /** Remove DC and rumble below this cutoff, Hz (true: 100 Hz). */
  highpass?: boolean | number;
  /** Seconds of silence added at both ends, or [start, end], after any silence trimming; inside the size limit. */
  pad?: number | readonly [number, number];
  /** Sample rate of Dialogic VOX inputs. */
  voxRate?: number;
}

/**
 * The one rule between settings: `level` and `normalize` both set the gain, so only one may be asked for. Returns
 * the words that refuse both, naming each option as `named` spells it (`--level` for the CLI), or null.
 */
export function gainConflict(settings: { level?: unknown; normalize?: unknown }, named: (option: 'level' | 'normalize') => string = (option) => option): string | null {
  if (settings.level === undefined || !settings.normalize) return null;
  return `${named('level')} and ${named('normalize')} both set the gain: give one of them`;
}

/** Whether the settings change the sound (a compliant file is then converted all the same, not kept as it is). */
export function changesSound(settings: ConvertSettings): boolean {
  return Boolean(settings.normalize || settings.level !== undefined || settings.trimSilence || settings.even || settings.highpass || settings.pad);
}

/**
 * The largest output, in samples, that `settings.maxBytes` holds in the profile's layout, and that is shorter than the
 * profile's longest prompt when it has one (Amazon Connect's 5 minutes).
 */
export function samplesThatFit(settings: ConvertSettings): number {
  const profile = settings.profile ?? DEFAULT_PROFILE;
  const fits = canonicalLayout(profile).maxSamplesForFileSize(settings.maxBytes ?? profile.maxBytes);
  return profile.maxSeconds === undefined ? fits : Math.min(fits, Math.ceil(profile.maxSeconds * profile.sampleRate) - 1);
}

/** What the CLI tells of a file too long for its size limit, after saying how long it is. */
export const SIZE_REMEDY = 'use --trim to cut it to fit, or split the recording';

/** A file known from its header alone to be too long for `maxBytes`, before any sample is decoded. */
export function tooLargeWords(outputSamples: number, outputBytes: number, settings: ConvertSettings): string {
  const profile = settings.profile ?? DEFAULT_PROFILE;
  const maxBytes = settings.maxBytes ?? profile.maxBytes;
  const seconds = outputSamples / profile.sampleRate;
  const fits = samplesThatFit(settings) / profile.sampleRate;
  return `${seconds.toFixed(1)} s of audio makes a ${outputBytes} byte file; ${maxBytes} bytes hold ${fits.toFixed(1)} s: ${SIZE_REMEDY}`;
}

/** A conversion found too long as it ran (a compressed file's header only estimates its length), in the CLI's words. */
export function tooLongWords(message: string): string {
  return `${message}: ${SIZE_REMEDY}`;
}
