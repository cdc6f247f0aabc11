import type { Stage } from '../stage/stage.js';
import { QUIETEST_SPEECH_DBOV } from './level-gain.js';

/**
 * `--even`: levelling inside a prompt, so that its quiet phrases come up and its loud ones down towards the prompt's
 * own active level (P.56). Not a compressor: the gain is a slow curve decided with the whole prompt in view, which
 * the first pass of a conversion measures (the energy and the peak of every 10 ms), and which the second pass applies
 * sample by sample, interpolated between 10 ms points: a look-ahead of the whole prompt, and no delay.
 *
 * The curve, in dB, frame by frame:
 * 1. The local speech level: the mean power of the speech frames (those within 20 dB of the active level, and clear
 *    of the noise floor) under a triangular window 1.6 s wide, so a word's stress is averaged with its neighbours'.
 * 2. The gain that brings it to the active level, less a dead band of 1 dB (an even prompt is left as it is), within
 *    +/-12 dB (a ceiling on the gain: what is 12 dB down is brought up 12 dB, no more).
 * 3. Times the speech around the frame: held 150 ms past each speech frame and eased in and out over 100 ms, so that
 *    pauses keep their own level (the noise floor is not raised) and short gaps inside a phrase are not pumped.
 * 4. Never over the peak ceiling: each frame's gain is kept under what would take its peak, or its neighbours', past
 *    the ceiling, by a running minimum then a running mean of equal width, which stays under every limit it smooths.
 */

const FRAME_SECONDS = 0.01;
/** Half the width of the window the local level is taken over, frames (0.8 s). */
const LEVEL_HALF_WIDTH = 80;
const SPEECH_BELOW_ACTIVE_DB = 20;
const SPEECH_ABOVE_NOISE_DB = 8;
const DEAD_BAND_DB = 1.5;
export const MAX_EVEN_GAIN_DB = 12;
/** How long the gain holds after (and before) speech, frames; then how long it eases, frames (half-width). */
const HOLD_FRAMES = 15;
const EASE_HALF_WIDTH = 5;
/** Half the width of the peak limit's running minimum and mean, frames. */
const LIMIT_HALF_WIDTH = 5;

/** Records the energy and the peak of every 10 ms of a stream, for the curve. */
export class EvenMeter {
  readonly frameLength: number;
  private readonly energies: number[] = [];
  private readonly peaks: number[] = [];
  private energy = 0;
  private peak = 0;
  private filled = 0;

  constructor(readonly sampleRate: number) {
    this.frameLength = Math.round(FRAME_SECONDS * sampleRate);
  }

  push(block: Float32Array): void {
    let { energy, peak, filled } = this;
    for (let i = 0; i < block.length; i++) {
      const x = block[i];
      energy += x * x;
      const magnitude = Math.abs(x);
      if (magnitude > peak) peak = magnitude;
      if (++filled === this.frameLength) {
        this.energies.push(energy / filled);
        this.peaks.push(peak);
        energy = 0;
        peak = 0;
        filled = 0;
      }
    }
    this.energy = energy;
    this.peak = peak;
    this.filled = filled;
  }

