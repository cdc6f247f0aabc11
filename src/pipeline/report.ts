import type { FormatSummary } from '../read/format-summary.js';
import type { SourceWarning } from '../read/audio-source.js';

/** The input as the reader understood it. */
export interface InputDescription extends FormatSummary {
  frames: number;
  seconds: number;
  bytes: number;
}

export interface ConvertReport {
  input: InputDescription;
  output: {
    samples: number;
    seconds: number;
    /** Size of the finished file, header and pad byte included. */
    bytes: number;
  };
  /** A-law, 8000 Hz, mono input whose samples were copied byte for byte (only the container was rewritten). */
  passThrough: boolean;
  /** The output was cut to fit `maxSamples`, with a fade-out. */
  trimmed: boolean;
  /** Gain applied by `normalize`, in dB (0 when not normalizing). */
  gainDb: number;
  /** Highest sample level before rounding, in dBFS (may exceed 0 when samples clipped; -Infinity for silence). */
  peakDbfs: number;
  /** Samples clipped to the 16-bit range before A-law encoding. */
  clippedSamples: number;
  warnings: SourceWarning[];
}

export function toDbfs(level: number): number {
  return level > 0 ? 20 * Math.log10(level) : -Infinity;
}
