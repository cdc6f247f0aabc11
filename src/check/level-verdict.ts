import { LevelAnalyzer, type Levels } from '../adjust/level-analyzer.js';
import { EightKilohertzPass } from '../pipeline/eight-kilohertz-pass.js';
import type { OpenOptions } from '../read/audio-source.js';
import type { ByteSource } from '../read/byte-source.js';
import { openAudio } from '../read/open-audio.js';
import { withKernels } from '../wasm/kernels.js';
import { OUTPUT_SAMPLE_RATE } from '../write/canonical-wave.js';
import type { Problem, Warning } from './file-record.js';

/** Leading or trailing silence longer than this makes an IVR feel slow (SPEC.md, "Speech level"). */
export const LONG_SILENCE_SECONDS = 0.5;

/**
 * The levels of a file as it is, or as it becomes: decoded, mixed to mono and resampled to 8000 Hz (a playback file
 * already is that, and is only decoded).
 */
export async function measureLevels(source: ByteSource, options: OpenOptions = {}): Promise<Levels> {
  const audio = await openAudio(source, options);
  try {
    return await withKernels(async (kernels) => {
      const analyzer = new LevelAnalyzer(OUTPUT_SAMPLE_RATE);
      await new EightKilohertzPass(audio, kernels).run((block) => analyzer.push(block));
      return analyzer.result();
    });
  } finally {
    audio.close();
  }
}

export interface LevelVerdict {
  problems: Problem[];
  warnings: Warning[];
}

/** What is wrong with a prompt's levels against a target active level and a tolerance (both in dB). */
export function judgeLevels(levels: Levels, targetDbov: number, toleranceDb: number, fix: (extra: string) => string): LevelVerdict {
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  if (levels.activeDbov === null) {
    problems.push({ code: 'level', message: `no active speech (ITU-T P.56) to measure: silence, or too short; ${targetDbov} dBov wanted` });
  } else if (Math.abs(levels.activeDbov - targetDbov) > toleranceDb) {
    const off = levels.activeDbov - targetDbov;
    problems.push({
      code: 'level',
      message:
        `active speech level ${levels.activeDbov.toFixed(1)} dBov, ${Math.abs(off).toFixed(1)} dB ${off > 0 ? 'above' : 'below'} ` +
        `${targetDbov} dBov (tolerance ${toleranceDb} dB): ${fix(` --level ${targetDbov}`)}`,
    });
  }
  if (levels.clippedSamples > 0) {
    problems.push({
      code: 'clipping',
      message: `${levels.clippedSamples} samples in flat tops at full scale: the recording clipped; record it again, or lower it before it clipped`,
    });
  }
  if (levels.activeDbov !== null) {
    for (const [where, seconds] of [['leading', levels.leadingSilenceSeconds], ['trailing', levels.trailingSilenceSeconds]] as const) {
      if (seconds > LONG_SILENCE_SECONDS) {
        warnings.push({ code: `${where}-silence`, message: `${seconds.toFixed(2)} s of ${where} silence: ${fix(' --trim-silence')}` });
      }
    }
  }
  return { problems, warnings };
}
