import type { Kernels } from '../wasm/kernels.js';

/**
 * ITU-T P.56 method B: the active speech level, the long-term level and the activity factor of a stream.
 *
 * Levels are in dBov, dB relative to the digital overload point. In this project's float convention (1.0 is
 * 16-bit full scale, 32768) the overload point is 1.0, so a level is 10·log10(mean square) of the floats: a
 * full-scale sine reads -3.01 dBov, and a sample peak of 1.0 would be 0 dBov. The ITU-T G.191 tools (`actlev`,
 * `sv56demo`) divide 16-bit samples by 32768 and use the same reference (0 dBov = 1.0), so the figures they print
 * as "[dB]" or "[dBov]" are directly comparable with ours.
 *
 * The G.191 reference tool, which published levels are computed with, puts its 15 thresholds at powers of two
 * (6.02 dB apart) from one 16-bit step (2^-15, -90.3 dBov) to half of full scale, and interpolates between them by
 * halving to a 0.5 dB tolerance, a tolerance P.56 leaves to the implementation. We do the same. With thresholds
 * 2 dB apart and exact interpolation the meter would read 0.017 dB lower on the G.191 test file `voice.src` and
 * disagree with `actlev` in the second decimal; as it is, it reads that file as published (ActLev -25.329 dBov,
 * RMSLev -25.478 dBov, 96.625 % active) and agrees with the tool to 1e-9 dB on every signal in the spec.
 *
 * Memory is a handful of numbers and two arrays of 15 and 16, whatever the length of the stream.
 */

/** Time constant of the two-stage envelope smoothing, seconds (P.56 T). */
const ENVELOPE_SECONDS = 0.03;
/** How long a pause is still counted as speech after the envelope falls below a threshold, seconds (P.56 H). */
const HANGOVER_SECONDS = 0.2;
/** The active level lies this far above the threshold it is measured at, dB (P.56 M). */
const MARGIN_DB = 15.9;
/** Interpolation tolerance of the G.191 tool, dB. */
const INTERPOLATION_TOLERANCE_DB = 0.5;
/** 2^-15 (one 16-bit step) up to 2^-1, doubling. */
const THRESHOLDS = Float64Array.from({ length: 15 }, (_, j) => 2 ** (j - 15));

export interface ActiveSpeechLevel {
  /** P.56 active speech level, dBov; null when there is no active speech (silence, idle noise, empty stream). */
  activeDbov: number | null;
  /** Long-term RMS level over every sample, dBov; null for an empty or all-zero stream. */
  rmsDbov: number | null;
  /** Share of the stream that P.56 counts as active speech, 0 to 100 (0 when there is none). */
  activityPercent: number;
  samples: number;
}

/** f64 slots of the kernels' memory that `pushAt` needs (src/adjust/kernels/active-level.ts says what each holds). */
export const LEVEL_KERNEL_STATE_BYTES = 18 * 8;

/** Streaming P.56 method B meter: push blocks of full-scale floats in order, then read the result at any time. */
export class ActiveSpeechLevelMeter {
  private readonly smoothing: number;
  private readonly hangoverSamples: number;
  private samples = 0;
  private sumOfSquares = 0;
  /** The two stages of the envelope (P.56 p and q). */
  private stage1 = 0;
  private envelope = 0;
  /** How many thresholds the envelope is at or above. */
  private thresholdsReached = 0;
  /** How many thresholds count the current sample as active: those reached now or within the hangover. */
  private activeThresholds = 0;
  /** For each threshold the envelope is below, the last sample at which it was at or above it. */
  private readonly lastReached = new Float64Array(THRESHOLDS.length).fill(-Infinity);
  /**
   * Samples by the number of thresholds that counted them as active, up to the start of the current run. P.56 keeps
   * an activity count per threshold, and threshold j's is the number of samples counted by more than j thresholds,
   * so this histogram holds the same information; and as the number changes only now and then, it is updated once a
   * run instead of fifteen tests a sample.
   */
  private readonly activeHistogram = new Float64Array(THRESHOLDS.length + 1);
  /** First sample of the current run of `activeThresholds`. */
  private runStart = 0;
  /** The envelope leaves its band of thresholds when it reaches `up` or falls below `down`. */
  private up = THRESHOLDS[0];
  private down = -Infinity;
  /** The last sample at which the highest active threshold still counts, when it is held only by its hangover. */
  private hangoverEnd = Infinity;

  constructor(readonly sampleRate: number) {
    this.smoothing = Math.exp(-1 / (sampleRate * ENVELOPE_SECONDS));
    this.hangoverSamples = Math.floor(HANGOVER_SECONDS * sampleRate + 0.5);
  }

