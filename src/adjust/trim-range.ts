import type { Levels } from './level-analyzer.js';

export interface TrimMargins {
  /** Kept before the first sample of speech, seconds. */
  beforeSeconds: number;
  /** Kept after the last sample of speech, seconds. */
  afterSeconds: number;
}

/**
 * 100 ms before the speech and 200 ms after it. Each margin covers what the detector can miss at that end: a soft
 * onset (an unvoiced /s/, /f/ or /h/, a breathy start) fades in below any threshold that must stay clear of the
 * noise, and decays (final consonants, room reverberation) are longer than onsets, hence the longer margin after.
 * Played back to back, two trimmed prompts are then 300 ms apart, under the roughly 350 ms at which listeners begin
 * to hear a pause (the figure behind P.56's hangover), so a chain of prompts runs on like one sentence, and each
 * prompt starts in a tenth of a second, far from the half second at which an IVR starts to feel slow.
 */
export const DEFAULT_TRIM_MARGINS: TrimMargins = { beforeSeconds: 0.1, afterSeconds: 0.2 };

export interface SampleRange {
  start: number;
  /** One past the last sample kept (a slice end). */
  end: number;
}

/**
 * The samples of a measured stream to keep: its speech and the margins, within the stream. A stream without speech
 * is kept whole: there is nothing to place the cut by, and emptying a prompt is never the remedy.
 */
export function trimRange(
  levels: Pick<Levels, 'speechStart' | 'speechEnd' | 'samples' | 'sampleRate'>,
  margins: TrimMargins = DEFAULT_TRIM_MARGINS,
): SampleRange {
  const { speechStart, speechEnd, samples, sampleRate } = levels;
  if (speechEnd <= speechStart) return { start: 0, end: samples };
  return {
    start: Math.max(0, speechStart - Math.round(margins.beforeSeconds * sampleRate)),
    end: Math.min(samples, speechEnd + Math.round(margins.afterSeconds * sampleRate)),
  };
}
