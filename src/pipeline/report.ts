import type { Levels } from '../adjust/level-analyzer.js';
import type { FormatSummary } from '../source/format-summary.js';
import type { SourceWarning } from '../source/audio-source.js';

/** The input as the reader understood it. */
export interface InputDescription extends FormatSummary {
  frames: number;
  seconds: number;
  bytes: number;
}

/** A prompt's levels as reports show them (`check --level --json` and the convert report's before and after). */
export interface LevelSummary {
  /** ITU-T P.56 active speech level in dBov (a full-scale sine is -3.01); null when no speech is active. */
  activeDbov: number | null;
  /** Largest sample, in dB relative to full scale (the overload point); null for digital silence. */
  peakDbov: number | null;
  /** Share of the prompt P.56 counts as active speech. */
  activityPercent: number;
  /**
   * Samples in flat tops at full scale: runs of two or more of one value at the A-law rail (src/adjust/peak-meter.ts).
   * Counted in the file's own samples at its own rate (check, and convert's before), or in what was written (after).
   */
  clippedSamples: number;
  leadingSilenceSeconds: number;
  trailingSilenceSeconds: number;
}

export function summarizeLevels(levels: Levels): LevelSummary {
  return {
    activeDbov: levels.activeDbov,
    peakDbov: levels.peakDbfs,
    activityPercent: levels.activityPercent,
    clippedSamples: levels.clippedSamples,
    leadingSilenceSeconds: levels.leadingSilenceSeconds,
    trailingSilenceSeconds: levels.trailingSilenceSeconds,
  };
}

export interface ConvertReport {
  input: InputDescription;
  output: {
    samples: number;
    seconds: number;
    /** Size of the finished file, header and pad byte included. */
    bytes: number;
  };
  /** Input already in the profile's encoding, rate and channels (A-law, 8000 Hz, mono for Huawei), whose samples were copied byte for byte (only the container was rewritten). */
  passThrough: boolean;
  /** The output was cut to fit `maxSamples`, with a fade-out. */
  trimmed: boolean;
  /**
   * Seconds of the input left out of the output: before it (silence trimming) and after it (silence trimming, or the
   * cut of `maxSamples`); a review page draws them shaded beside the waveform. 0 and 0 when nothing was cut.
   */
  cut: { leadingSeconds: number; trailingSeconds: number };
  /** Gain applied by `normalize`, in dB (0 when not normalizing). */
  gainDb: number;
  /** Highest sample level before rounding, in dBFS (may exceed 0 when samples clipped; -Infinity for silence). */
  peakDbfs: number;
  /** Samples clipped to the 16-bit range before A-law encoding. */
  clippedSamples: number;
  /** With `level` or `trimSilence`: the levels measured before (on the 8 kHz signal) and after (on what was written). */
  levels: { before: LevelSummary; after: LevelSummary } | null;
  warnings: SourceWarning[];
}

export function toDbfs(level: number): number {
  return level > 0 ? 20 * Math.log10(level) : -Infinity;
}