  push(block: Float32Array): void {
    const g = this.smoothing;
    const oneMinusG = 1 - g;
    let stage1 = this.stage1;
    let envelope = this.envelope;
    let sumOfSquares = this.sumOfSquares;
    let up = this.up;
    let down = this.down;
    let hangoverEnd = this.hangoverEnd;
    let n = this.samples;
    for (let i = 0; i < block.length; i++, n++) {
      const x = block[i];
      sumOfSquares += x * x;
      // Math.abs rather than a test of the sign: speech changes sign at random, which a branch would mispredict.
      stage1 = g * stage1 + oneMinusG * Math.abs(x);
      envelope = g * envelope + oneMinusG * stage1;
      if (envelope >= up || envelope < down || n > hangoverEnd) {
        this.recount(envelope, n);
        up = this.up;
        down = this.down;
        hangoverEnd = this.hangoverEnd;
      }
    }
    this.stage1 = stage1;
    this.envelope = envelope;
    this.sumOfSquares = sumOfSquares;
    this.samples = n;
  }

  /**
   * `push` of `count` samples that lie in the kernels' memory at `address`, to one meter or two (a prompt's whole
   * meter and one of its stretches'), the loop over them run by a WebAssembly kernel (src/adjust/kernels/active-level.ts)
   * that takes each of push's steps in the same order and in f64: each meter reads what it would alone, to the last
   * bit, and two meters' envelopes, each waiting on its own last step, run side by side for about the time of one.
   * The kernel stops at each sample that needs `recount`, which stays here. `state`: LEVEL_KERNEL_STATE_BYTES of the
   * same memory. Returns `sum` with the samples added to it one by one, in order (a fault meter's DC offset).
   */
  static pushAt(kernels: Kernels, state: number, address: number, count: number, a: ActiveSpeechLevelMeter, b?: ActiveSpeechLevelMeter, sum = 0): number {
    if (b && b.smoothing !== a.smoothing) {
      const total = ActiveSpeechLevelMeter.pushAt(kernels, state, address, count, a, undefined, sum);
      ActiveSpeechLevelMeter.pushAt(kernels, state, address, count, b);
      return total;
    }
    const slots = kernels.f64(state, LEVEL_KERNEL_STATE_BYTES / 8);
    slots[0] = a.smoothing;
    slots[1] = 1 - a.smoothing;
    a.save(slots, 2);
    b?.save(slots, 9);
    slots[17] = sum;
    const { active_level_one, active_level_pair } = kernels.exports;
    for (let at = 0; at < count; ) {
      const stopped = b ? active_level_pair(address + 4 * at, count - at, state) : active_level_one(address + 4 * at, count - at, state);
      if (stopped === count - at) break;
      // the sample at `stopped` needs a recount, for one meter or both; each then moves on past it
      const flags = slots[16];
      if (flags & 1) a.recountAt(slots, 2);
      if (b && flags & 2) b.recountAt(slots, 9);
      slots[5] += 1;
      if (b) slots[12] += 1;
      at += stopped + 1;
    }
    a.restore(slots, 2);
    b?.restore(slots, 9);
    return slots[17];
  }

  /** The kernel's view of this meter: stage1, envelope, sum of squares, samples, up, down, hangover end. */
  private save(slots: Float64Array, at: number): void {
    slots[at] = this.stage1;
    slots[at + 1] = this.envelope;
    slots[at + 2] = this.sumOfSquares;
    slots[at + 3] = this.samples;
    slots[at + 4] = this.up;
    slots[at + 5] = this.down;
    slots[at + 6] = this.hangoverEnd;
  }

  private recountAt(slots: Float64Array, at: number): void {
    this.recount(slots[at + 1], slots[at + 3]);
    slots[at + 4] = this.up;
    slots[at + 5] = this.down;
    slots[at + 6] = this.hangoverEnd;
  }

  private restore(slots: Float64Array, at: number): void {
    this.stage1 = slots[at];
    this.envelope = slots[at + 1];
    this.sumOfSquares = slots[at + 2];
    this.samples = slots[at + 3];
  }

