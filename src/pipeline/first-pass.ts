import { gainToPeak } from '../adjust/gain.js';
import { HighpassStage } from '../adjust/highpass.js';
import { EvenMeter, EvenStage } from '../adjust/even-gain.js';
import { padSeconds } from '../option-rules.js';
import { LevelAnalyzer, type Levels } from '../adjust/level-analyzer.js';
import { QUIETEST_SPEECH_DBOV, gainForLevel, peakCeilingDbfs } from '../adjust/level-gain.js';
import { SampleWindowStage } from '../adjust/sample-window.js';
import { type SampleRange, trimRange } from '../adjust/trim-range.js';
import type { AudioSource, SourceWarning } from '../source/audio-source.js';
import type { Kernels } from '../wasm/kernels.js';
import type { ResolvedConvertOptions } from './convert-options.js';
import { tooLong } from './conversion-messages.js';
import { OutputRatePass } from './output-rate-pass.js';
import { type Output, trimmedSilenceSamples } from './output-target.js';

/**
 * The first pass of a conversion that adjusts its input (normalize, level, trimSilence): it measures the signal and
 * decides the gain and the samples to keep, recording the signal when it is short enough for the second to replay.
 */

/** Where normalize puts the peak: 1 dB of headroom keeps the A-law encoder out of clipping. */
export const NORMALIZE_TARGET_DBFS = -1;

/** What the first pass decided: the gain, the samples to keep, and what it measured to decide them. */
export interface Adjustment {
  gain: number;
  window: SampleRange;
  /** The levels of the input, for the report: with `level` or `trimSilence` (normalize only needs the peak). */
  before: Levels | null;
  warnings: SourceWarning[];
  /** The 8 kHz signal of the first pass, when it was short enough to keep: the second pass replays it. */
  recording: RecordedSignal | null;
  /** Samples in flat tops in the input's own samples, as the first pass found them (a replay decodes nothing). */
  sourceClippedSamples: number;
  /** With `even`: the gain of every frame of the measured stream (src/adjust/even-gain.ts); null without speech. */
  even: EvenCurve | null;
}

export interface EvenCurve {
  gains: Float32Array;
  frameLength: number;
}

export const NO_ADJUSTMENT: Adjustment = { gain: 1, window: { start: 0, end: Infinity }, before: null, warnings: [], recording: null, sourceClippedSamples: 0, even: null };

/**
 * The 8 kHz samples of a first pass, kept in memory when they come to at most RECORDING_LIMIT (a prompt is seconds
 * long: 8.7 minutes take 16 MB), so that measuring first costs no second decode, and the speech that silence
 * trimming keeps can be measured on its own. Longer inputs are decoded again instead.
 */
const RECORDING_LIMIT = 1 << 22;

export class RecordedSignal {
  private readonly blocks: Float32Array[] = [];
  private length = 0;
  overflowed = false;
  /** Input frames in the file, when the recorded pass decoded them all. */
  frames: number | null = null;

  keep(block: Float32Array): void {
    if (this.overflowed) return;
    this.length += block.length;
    if (this.length > RECORDING_LIMIT) {
      this.overflowed = true;
      this.blocks.length = 0;
    } else if (block.length > 0) {
      this.blocks.push(block.slice());
    }
  }

  /** Hands on the samples from `start` up to `end`, in the blocks they came in. */
  async replay(consume: (block: Float32Array) => void | Promise<void>, start = 0, end = Infinity): Promise<void> {
    let position = 0;
    for (const block of this.blocks) {
      const from = Math.max(0, start - position);
      const to = Math.min(block.length, end - position);
      if (to > from) await consume(block.subarray(from, to));
      position += block.length;
    }
  }
}

/**
 * The first of two passes, for `normalize`, `level` and `trimSilence`: the same decode, mix and resample, measuring
 * what the second pass needs. Only what can be kept is measured (the cut, or the limit; with silence trimmed, that
 * and MAX_TRIMMED_SILENCE_SECONDS more), and one sample more tells a file that cannot fit: without a cut it is
 * refused there, before the rest of it is decoded.
 */
