import { ALAW_RAIL } from './peak-meter.js';

/**
 * The default peak ceiling: the largest 16-bit sample below the A-law rail, 31743/32768 (-0.276 dBFS). A prompt
 * brought to its level with this ceiling never puts a sample on A-law's largest code, so its own check never counts
 * clipping, and it loses nothing to a lower ceiling: -1 dBFS (what `--normalize` aims at) would give up 0.7 dB of
 * the loudness that a quiet prompt with high peaks may need. The file holds A-law codes, not a waveform to
 * reconstruct, so there are no inter-sample peaks to leave room for.
 */
export const PEAK_CEILING_DBFS = peakCeilingDbfs(ALAW_RAIL);

/** The peak ceiling for an encoding whose rail is `rail`: the largest 16-bit sample below it. */
export function peakCeilingDbfs(rail: number): number {
  return 20 * Math.log10(rail - 1 / 32768);
}

/**
 * Below this active level there is no speech to bring to a target: a quiet room, or A-law's idle codes (the "silence"
 * of an A-law file decodes to a constant 8/32768, which P.56 reads at -72 dBov). Raising it by 40 dB would make noise
 * of it. The quietest prompts the project is held to are at -45 dBov.
 */
export const QUIETEST_SPEECH_DBOV = -60;

export interface LevelGain {
  /** Gain to apply, in dB (negative to attenuate); 0 when there is no active speech to measure by. */
  gainDb: number;
  /** The ceiling stopped the gain short of the target (or forced a cut below the target). */
  limitedByPeak: boolean;
  /** Active level after the gain, dBov; null when there is no active speech. */
  reachedDbov: number | null;
}

/**
 * The gain that brings the active speech level to `targetDbov`, unless the sample peak would then pass
 * `peakCeilingDbfs`: the gain stops there, so the result never clips. It does even when that means a cut, for a
 * stream whose peak is already above the ceiling.
 */
export function gainForLevel(
  levels: { activeDbov: number | null; peakDbfs: number | null },
  targetDbov: number,
  peakCeilingDbfs = PEAK_CEILING_DBFS,
): LevelGain {
  if (levels.activeDbov === null || levels.activeDbov < QUIETEST_SPEECH_DBOV) return { gainDb: 0, limitedByPeak: false, reachedDbov: null };
  const wanted = targetDbov - levels.activeDbov;
  const headroom = levels.peakDbfs === null ? Infinity : peakCeilingDbfs - levels.peakDbfs;
  const gainDb = Math.min(wanted, headroom);
  return { gainDb, limitedByPeak: headroom < wanted, reachedDbov: levels.activeDbov + gainDb };
}