  /** Which thresholds count sample `n`, once the envelope has crossed a threshold or a hangover has run out. */
  private recount(envelope: number, n: number): void {
    const lastReached = this.lastReached;
    let reached = this.thresholdsReached;
    while (reached < THRESHOLDS.length && envelope >= THRESHOLDS[reached]) reached++;
    while (reached > 0 && envelope < THRESHOLDS[reached - 1]) {
      reached--;
      lastReached[reached] = n - 1;
    }
    // A sample is active for a threshold reached now or less than a hangover ago. Higher thresholds were left no
    // later than lower ones, so their hangovers run out first: the count only shrinks from the top.
    let active = Math.max(this.activeThresholds, reached);
    while (active > reached && n - lastReached[active - 1] > this.hangoverSamples) active--;
    if (active !== this.activeThresholds) {
      this.activeHistogram[this.activeThresholds] += n - this.runStart;
      this.runStart = n;
      this.activeThresholds = active;
    }
    this.thresholdsReached = reached;
    this.up = reached < THRESHOLDS.length ? THRESHOLDS[reached] : Infinity;
    this.down = reached > 0 ? THRESHOLDS[reached - 1] : -Infinity;
    this.hangoverEnd = active > reached ? lastReached[active - 1] + this.hangoverSamples : Infinity;
  }

  result(): ActiveSpeechLevel {
    const samples = this.samples;
    const longTermDb = 10 * Math.log10(this.sumOfSquares / samples);
    const rmsDbov = this.sumOfSquares > 0 ? longTermDb : null;
    const silence = { activeDbov: null, rmsDbov, activityPercent: 0, samples };
    const activeCounts = this.activeCountsByThreshold();
    // Where the level measured over the active samples of a threshold is still more than the margin above that
    // threshold, the threshold is below the speech; the active level is where the difference equals the margin.
    const level = (j: number) => ({
      activeDb: 10 * Math.log10(this.sumOfSquares / activeCounts[j]),
      thresholdDb: 20 * Math.log10(THRESHOLDS[j]),
    });
    if (activeCounts[0] === 0 || excess(level(0)) < 0) return silence;
    for (let j = 1; j < THRESHOLDS.length; j++) {
      if (activeCounts[j] === 0) continue;
      const here = level(j);
      if (excess(here) > 0) continue;
      const activeDbov = interpolate(here, level(j - 1));
      const activityPercent = 100 * 10 ** ((longTermDb - activeDbov) / 10);
      return { activeDbov, rmsDbov, activityPercent, samples };
    }
    // Every threshold the envelope reached lies more than the margin under the level measured over it: the envelope
    // never came near the signal, which is too short for it to rise (under about 30 ms) or a 16-bit step or two.
    return silence;
  }

  private activeCountsByThreshold(): Float64Array {
    const histogram = Float64Array.from(this.activeHistogram);
    histogram[this.activeThresholds] += this.samples - this.runStart;
    const counts = new Float64Array(THRESHOLDS.length);
    let above = 0;
    for (let j = THRESHOLDS.length - 1; j >= 0; j--) {
      above += histogram[j + 1];
      counts[j] = above;
    }
    return counts;
  }
}

interface LevelAtThreshold {
  /** 10·log10(sum of squares / active samples at this threshold). */
  activeDb: number;
  thresholdDb: number;
}

/** How far the active level at a threshold lies above threshold + margin; the active level is where this is 0. */
function excess(point: LevelAtThreshold): number {
  return point.activeDb - point.thresholdDb - MARGIN_DB;
}

/**
 * The point between two thresholds where the excess crosses zero, found as the G.191 tool finds it: test both ends,
 * then move a midpoint towards the side the excess points to, halving each time, until the excess is within the
 * tolerance (which grows by 10 % an iteration after 20, so the search always ends). Like the tool, the bound on
 * the side the midpoint moved from is set to the new midpoint, not the old one; its figures depend on that.
 */
function interpolate(upper: LevelAtThreshold, lower: LevelAtThreshold): number {
  let tolerance = INTERPOLATION_TOLERANCE_DB;
  if (Math.abs(excess(upper)) < tolerance) return upper.activeDb;
  if (Math.abs(excess(lower)) < tolerance) return lower.activeDb;
  let middle = midpoint(upper, lower);
  for (let iteration = 2; Math.abs(excess(middle)) > tolerance; iteration++) {
    if (iteration > 20) tolerance *= 1.1;
    if (excess(middle) > tolerance) {
      middle = midpoint(upper, middle);
      lower = middle;
    } else if (excess(middle) < -tolerance) {
      middle = midpoint(middle, lower);
      upper = middle;
    }
  }
  return middle.activeDb;
}

function midpoint(a: LevelAtThreshold, b: LevelAtThreshold): LevelAtThreshold {
  return { activeDb: (a.activeDb + b.activeDb) / 2, thresholdDb: (a.thresholdDb + b.thresholdDb) / 2 };
}