  /**
   * The gain of every frame (linear), for a prompt whose active level is `activeDbov` over a noise floor of
   * `noiseFloorDbov` (null: digital silence), never taking a peak past `ceilingDbfs`. Null when there is no speech.
   */
  curve(activeDbov: number | null, noiseFloorDbov: number | null, ceilingDbfs: number): Float32Array | null {
    if (activeDbov === null || activeDbov < QUIETEST_SPEECH_DBOV || this.energies.length + this.filled === 0) return null;
    const energies = Float64Array.from(this.filled > 0 ? [...this.energies, this.energy / this.filled] : this.energies);
    const peaks = Float64Array.from(this.filled > 0 ? [...this.peaks, this.peak] : this.peaks);
    const count = energies.length;
    const threshold = Math.max(activeDbov - SPEECH_BELOW_ACTIVE_DB, (noiseFloorDbov ?? -Infinity) + SPEECH_ABOVE_NOISE_DB);
    const below = 10 ** (threshold / 10);
    const speech = energies.map((energy) => (energy > 0 && energy >= below ? 1 : 0));
    // the prompt's own level, measured as the local ones are: the mean power of all its speech frames (P.56's active
    // level counts the 200 ms after each word too, and would read a prompt that is even as 1 or 2 dB too loud)
    const speechEnergies = energies.filter((_, k) => speech[k]);
    if (speechEnergies.length === 0) return null;
    const ownDb = 10 * Math.log10(speechEnergies.reduce((sum, energy) => sum + energy, 0) / speechEnergies.length);
    // the local level: a triangular window (a running mean of a running mean), over the speech frames alone
    const spoken = triangle(energies.map((energy, k) => energy * speech[k]));
    const weights = triangle(speech);
    const gainDb = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const weight = weights[k];
      const power = spoken[k];
      if (!(weight > 1e-9)) continue;
      const off = ownDb - 10 * Math.log10(power / weight);
      // none inside the dead band, all of it from twice the dead band out, and a ramp between: no step in the curve
      const share = Math.max(0, Math.min(1, (Math.abs(off) - DEAD_BAND_DB) / DEAD_BAND_DB));
      gainDb[k] = Math.max(-MAX_EVEN_GAIN_DB, Math.min(MAX_EVEN_GAIN_DB, off * share));
    }
    // 1 within HOLD_FRAMES of a speech frame (a count of them over the span, from a running mean), then eased
    const held = runningMean(speech, HOLD_FRAMES).map((share) => (share > 0 ? 1 : 0));
    const near = runningMean(held, EASE_HALF_WIDTH);
    const limit = new Float64Array(count);
    for (let k = 0; k < count; k++) {
      const peak = Math.max(k > 0 ? peaks[k - 1] : 0, peaks[k], k + 1 < count ? peaks[k + 1] : 0);
      limit[k] = Math.min(gainDb[k] * near[k], peak > 0 ? ceilingDbfs - 20 * Math.log10(peak) : Infinity);
    }
    const smooth = runningMean(runningMinimum(limit, LIMIT_HALF_WIDTH), LIMIT_HALF_WIDTH);
    return Float32Array.from(smooth, (db) => 10 ** (db / 20));
  }
}

/** A running mean of a running mean, each LEVEL_HALF_WIDTH / 2 frames either side: a triangle 1.6 s wide. */
function triangle(values: Float64Array): Float64Array {
  return runningMean(runningMean(values, LEVEL_HALF_WIDTH / 2), LEVEL_HALF_WIDTH / 2);
}

/** The smallest value within `half` frames of each. */
function runningMinimum(values: Float64Array, half: number): Float64Array {
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    let least = Infinity;
    for (let j = Math.max(0, k - half); j <= Math.min(values.length - 1, k + half); j++) if (values[j] < least) least = values[j];
    out[k] = least;
  }
  return out;
}

/** The mean of the values within `half` frames of each (fewer at the ends). */
function runningMean(values: Float64Array, half: number): Float64Array {
  const sums = new Float64Array(values.length + 1);
  for (let k = 0; k < values.length; k++) sums[k + 1] = sums[k] + values[k];
  const out = new Float64Array(values.length);
  for (let k = 0; k < values.length; k++) {
    const from = Math.max(0, k - half);
    const to = Math.min(values.length - 1, k + half);
    out[k] = (sums[to + 1] - sums[from]) / (to - from + 1);
  }
  return out;
}

/**
 * Applies a curve: the gain of each sample is interpolated between the centres of the 10 ms frames around it (held
 * flat before the first centre and after the last). Same samples out as in, no delay.
 */
export class EvenStage implements Stage {
  private buffer = new Float32Array(0);

  /** `position`: where in the stream the curve was measured on the first block comes from. */
  constructor(
    private readonly curve: Float32Array,
    private readonly frameLength: number,
    private position = 0,
  ) {}

  flow(block: Float32Array): Float32Array {
    if (this.buffer.length < block.length) this.buffer = new Float32Array(block.length);
    const out = this.buffer.subarray(0, block.length);
    const { curve, frameLength } = this;
    const last = curve.length - 1;
    // frame centre k lies at k·frameLength + centre; between two centres the gain moves by a fixed step a sample
    const centre = (frameLength - 1) / 2;
    for (let i = 0; i < block.length; ) {
      const at = this.position + i;
      const k = Math.floor((at - centre) / frameLength);
      // up to the next centre, the gain is a line (flat before the first centre and after the last)
      const nextCentre = Math.ceil((k + 1) * frameLength + centre);
      const end = Math.min(block.length, i + Math.max(1, nextCentre - at));
      if (k < 0 || k >= last) {
        const gain = curve[k < 0 ? 0 : last];
        for (; i < end; i++) out[i] = block[i] * gain;
        continue;
      }
      const step = (curve[k + 1] - curve[k]) / frameLength;
      let gain = curve[k] + step * (this.position + i - (k * frameLength + centre));
      for (; i < end; i++, gain += step) out[i] = block[i] * gain;
    }
    this.position += block.length;
    return out;
  }

  drain(): Float32Array {
    return new Float32Array(0);
  }
}
