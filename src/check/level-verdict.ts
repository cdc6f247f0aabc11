import { FaultMeter, type Faults } from '../adjust/fault-meter.js';
import { LevelAnalyzer, type Levels } from '../adjust/level-analyzer.js';
import { QUIETEST_SPEECH_DBOV, peakCeilingDbfs } from '../adjust/level-gain.js';
import { OutputRatePass } from '../pipeline/output-rate-pass.js';
import { DEFAULT_PROFILE, encodingOf, type OutputProfile } from '../profile/profile.js';
import type { OpenOptions } from '../source/audio-source.js';
import type { ByteSource } from '../source/byte-source.js';
import { VoiceprepError } from '../errors.js';
import { openAudio } from '../formats/open-audio.js';
import { withKernels } from '../wasm/kernels.js';
import type { Problem, Warning } from './file-record.js';
import { overLimitWords } from '../pipeline/conversion-messages.js';
import { outputOf } from '../pipeline/output-target.js';
import { promptWarnings } from '../pipeline/prompt-warnings.js';

/** Leading or trailing silence longer than this makes an IVR feel slow (SPEC.md, "Speech level"). */
export const LONG_SILENCE_SECONDS = 0.5;

/**
 * The levels of a file as it is, or as it becomes: decoded, mixed to mono and resampled to the profile's rate (a
 * playback file already is that, and is only decoded). Its clipping is counted in its own samples, at its own rate,
 * where a recording that clipped shows it (see src/adjust/peak-meter.ts). A file whose signal at that rate would
 * have more than `maxSamples` cannot be a playback file: it is refused with a `too-long` error, from its header when
 * that gives its length exactly, else as soon as that many samples have been decoded, so that a file claiming hours
 * in a few megabytes costs no more.
 */
export async function measureLevels(
  source: ByteSource,
  options: OpenOptions & { maxSamples?: number } = {},
  profile: OutputProfile = DEFAULT_PROFILE,
): Promise<Levels & { faults: Faults }> {
  const maxSamples = options.maxSamples ?? Infinity;
  const { maxSamples: _limit, ...open } = options;
  const audio = await openAudio(source, open);
  try {
    const samples = Math.round((audio.frames * profile.sampleRate) / audio.sampleRate);
    if (audio.exactFrames && samples > maxSamples) throw tooLong(samples, maxSamples, profile.sampleRate);
    return await withKernels(async (kernels) => {
      const output = outputOf(profile);
      const analyzer = new LevelAnalyzer(output.rate, output.rail);
      const faults = new FaultMeter(output.rate, kernels);
      const pass = new OutputRatePass(audio, kernels, output, maxSamples + 1);
      let seen = 0;
      // one sample past the limit is enough to know the file is over it
      await pass.run((block) => {
        seen += block.length;
        if (seen > maxSamples) throw tooLong(null, maxSamples, profile.sampleRate);
        analyzer.push(block);
        faults.push(block);
      });
      const levels = analyzer.result();
      return { ...levels, clippedSamples: pass.sourcePeaks.result().clippedSamples, faults: faults.result(levels.activeDbov) };
    });
  } finally {
    audio.close();
  }
}

/** `samples`: the whole signal's length, when the header gives it; null when decoding has passed the limit. */
function tooLong(samples: number | null, maxSamples: number, rate: number): VoiceprepError {
  return new VoiceprepError('too-long', overLimitWords(samples ?? maxSamples, maxSamples, rate, samples !== null));
}

export interface LevelVerdict {
  problems: Problem[];
  warnings: Warning[];
}

/**
 * What is wrong with a prompt's levels against a target active level and a tolerance (both in dB); with its `faults`,
 * the warnings of what its recording got wrong (src/pipeline/prompt-warnings.ts).
 */
export function judgeLevels(
  levels: Levels & { faults?: Faults },
  targetDbov: number,
  toleranceDb: number,
  fix: (extra: string) => string,
  profile: OutputProfile = DEFAULT_PROFILE,
): LevelVerdict {
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  const { activeDbov, peakDbfs } = levels;
  if (activeDbov === null || activeDbov < QUIETEST_SPEECH_DBOV) {
    const measured = activeDbov === null ? 'no active speech (ITU-T P.56)' : `nothing louder than ${activeDbov.toFixed(1)} dBov`;
    problems.push({ code: 'level', message: `${measured}: silence, noise, or too short to be a prompt; ${targetDbov} dBov wanted` });
  } else if (Math.abs(activeDbov - targetDbov) > toleranceDb) {
    const off = activeDbov - targetDbov;
    // convert --level stops its gain just under the encoding's rail: that is the room there is
    const room = peakDbfs === null ? Infinity : peakCeilingDbfs(encodingOf(profile).rail) - peakDbfs;
    // convert --level stops at the peak ceiling: where that leaves the file short, the fix is not that command
    const remedy =
      off < 0 && room < -off - toleranceDb
        ? `its peaks (${(peakDbfs as number).toFixed(1)} dBFS) leave room for ${Math.max(0, room).toFixed(1)} dB without clipping: ` +
          'a click or a burst is louder than the speech; edit it out, or record the prompt again'
        : fix(` --level ${targetDbov}`);
    problems.push({
      code: 'level',
      message:
        `active speech level ${activeDbov.toFixed(1)} dBov, ${Math.abs(off).toFixed(1)} dB ${off > 0 ? 'above' : 'below'} ` +
        `${targetDbov} dBov (tolerance ${toleranceDb} dB): ${remedy}`,
    });
  }
  if (levels.clippedSamples > 0) {
    problems.push({
      code: 'clipping',
      message: `${levels.clippedSamples} samples held flat at full scale: the recording clipped, which no conversion undoes; record it again at a lower input level`,
    });
  }
  if (activeDbov !== null && activeDbov >= QUIETEST_SPEECH_DBOV) {
    for (const [where, seconds] of [['leading', levels.leadingSilenceSeconds], ['trailing', levels.trailingSilenceSeconds]] as const) {
      if (seconds > LONG_SILENCE_SECONDS) {
        warnings.push({ code: `${where}-silence`, message: `${seconds.toFixed(2)} s of ${where} silence: ${fix(' --trim-silence')}` });
      }
    }
  }
  if (levels.faults) warnings.push(...promptWarnings(activeDbov, levels.faults, (flag) => fix(` ${flag}`)));
  return { problems, warnings };
}
