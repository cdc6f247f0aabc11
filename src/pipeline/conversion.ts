import { FadeOutStage } from '../adjust/fade-out.js';
import { GainStage, gainToPeak } from '../adjust/gain.js';
import { LevelAnalyzer, type Levels } from '../adjust/level-analyzer.js';
import { QUIETEST_SPEECH_DBOV, gainForLevel } from '../adjust/level-gain.js';
import { SampleWindowStage } from '../adjust/sample-window.js';
import { type SampleRange, trimRange } from '../adjust/trim-range.js';
import { FLOAT_FROM_ALAW } from '../decode/g711-expand.js';
import { AlawEncoder } from '../encode/alaw-encoder.js';
import { VoiceprepError } from '../errors.js';
import type { AudioSource, SourceWarning } from '../read/audio-source.js';
import type { ByteSource } from '../read/byte-source.js';
import type { FormatSummary } from '../read/format-summary.js';
import { openAudio } from '../read/open-audio.js';
import { type Kernels, withKernels } from '../wasm/kernels.js';
import { OUTPUT_SAMPLE_RATE, canonicalFileSize } from '../write/canonical-wave.js';
import { type ByteSink, CanonicalWaveWriter } from '../write/wave-writer.js';
import { StageChain } from './chain.js';
import { EightKilohertzPass } from './eight-kilohertz-pass.js';
import { type ConvertReport, type InputDescription, type LevelSummary, summarizeLevels, toDbfs } from './report.js';
import type { Stage } from './stage.js';

export type { ByteSink } from '../write/wave-writer.js';

export { MAX_INPUT_RATE, MIN_INPUT_RATE } from '../read/open-audio.js';
/** A trimmed prompt ends with this fade, so the cut is not heard as a click. */
export const TRIM_FADE_SECONDS = 0.05;
/** Where normalize puts the peak: 1 dB of headroom keeps the A-law encoder out of clipping. */
export const NORMALIZE_TARGET_DBFS = -1;

export interface ConvertOptions {
  /** Cut the output to at most this many samples (8000 per second), fading out the last 50 ms. */
  maxSamples?: number;
  /**
   * Refuse (a `too-long` error) a file whose output would have more samples than this. A file whose length is
   * exact in its header is refused before any decoding; a compressed one as soon as its output passes the limit.
   */
  limitSamples?: number;
  /** Scale so that the peak lands at -1 dBFS. Costs a second pass over the input. */
  normalize?: boolean;
  /**
   * Bring the active speech level (ITU-T P.56, measured on the 8 kHz signal) to this many dBov, unless the peak
   * would then pass just under the A-law rail: the gain stops there, and the report's warnings say what was
   * reached. Costs a second pass over the input. Not together with `normalize`.
   */
  level?: number;
  /** Cut leading and trailing silence, keeping 0.1 s before the speech and 0.2 s after it. A second pass too. */
  trimSilence?: boolean;
  /** About how many input samples (frames x channels) are held in memory at once. */
  blockSamples?: number;
  /** The input's file name: the only way to recognize a headerless Dialogic VOX file (`.vox`). */
  name?: string;
  /** The input's path as the user gave it: a refusal's suggested command then names the file by it. */
  path?: string;
  /** Sample rate of a Dialogic VOX file (default 8000). */
  voxRate?: number;
}

/**
 * A conversion whose input has been opened but whose samples have not been decoded: what the output will be is
 * known here (exactly for WAV, as the header's estimate for compressed formats, and before silence is trimmed), so
 * a caller can refuse a file that will not fit before paying for the decode.
 */
export interface Conversion {
  readonly format: FormatSummary;
  /** What the reader worked around while opening the file; the report adds what decoding meets. */
  readonly warnings: readonly SourceWarning[];
  readonly input: InputDescription;
  /** Samples the output would have without trimming. */
  readonly fullSamples: number;
  readonly outputSamples: number;
  readonly outputBytes: number;
  /** Whether the three figures above are exact (else estimates from the header: a compressed input). */
  readonly exactLength: boolean;
  readonly passThrough: boolean;
  readonly trimmed: boolean;
  /** Converts, writing the finished file to `sink`. Call once. */
  run(sink: ByteSink): Promise<ConvertReport>;
}

