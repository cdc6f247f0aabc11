import { ENCODINGS } from '../profile/encodings.js';

/**
 * Sample peak and clipping of a stream of full-scale floats (1.0 = 16-bit full scale).
 *
 * A sample is at the rail when A-law cannot tell it from full scale: from 31744/32768 (-0.28 dBFS) up, samples
 * encode to A-law's largest code (to within one 16-bit step, where G.711 rounds negative values differently), which
 * decodes to 32256/32768 (-0.14 dBFS); the next code down decodes to 31232/32768. Clipping is a flat top: a run of
 * two or more consecutive samples of one value at the rail. One sample alone there is a legitimate peak (any prompt
 * normalised close to full scale has some), and so is a run that moves: at 44.1 kHz a speech peak stays within the
 * rail's 0.28 dB for a dozen samples or more, moving from one to the next, where a recording that clipped holds one
 * value. On A-law (a playback file, decoded) every sample at the rail is the largest code: there every run is flat.
 *
 * Clipping is judged on a recording's own samples, at its own rate (src/pipeline/output-rate-pass.ts): band-
 * limiting to 8 kHz can run isolated full-scale samples together into a run at the rail, which is no flat top in
 * the recording, and whatever resampling pushes past full scale the encoder counts as it clips it.
 */

/** The lowest magnitude that A-law encodes to its largest code (the default profile's rail). */
export const ALAW_RAIL = ENCODINGS.alaw.rail;
/** Consecutive samples at the rail that make a flat top. */
const CLIPPED_RUN = 2;

export interface PeakLevels {
  /** Largest sample magnitude in dBFS (0 dBFS = 1.0, the overload point, so also dBov); null for all zeros. */
  peakDbfs: number | null;
  /** Samples in runs of two or more of one value at the A-law rail, counting every sample of each run. */
  clippedSamples: number;
}

export class PeakMeter {
  /** `rail`: where the output encoding cannot tell a sample from full scale (src/profile/encodings.ts). */
  constructor(private readonly rail = ALAW_RAIL) {}

  private peak = 0;
  private clipped = 0;
  /** Length and value of the run at the rail that the last sample belongs to. */
  private run = 0;
  private runValue = 0;

  push(block: Float32Array): void {
    let peak = this.peak;
    let clipped = this.clipped;
    let run = this.run;
    let runValue = this.runValue;
    const rail = this.rail;
    for (let i = 0; i < block.length; i++) {
      const x = block[i];
      const magnitude = Math.abs(x); // not a test of the sign, which a branch would mispredict on speech
      if (magnitude > peak) peak = magnitude;
      if (magnitude < rail) {
        run = 0;
        continue;
      }
      run = run > 0 && x === runValue ? run + 1 : 1;
      runValue = x;
      // The run's first sample is counted when the run becomes long enough, each later one as it comes.
      if (run === CLIPPED_RUN) clipped += CLIPPED_RUN;
      else if (run > CLIPPED_RUN) clipped++;
    }
    this.peak = peak;
    this.clipped = clipped;
    this.run = run;
    this.runValue = runValue;
  }

  /**
   * Takes a block without walking its samples, given its peak magnitude found elsewhere (a SIMD kernel): only for
   * a block whose peak is under the rail, which then ends any run at the rail.
   */
  pushBelowRail(peak: number): void {
    if (peak > this.peak) this.peak = peak;
    this.run = 0;
  }

  result(): PeakLevels {
    return { peakDbfs: this.peak > 0 ? 20 * Math.log10(this.peak) : null, clippedSamples: this.clipped };
  }
}