export async function measureFirst(
  audio: AudioSource,
  kernels: Kernels,
  output: Output,
  maxSamples: number,
  options: ResolvedConvertOptions,
  highpassHz: number | null = null,
): Promise<Adjustment> {
  const keepable = Math.min(maxSamples, options.limitSamples);
  const measured = options.trimSilence ? keepable + trimmedSilenceSamples(output) : keepable;
  const analyzer = new LevelAnalyzer(output.rate, output.rail);
  const recording = new RecordedSignal();
  const evenMeter = options.even ? new EvenMeter(output.rate) : null;
  let seen = 0;
  let total = 0;
  const pass = new OutputRatePass(audio, kernels, output, measured + 1, options.blockSamples, options.signal);
  await runFiltered(pass, kernels, highpassHz, output.rate, (block) => {
    const kept = block.subarray(0, Math.max(0, Math.min(block.length, measured - seen)));
    analyzer.push(kept);
    evenMeter?.push(kept);
    // all of it: a replay must run past a cut, for the cut to be faded and reported
    recording.keep(block);
    seen += kept.length;
    total += block.length;
  });
  const over = total > measured;
  if (over && !Number.isFinite(maxSamples)) throw tooLong(total, options, output, false);
  recording.frames = pass.cutShort ? null : pass.frames;
  // whether the recording clipped is a matter of its own samples (see peak-meter.ts), for the report's before too
  const sourceClippedSamples = pass.sourcePeaks.result().clippedSamples;
  const levels = { ...analyzer.result(), clippedSamples: sourceClippedSamples };
  const before = options.level !== undefined || options.trimSilence ? levels : null;
  // Measured short of the end, the speech may go on past it: only the leading silence is known, and the cut ends it.
  const window = options.trimSilence ? { ...trimRange(levels), ...(over ? { end: Infinity } : {}) } : NO_ADJUSTMENT.window;
  // A replay must reach past the cut (to fade it); a recording of a part of the file may end before.
  const kept = recording.overflowed || (over && total <= window.start + maxSamples) ? null : recording;
  const gains = evenMeter?.curve(levels.activeDbov, levels.noiseFloorDbov, peakCeilingDbfs(output.rail));
  const even = gains ? { gains, frameLength: (evenMeter as EvenMeter).frameLength } : null;
  // The level (and the peak) is promised for what is written: evened, and with silence trimmed, the window alone, up
  // to the cut.
  const measureWritten = () =>
    measureWindow(audio, kernels, output, kept, { start: window.start, end: Math.min(window.end, window.start + maxSamples) }, options, highpassHz, even);
  if (options.level === undefined) {
    const peakDbfs = options.normalize && even ? (await measureWritten()).peakDbfs : levels.peakDbfs;
    const peak = peakDbfs === null ? 0 : 10 ** (peakDbfs / 20);
    const gain = options.normalize ? gainToPeak(peak, NORMALIZE_TARGET_DBFS) : 1;
    return { gain, window, before, warnings: [], recording: kept, sourceClippedSamples, even };
  }
  const written = options.trimSilence || even || options.pad !== undefined ? await measureWritten() : levels;
  const { gainDb, limitedByPeak, reachedDbov } = gainForLevel(written, options.level, peakCeilingDbfs(output.rail));
  const warnings: SourceWarning[] = [];
  if (reachedDbov === null) {
    const quietest = `${QUIETEST_SPEECH_DBOV} dBov`;
    warnings.push({ code: 'no-speech', message: `no speech above ${quietest} to measure a level by (silence, or noise): left at its level, not brought to ${options.level} dBov` });
  } else if (limitedByPeak) {
    warnings.push({
      code: 'level-limited',
      message: `its peaks stop the gain short of ${options.level} dBov without clipping: it reaches ${(reachedDbov as number).toFixed(1)} dBov`,
    });
  }
  return { gain: 10 ** (gainDb / 20), window, before, warnings, recording: kept, sourceClippedSamples, even };
}

/**
 * The levels of just the samples that are written: those silence trimming keeps, evened, padded. P.56's measure of a
 * short prompt moves by tenths of a dB with the silence around it, and the level is promised for the file written.
 */
async function measureWindow(
  audio: AudioSource,
  kernels: Kernels,
  output: Output,
  recording: RecordedSignal | null,
  window: SampleRange,
  options: ResolvedConvertOptions,
  highpassHz: number | null,
  even: EvenCurve | null,
): Promise<Levels> {
  const analyzer = new LevelAnalyzer(output.rate, output.rail);
  // the padding is written too, and P.56's measure of a short prompt moves with the silence around it
  const [padStart, padEnd] = padSeconds(options.pad).map((seconds) => new Float32Array(Math.round(seconds * output.rate)));
  analyzer.push(padStart);
  if (recording) {
    const evened = even && new EvenStage(even.gains, even.frameLength, window.start);
    await recording.replay((block) => analyzer.push(evened ? evened.flow(block) : block), window.start, window.end);
  } else {
    kernels.reset();
    const inWindow = new SampleWindowStage(window.start, window.end);
    const pass = new OutputRatePass(audio, kernels, output, window.end, options.blockSamples, options.signal);
    const evened = even && new EvenStage(even.gains, even.frameLength);
    await runFiltered(pass, kernels, highpassHz, output.rate, (block) => analyzer.push(inWindow.flow(evened ? evened.flow(block) : block)));
  }
  analyzer.push(padEnd);
  return analyzer.result();
}

/**
 * A pass through the high-pass, when one is asked for: the first pass measures (and records) what will be written,
 * rumble and DC removed. The filter holds back its look-ahead and drains it, so the samples are as many.
 */
async function runFiltered(
  pass: OutputRatePass,
  kernels: Kernels,
  highpassHz: number | null,
  rate: number,
  consume: (block: Float32Array) => void | Promise<void>): Promise<void> {
  if (highpassHz === null) return pass.run(consume);
  const filter = new HighpassStage(kernels, highpassHz, rate);
  await pass.run((block) => consume(filter.flow(block)));
  await consume(filter.drain());
}