export async function openConversion(source: ByteSource, options: ConvertOptions = {}): Promise<Conversion> {
  if (options.level !== undefined && options.normalize) {
    throw new RangeError('level and normalize both set the gain: give one of them');
  }
  const audio = await openAudio(source, { name: options.name, path: options.path, voxRate: options.voxRate });
  const fullSamples = Math.round((audio.frames * OUTPUT_SAMPLE_RATE) / audio.sampleRate);
  const maxSamples = Math.max(0, Math.floor(options.maxSamples ?? Infinity));
  const trimmed = fullSamples > maxSamples;
  const outputSamples = trimmed ? maxSamples : fullSamples;
  const adjusts = options.normalize || options.level !== undefined || options.trimSilence;
  const passThrough = audio.alawSamples !== undefined && !trimmed && !adjusts;
  const input: InputDescription = { ...audio.format, frames: audio.frames, seconds: audio.frames / audio.sampleRate, bytes: source.size };

  return {
    format: audio.format,
    warnings: audio.warnings.slice(),
    input,
    fullSamples,
    outputSamples,
    outputBytes: canonicalFileSize(outputSamples),
    exactLength: audio.exactFrames,
    passThrough,
    trimmed,
    async run(sink: ByteSink): Promise<ConvertReport> {
      try {
        // Trimming silence can bring a file under the limit: then its length is known after the first pass.
        if (audio.exactFrames && !options.trimSilence && outputSamples > (options.limitSamples ?? Infinity)) throw tooLong(outputSamples, options, true);
        if (passThrough) {
          const writer = new CanonicalWaveWriter(sink, outputSamples);
          const result = await copySamples(audio, writer);
          return report(audio, input, await writer.finish(), true, result);
        }
        return await withKernels(async (kernels) => {
          const plan = adjusts ? await measureFirst(audio, kernels, maxSamples, options) : NO_ADJUSTMENT;
          kernels.reset();
          const samples = keptSamples(fullSamples, plan.window, maxSamples);
          if (audio.exactFrames && samples > (options.limitSamples ?? Infinity)) throw tooLong(samples, options, true);
          const writer = new CanonicalWaveWriter(sink, audio.exactFrames ? samples : null);
          const result = await transcode(audio, kernels, maxSamples, plan, options, writer);
          return report(audio, input, await writer.finish(), false, result);
        });
      } finally {
        audio.close();
      }
    },
  };
}

/** What the first pass decided: the gain, the samples to keep, and what it measured to decide them. */
interface Adjustment {
  gain: number;
  window: SampleRange;
  /** The levels of the input, for the report: with `level` or `trimSilence` (normalize only needs the peak). */
  before: Levels | null;
  warnings: SourceWarning[];
  /** The 8 kHz signal of the first pass, when it was short enough to keep: the second pass replays it. */
  recording: RecordedSignal | null;
  /** Samples in flat tops in the input's own samples, as the first pass found them (a replay decodes nothing). */
  sourceClippedSamples: number;
}

const NO_ADJUSTMENT: Adjustment = { gain: 1, window: { start: 0, end: Infinity }, before: null, warnings: [], recording: null, sourceClippedSamples: 0 };

/**
 * The 8 kHz samples of a first pass, kept in memory when they come to at most RECORDING_LIMIT (a prompt is seconds
 * long: 8.7 minutes take 16 MB), so that measuring first costs no second decode, and the speech that silence
 * trimming keeps can be measured on its own. Longer inputs are decoded again instead.
 */
const RECORDING_LIMIT = 1 << 22;

