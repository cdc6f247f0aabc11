import { ENCODINGS } from '../profile/encodings.js';

/**
 * Sample peak and clipping of a stream of full-scale floats (1.0 = 16-bit full scale).
 *
 * A sample is at the rail when A-law cannot tell it from full scale: from 31744/32768 (-0.28 dBFS) up, samples
 * encode to A-law's largest code (to within one 16-bit step, where G.711 rounds negative values differently), which
 * decodes to 32256/32768 (-0.14 dBFS); the next code down decodes to 31232/32768. The rule therefore counts the same
 * on the floats before encoding (convert) as on the decoded file (check). Clipping is a run of two or more consecutive
 * samples at the rail on the same side: a flat top. One sample alone there is a legitimate peak (any prompt
 * normalised close to full scale has some), and a waveform that clipped before it reached us, even smoothed by
 * resampling, lingers at the rail for several samples.
 */

/** The lowest magnitude that A-law encodes to its largest code (the default profile's rail). */
export const ALAW_RAIL = ENCODINGS.alaw.rail;
/** Consecutive samples at the rail that make a flat top. */
const CLIPPED_RUN = 2;

export interface PeakLevels {
  /** Largest sample magnitude in dBFS (0 dBFS = 1.0, the overload point, so also dBov); null for all zeros. */
  peakDbfs: number | null;
  /** Samples in runs of two or more at the A-law rail, counting every sample of each run. */
  clippedSamples: number;
}

export class PeakMeter {
  /** `rail`: where the output encoding cannot tell a sample from full scale (src/profile/encodings.ts). */
  constructor(private readonly rail = ALAW_RAIL) {}

  private peak = 0;
  private clipped = 0;
  /** Length and side (+1 or -1) of the run at the rail that the last sample belongs to. */
  private run = 0;
  private runSide = 0;

  push(block: Float32Array): void {
    let peak = this.peak;
    let clipped = this.clipped;
    let run = this.run;
    let runSide = this.runSide;
    const rail = this.rail;
    for (let i = 0; i < block.length; i++) {
      const x = block[i];
      const magnitude = Math.abs(x); // not a test of the sign, which a branch would mispredict on speech
      if (magnitude > peak) peak = magnitude;
      if (magnitude < rail) {
        run = 0;
        continue;
      }
      const side = x < 0 ? -1 : 1;
      run = side === runSide ? run + 1 : 1;
      runSide = side;
      // The run's first sample is counted when the run becomes long enough, each later one as it comes.
      if (run === CLIPPED_RUN) clipped += CLIPPED_RUN;
      else if (run > CLIPPED_RUN) clipped++;
    }
    this.peak = peak;
    this.clipped = clipped;
    this.run = run;
    this.runSide = runSide;
  }

  result(): PeakLevels {
    return { peakDbfs: this.peak > 0 ? 20 * Math.log10(this.peak) : null, clippedSamples: this.clipped };
  }
}
