import type { Kernels } from '../wasm/kernels.js';
import { ActiveSpeechLevelMeter, LEVEL_KERNEL_STATE_BYTES } from './active-speech-level.js';

/**
 * What a recording got wrong that a level alone does not tell: a DC offset, mains hum, and speech whose level wanders
 * from one part of the prompt to another. Measured as the stream flows, in bounded memory (a few numbers for every
 * 0.2 s and every 2 s), and judged at the end, when the prompt's active level tells its pauses from its speech.
 *
 * - DC offset: the mean of every sample, dBFS.
 * - Hum: in 0.2 s frames (5 Hz apart, a Hann window), the power at 50 and 60 Hz and their first harmonics, against
 *   the median power at frequencies between them (the floor), averaged over the pauses: the frames whose energy, hum
 *   taken out, lies 15 dB or more below the active level (all frames, in a prompt with no speech).
 * - Unevenness: the P.56 active level of every 2-second stretch (the last counted if it is 1 s or longer) that holds
 *   at least 0.5 s of active speech; the spread is the loudest less the quietest.
 */

const FRAME_SECONDS = 0.2;
const STRETCH_SECONDS = 2;
/** A stretch shorter than this (the end of a prompt) or with less active speech than this is not judged alone. */
const SHORTEST_STRETCH_SECONDS = 1;
const LEAST_SPEECH_SECONDS = 0.5;
/** A frame this far below the active level, hum taken out, is a pause. */
const PAUSE_BELOW_ACTIVE_DB = 15;
/** The mains frequencies and their harmonics that hum shows at. */
export const HUM_FREQUENCIES: readonly number[] = [50, 100, 150, 200, 250, 60, 120, 180, 240];
/** Between the hum's lines, 15 Hz or more from each (three Hann bins): the floor they stand above. */
const FLOOR_FREQUENCIES: readonly number[] = [80, 85, 135, 165, 215, 275, 320];
/** The rate the lines are read at, from sums of the frame's samples (see endFrame). */
const LINES_RATE = 4000;
/** A hum quieter than this (as a sine's level, dBov) is below anything a phone plays. */
const QUIETEST_HUM_DBOV = -70;

export interface Faults {
  /** The mean sample, dBFS; null for a stream whose mean is zero. */
  dcDbfs: number | null;
  /** The strongest mains line in the pauses and how far it stands above their floor; null when none is heard. */
  hum: { hz: number; aboveFloorDb: number; levelDbov: number } | null;
  /** The P.56 active level of each 2-second stretch, dBov; null where it holds too little speech to tell. */
  stretchLevels: (number | null)[];
  /** The loudest stretch's level less the quietest's, dB; null with fewer than two stretches of speech. */
  spreadDb: number | null;
}

/** The Hann windows made so far, by length: a batch meters every file at the same rate or two. */
const windows = new Map<number, Float64Array>();

function hannWindow(n: number): Float64Array {
  let window = windows.get(n);
  if (!window) {
    window = new Float64Array(n);
    for (let i = 0; i < n; i++) window[i] = 0.5 - 0.5 * Math.cos((2 * Math.PI * (i + 0.5)) / n);
    if (windows.size >= 8) windows.clear();
    windows.set(n, window);
  }
  return window;
}

export class FaultMeter {
  private readonly frameLength: number;
  /** In the kernels' memory (src/adjust/kernels/fault-frame.ts): the frame being filled, its window, the lines. */
  private readonly frameAddress: number;
  private readonly windowAddress: number;
  private readonly groupedAddress: number;
  /** How many samples the frame's kernel sums into one before it reads the lines: the lines are read at 4 kHz. */
  private readonly group: number;
  private readonly coefficientsAddress: number;
  private readonly recordAddress: number;
  /** The P.56 kernel's state (ActiveSpeechLevelMeter.pushAt). */
  private readonly levelState: number;
  /** Goertzel's 2·cos(2π f / (rate / group)) for each hum line, then each floor line, padded to a multiple of 16. */
  private readonly lines: number;
  private filled = 0;
  private sum = 0;
  private samples = 0;
  /** For each frame: its energy with the hum lines taken out, then the power at each hum and floor frequency. */
  private readonly frames: Float64Array[] = [];
  private readonly stretchLength: number;
  private stretch: ActiveSpeechLevelMeter;
  private inStretch = 0;
  private readonly stretches: (number | null)[] = [];

  constructor(
    readonly sampleRate: number,
    private readonly kernels: Kernels,
  ) {
    const n = Math.round(FRAME_SECONDS * sampleRate);
    this.frameLength = n;
    const window = hannWindow(n);
    this.group = Math.max(1, Math.round(sampleRate / LINES_RATE));
    const coefficients = Float64Array.from([...HUM_FREQUENCIES, ...FLOOR_FREQUENCIES], (hz) => 2 * Math.cos((2 * this.group * Math.PI * hz) / sampleRate));
    this.lines = Math.ceil(coefficients.length / 16) * 16;
    this.frameAddress = kernels.alloc(4 * n);
    this.windowAddress = kernels.alloc(8 * n);
    this.groupedAddress = kernels.alloc(8 * Math.floor(n / this.group));
    this.coefficientsAddress = kernels.alloc(8 * this.lines);
    this.recordAddress = kernels.alloc(8 * (1 + this.lines));
    this.levelState = kernels.alloc(LEVEL_KERNEL_STATE_BYTES);
    kernels.f64(this.windowAddress, n).set(window);
    kernels.f64(this.coefficientsAddress, this.lines).fill(0).set(coefficients);
    this.stretchLength = Math.round(STRETCH_SECONDS * sampleRate);
    this.stretch = new ActiveSpeechLevelMeter(sampleRate);
  }