class RecordedSignal {
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

interface SampleResult {
  peak: number;
  clippedSamples: number;
  gainDb: number;
  /** Input frames in the whole file, counted by decoding it all; null when decoding stopped early (a cut). */
  frames: number | null;
  trimmed: boolean;
  levels: { before: LevelSummary; after: LevelSummary } | null;
  warnings: SourceWarning[];
}

/** The samples written: those of the window, cut to `maxSamples`. */
function keptSamples(total: number, window: SampleRange, maxSamples: number): number {
  return Math.min(maxSamples, Math.max(0, Math.min(total, window.end) - window.start));
}

function report(audio: AudioSource, input: InputDescription, samples: number, passThrough: boolean, result: SampleResult): ConvertReport {
  return {
    // A compressed file's header only estimates its length; a decode to the end counts it.
    input: audio.exactFrames || result.frames === null ? input : { ...input, frames: result.frames, seconds: result.frames / audio.sampleRate },
    output: { samples, seconds: samples / OUTPUT_SAMPLE_RATE, bytes: canonicalFileSize(samples) },
    passThrough,
    trimmed: result.trimmed,
    gainDb: result.gainDb,
    peakDbfs: toDbfs(result.peak),
    clippedSamples: result.clippedSamples,
    levels: result.levels,
    // read now: a compressed source adds what it met while decoding (damaged frames, a cut-off end)
    warnings: [...audio.warnings.map((warning): SourceWarning => ({ ...warning })), ...result.warnings],
  };
}

/** A-law 8 kHz mono input: the samples are already what we would write, so they are copied, not re-encoded. */
async function copySamples(audio: AudioSource, writer: CanonicalWaveWriter): Promise<SampleResult> {
  let peak = 0;
  let frames = 0;
  for await (const bytes of (audio.alawSamples as NonNullable<AudioSource['alawSamples']>)()) {
    for (let i = 0; i < bytes.length; i++) peak = Math.max(peak, Math.abs(FLOAT_FROM_ALAW[bytes[i]]));
    await writer.write(bytes);
    frames += bytes.length;
  }
  return { peak, clippedSamples: 0, gainDb: 0, frames, trimmed: false, levels: null, warnings: [] };
}

/**
 * The first of two passes, for `normalize`, `level` and `trimSilence`: the same decode, mix and resample, measuring
 * what the second pass needs. Without silence trimming only the samples that will be kept are measured.
 */
async function measureFirst(audio: AudioSource, kernels: Kernels, maxSamples: number, options: ConvertOptions): Promise<Adjustment> {
  const measured = options.trimSilence ? Infinity : maxSamples;
  const analyzer = new LevelAnalyzer(OUTPUT_SAMPLE_RATE);
  const recording = new RecordedSignal();
  let seen = 0;
  const pass = new EightKilohertzPass(audio, kernels, measured, options.blockSamples);
  await pass.run((block) => {
    const kept = block.subarray(0, Math.max(0, Math.min(block.length, measured - seen)));
    analyzer.push(kept);
    // all of it: a replay must run past a cut, for the cut to be faded and reported
    recording.keep(block);
    seen += kept.length;
  });
  recording.frames = pass.cutShort ? null : pass.frames;
  const kept = recording.overflowed ? null : recording;
  // whether the recording clipped is a matter of its own samples (see peak-meter.ts), for the report's before too
  const sourceClippedSamples = pass.sourcePeaks.result().clippedSamples;
  const levels = { ...analyzer.result(), clippedSamples: sourceClippedSamples };
  const before = options.level !== undefined || options.trimSilence ? levels : null;
  const window = options.trimSilence ? trimRange(levels) : NO_ADJUSTMENT.window;
  if (options.level === undefined) {
    const peak = levels.peakDbfs === null ? 0 : 10 ** (levels.peakDbfs / 20);
    const gain = options.normalize ? gainToPeak(peak, NORMALIZE_TARGET_DBFS) : 1;
    return { gain, window, before, warnings: [], recording: kept, sourceClippedSamples };
  }
  // The level is promised for what is written: with silence trimmed, that is the window alone.
  const written = options.trimSilence ? await measureWindow(audio, kernels, kept, window, options) : levels;
  const { gainDb, limitedByPeak, reachedDbov } = gainForLevel(written, options.level);
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
  return { gain: 10 ** (gainDb / 20), window, before, warnings, recording: kept, sourceClippedSamples };
}

/**
 * The levels of just the samples that silence trimming keeps: P.56's measure of a short prompt moves by tenths of a
 * dB with the silence around it, and the level is promised for the file that is written.
 */
async function measureWindow(audio: AudioSource, kernels: Kernels, recording: RecordedSignal | null, window: SampleRange, options: ConvertOptions): Promise<Levels> {
  const analyzer = new LevelAnalyzer(OUTPUT_SAMPLE_RATE);
  if (recording) {
    await recording.replay((block) => analyzer.push(block), window.start, window.end);
  } else {
    kernels.reset();
    const inWindow = new SampleWindowStage(window.start, window.end);
    await new EightKilohertzPass(audio, kernels, window.end, options.blockSamples).run((block) => analyzer.push(inWindow.flow(block)));
  }
  return analyzer.result();
}

async function transcode(
  audio: AudioSource,
  kernels: Kernels,
  maxSamples: number,
  plan: Adjustment,
  options: ConvertOptions,
  writer: CanonicalWaveWriter,
): Promise<SampleResult> {
  const stages: Stage[] = [];
  if (plan.window.start > 0 || Number.isFinite(plan.window.end)) stages.push(new SampleWindowStage(plan.window.start, plan.window.end));
  if (plan.gain !== 1) stages.push(new GainStage(plan.gain));
  const fade = Number.isFinite(maxSamples) ? new FadeOutStage(maxSamples, Math.round(TRIM_FADE_SECONDS * OUTPUT_SAMPLE_RATE)) : null;
  if (fade) stages.push(fade);
  const chain = new StageChain(stages);
  const { recording } = plan;
  const needed = Math.min(plan.window.end, plan.window.start + maxSamples);
  // a recording of the first pass is replayed: then nothing is decoded again
  const pass = recording ? null : new EightKilohertzPass(audio, kernels, needed, options.blockSamples);
  const maxBlock = EightKilohertzPass.maxBlock(audio, options.blockSamples);
  const encoder = new AlawEncoder(kernels, maxBlock);
  const after = plan.before ? new LevelAnalyzer(OUTPUT_SAMPLE_RATE) : null;
  const decoded = new Float32Array(after ? maxBlock : 0);
  const limit = Math.min(maxSamples, options.limitSamples ?? Infinity);
  let written = 0;

  const emit = async (block: Float32Array) => {
    for (let at = 0; at < block.length; at += maxBlock) {
      const piece = block.subarray(at, at + maxBlock);
      const count = piece.length;
      if (written + count > limit) throw tooLong(written + count, options, false);
      const alaw = encoder.encode(piece);
      if (after) {
        // the level after is measured on what is written: the A-law codes, decoded
        for (let i = 0; i < count; i++) decoded[i] = FLOAT_FROM_ALAW[alaw[i]];
        after.push(decoded.subarray(0, count));
      }
      await writer.write(alaw);
      written += count;
    }
  };

  if (pass) await pass.run((block) => emit(chain.flow(block)));
  else await recording?.replay((block) => emit(chain.flow(block)));
  await emit(chain.drain());
  const stats = encoder.stats();
  const warnings = [...plan.warnings];
  // Flat tops in the input's own samples: the recording clipped before it reached voiceprep (see peak-meter.ts).
  const clippedSamples = pass ? pass.sourcePeaks.result().clippedSamples : plan.sourceClippedSamples;
  if (clippedSamples > 0) {
    warnings.push({
      code: 'clipped-source',
      message: `the recording clipped before it reached voiceprep (${clippedSamples} samples held flat at full scale), which no conversion undoes: record it again at a lower input level if you can`,
    });
  }
  return {
    peak: stats.peak,
    clippedSamples: stats.clippedSamples,
    gainDb: toDbfs(plan.gain),
    frames: pass ? (pass.cutShort ? null : pass.frames) : (recording?.frames ?? null),
    trimmed: fade?.passedCut ?? false,
    levels: plan.before && after ? { before: summarizeLevels(plan.before), after: summarizeLevels(after.result()) } : null,
    warnings,
  };
}

/** `exact`: `samples` is the whole output's length; else the output has passed the limit at `samples` and goes on. */
function tooLong(samples: number, options: ConvertOptions, exact: boolean): VoiceprepError {
  const fit = ((options.limitSamples ?? 0) / OUTPUT_SAMPLE_RATE).toFixed(1);
  const seconds = (samples / OUTPUT_SAMPLE_RATE).toFixed(1);
  return new VoiceprepError('too-long', exact ? `${seconds} s of audio, and ${fit} s fit` : `more than ${fit} s of audio, which is all that fits`);
}
