import { prepare } from '../../check/prepare.js';
import { DEFAULT_PROFILE } from '../../profile/profile.js';
import { PROFILES } from '../../profile/profiles.js';
import { samplesThatFit } from '../../pipeline/settings.js';
import { decodePlayback, waveformOf } from '../../review/waveform.js';
import type { ConvertSettings } from '../../pipeline/settings.js';
import { failedFile, type PageOptions, type PreparedFile } from '../prepared-file.js';

/** The level the page's "Speech level" option brings prompts to: the reference level of ITU-T speech testing. */
export const PAGE_LEVEL_DBOV = -26;

/**
 * Turns one input (picked as `inputName`) into a playback file named `outputName` through the core's `prepare`, as
 * `voiceprep convert` does: a file that already complies under that name, in the profile's own layout, is kept byte
 * for byte unless an option asks to change its sound; any other is converted and the result checked. This says what
 * became of it as the page shows it.
 */
export async function prepareFile(input: Uint8Array, inputName: string, outputName: string, options: PageOptions): Promise<PreparedFile> {
  const settings = settingsOf(options);
  const rate = (settings.profile ?? DEFAULT_PROFILE).sampleRate;
  const prepared: PreparedFile = {
    ...failedFile([]),
    sizeLimit: { bytes: options.maxBytes, fitSeconds: samplesThatFit(settings) / rate },
  };
  const done = await prepare(input, inputName, outputName, settings);
  // what the reader found once the file was opened (the decoded length), else what its check found
  prepared.inputSeconds = done.opened?.input.seconds ?? done.asItIs?.seconds ?? null;
  prepared.format = (done.opened?.format ?? done.asItIs?.format)?.container ?? null;
  if (done.kind === 'failed') {
    // what a failure's words quote: the audio's own length (a file too long is refused before it is converted)
    return { ...prepared, seconds: prepared.inputSeconds, problems: [done.problem] };
  }
  const { report } = done;
  // What the phone will play, heard and drawn from the written bytes themselves.
  const profile = settings.profile ?? DEFAULT_PROFILE;
  const written = done.delivered ? await decodePlayback(done.delivered, profile) : null;
  const heard = written
    ? { playback: written.samples, playbackRate: written.sampleRate, waveform: waveformOf(written, profile, report.cut) }
    : { playback: null, playbackRate: 0, waveform: null };
  if (done.kind === 'kept') {
    return {
      ...prepared,
      ...heard,
      verdict: 'kept',
      bytes: done.delivered,
      // what measuring it found (a silent or quiet prompt, hum...), as convert reports it
      warnings: report.warnings.map(({ code, message }) => ({ code, message })),
      seconds: report.output.seconds,
      size: done.delivered.length,
      peakDbfs: finite(report.peakDbfs),
    };
  }
  const { delivered, result } = done;
  return {
    ...prepared,
    ...heard,
    verdict: delivered ? 'converted' : 'failed',
    bytes: delivered,
    problems: result.problems,
    warnings: report.warnings.map(({ code, message }) => ({ code, message })),
    inputSeconds: report.input.seconds,
    levelDbov: report.levels ? { before: report.levels.before.activeDbov, after: report.levels.after.activeDbov } : null,
    seconds: report.output.seconds,
    size: result.bytes,
    peakDbfs: finite(report.peakDbfs),
    clippedSamples: report.clippedSamples,
    trimmed: report.trimmed,
    gainDb: report.gainDb,
  };
}

/**
 * The page's options as the settings convert's flags also map onto. Its two gain options are exclusive in the panel
 * (ticking one unticks the other); were both to arrive, the settings' rule refuses them, as convert does.
 */
export function settingsOf(options: PageOptions): ConvertSettings {
  return {
    profile: PROFILES.get(options.target) ?? DEFAULT_PROFILE,
    maxBytes: options.maxBytes,
    trim: options.trim,
    normalize: options.normalize,
    level: options.level ? PAGE_LEVEL_DBOV : undefined,
    trimSilence: options.trimSilence,
    even: options.even,
    highpass: options.highpass,
    pad: options.padStartMs > 0 || options.padEndMs > 0 ? [options.padStartMs / 1000, options.padEndMs / 1000] : undefined,
    voxRate: options.voxRate,
  };
}

/** Silence peaks at -Infinity dBFS; like the CLI's record, the page holds that as null (shown as '-'). */
function finite(dbfs: number): number | null {
  return Number.isFinite(dbfs) ? dbfs : null;
}