  /**
   * `alongside`: a meter of the whole prompt that takes the same samples, fed in the same pass as this meter's
   * stretch meter (ActiveSpeechLevelMeter.pushAt), which costs about what one of them costs alone.
   */
  push(block: Float32Array, alongside?: ActiveSpeechLevelMeter): void {
    // the block's sum, for the DC offset, is added up by the P.56 kernel as it goes (pushStretch), in the same order
    let sum = 0;
    this.samples += block.length;
    // a fresh view each block: memory allocated after this meter (a pass's buffers) may have grown it
    const frame = this.kernels.f32(this.frameAddress, this.frameLength);
    for (let at = 0; at < block.length; ) {
      const take = Math.min(block.length - at, this.frameLength - this.filled);
      // the P.56 meters read the samples where the frame now holds them (the frame's kernel only reads them)
      const address = this.frameAddress + 4 * this.filled;
      frame.set(block.subarray(at, at + take), this.filled);
      this.filled += take;
      const toStretch = Math.min(take, this.stretchLength - this.inStretch);
      sum = this.pushStretch(address, toStretch, alongside, sum);
      this.inStretch += toStretch;
      if (toStretch < take) {
        this.endStretch();
        sum = this.pushStretch(address + 4 * toStretch, take - toStretch, alongside, sum);
        this.inStretch = take - toStretch;
      } else if (this.inStretch === this.stretchLength) {
        this.endStretch();
        this.inStretch = 0;
      }
      if (this.filled === this.frameLength) this.endFrame();
      at += take;
    }
    this.sum += sum;
  }

  private pushStretch(address: number, count: number, alongside: ActiveSpeechLevelMeter | undefined, sum: number): number {
    return count > 0 ? ActiveSpeechLevelMeter.pushAt(this.kernels, this.levelState, address, count, this.stretch, alongside, sum) : sum;
  }

  private endStretch(): void {
    const { activeDbov, activityPercent, samples } = this.stretch.result();
    const speech = (activityPercent / 100) * samples;
    this.stretches.push(activeDbov !== null && speech >= LEAST_SPEECH_SECONDS * this.sampleRate ? activeDbov : null);
    this.stretch = new ActiveSpeechLevelMeter(this.sampleRate);
  }

  /**
   * One frame's energy and line powers, its mean taken out first so that DC does not leak into the lines. The lines
   * lie below 350 Hz: the kernel sums the windowed frame in groups, two samples at 8 kHz and four at 16 kHz, and reads
   * the lines from the sums at 4 kHz, for a half or a quarter of the cost. At 320 Hz that reads 0.07 dB low at 8 kHz
   * and 0.09 dB at 16 kHz; what folds down from near 4 kHz and its multiples is 17 dB down or more, and was not
   * speech. A group's sum reads a line as the samples themselves do, so the scale is unchanged.
   */
  private endFrame(): void {
    const { kernels } = this;
    const lines = HUM_FREQUENCIES.length + FLOOR_FREQUENCIES.length;
    kernels.exports.fault_frame(
      this.frameAddress,
      this.frameLength,
      this.group,
      this.windowAddress,
      this.groupedAddress,
      this.coefficientsAddress,
      this.lines,
      HUM_FREQUENCIES.length,
      this.recordAddress,
    );
    this.frames.push(kernels.f64(this.recordAddress, 1 + lines).slice());
    this.filled = 0;
  }

  /** `activeDbov`: the whole prompt's P.56 active level (null without speech), which tells its pauses. */
  result(activeDbov: number | null): Faults {
    const mean = this.samples > 0 ? this.sum / this.samples : 0;
    const stretchLevels = [...this.stretches];
    if (this.inStretch >= SHORTEST_STRETCH_SECONDS * this.sampleRate) {
      const { activeDbov: level, activityPercent, samples } = this.stretch.result();
      stretchLevels.push(level !== null && (activityPercent / 100) * samples >= LEAST_SPEECH_SECONDS * this.sampleRate ? level : null);
    }
    const heard = stretchLevels.filter((level): level is number => level !== null);
    return {
      dcDbfs: mean !== 0 ? 20 * Math.log10(Math.abs(mean)) : null,
      hum: this.hum(activeDbov),
      stretchLevels,
      spreadDb: heard.length >= 2 ? Math.max(...heard) - Math.min(...heard) : null,
    };
  }

  private hum(activeDbov: number | null): Faults['hum'] {
    const pauseBelow = activeDbov === null ? Infinity : 10 ** ((activeDbov - PAUSE_BELOW_ACTIVE_DB) / 10);
    const pauses = this.frames.filter((record) => record[0] < pauseBelow);
    if (pauses.length === 0) return null;
    const average = (j: number) => pauses.reduce((sum, record) => sum + record[j], 0) / pauses.length;
    const floors = FLOOR_FREQUENCIES.map((_, j) => average(1 + HUM_FREQUENCIES.length + j)).sort((a, b) => a - b);
    const floor = floors[Math.floor(floors.length / 2)];
    let strongest: Faults['hum'] = null;
    HUM_FREQUENCIES.forEach((hz, j) => {
      const power = average(1 + j);
      // back from the window's reading to the sine's amplitude, then its level: A²/2
      const amplitude = (4 * Math.sqrt(power)) / this.frameLength;
      const levelDbov = 20 * Math.log10(amplitude / Math.SQRT2);
      const aboveFloorDb = floor > 0 ? 10 * Math.log10(power / floor) : Infinity;
      if (levelDbov < QUIETEST_HUM_DBOV || !(power > 0)) return;
      if (!strongest || aboveFloorDb > strongest.aboveFloorDb) strongest = { hz, aboveFloorDb, levelDbov };
    });
    return strongest;
  }
}
