import { ActiveSpeechLevelMeter } from './active-speech-level.js';
import { ALAW_RAIL, PeakMeter } from './peak-meter.js';
import { SpeechBoundsFinder } from './speech-bounds.js';

/** Everything `--level` and `--trim-silence` need to know about a prompt, from one pass over its samples. */
export interface Levels {
  /** P.56 method B active speech level, dBov (a full-scale sine is -3.01); null without active speech. */
  activeDbov: number | null;
  /** Long-term RMS level over the whole stream, dBov; null for an empty or all-zero stream. */
  rmsDbov: number | null;
  /** Largest sample magnitude, dBFS (1.0 = 0 dBFS, which is also 0 dBov); null for an all-zero stream. */
  peakDbfs: number | null;
  /** Share of the stream that P.56 counts as active speech, 0 to 100. */
  activityPercent: number;
  /** Samples in flat tops: runs of two or more of one value at the encoding's rail (see peak-meter.ts). */
  clippedSamples: number;
  /** The 10th percentile of the 10 ms frame energies, dBov; null when that is digital silence. */
  noiseFloorDbov: number | null;
  /** Seconds before the first speech; the whole duration when no speech was found. */
  leadingSilenceSeconds: number;
  /** Seconds after the last speech; the whole duration when no speech was found. */
  trailingSilenceSeconds: number;
  /** First sample of speech; 0 when none was found. */
  speechStart: number;
  /** One past the last sample of speech (a slice end); 0 when none was found. */
  speechEnd: number;
  samples: number;
  sampleRate: number;
}

/**
 * Measures a stream as it flows: push blocks of full-scale floats (the 8 kHz output of the pipeline, or the
 * decoded samples of a file being checked), then read the result. Memory stays bounded: the meters keep a few
 * numbers, the speech finder one energy per 10 ms.
 */
export class LevelAnalyzer {
  private readonly speechLevel: ActiveSpeechLevelMeter;
  private readonly peaks: PeakMeter;
  private readonly speechBounds: SpeechBoundsFinder;

  /** `rail`: where the output encoding cannot tell a sample from full scale (clipping is judged there). */
  constructor(
    readonly sampleRate: number,
    rail = ALAW_RAIL,
  ) {
    this.peaks = new PeakMeter(rail);
    this.speechLevel = new ActiveSpeechLevelMeter(sampleRate);
    this.speechBounds = new SpeechBoundsFinder(sampleRate);
  }

  push(block: Float32Array): void {
    this.speechLevel.push(block);
    this.peaks.push(block);
    this.speechBounds.push(block);
  }

  result(): Levels {
    const { activeDbov, rmsDbov, activityPercent, samples } = this.speechLevel.result();
    const { peakDbfs, clippedSamples } = this.peaks.result();
    const bounds = this.speechBounds.result(activeDbov);
    return {
      activeDbov,
      rmsDbov,
      peakDbfs,
      activityPercent,
      clippedSamples,
      ...bounds,
      samples,
      sampleRate: this.sampleRate,
    };
  }
}
