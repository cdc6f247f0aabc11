import { FadeOutStage } from '../adjust/fade-out.js';
import { GainStage, gainToPeak } from '../adjust/gain.js';
import { LevelAnalyzer, type Levels } from '../adjust/level-analyzer.js';
import { QUIETEST_SPEECH_DBOV, gainForLevel, peakCeilingDbfs } from '../adjust/level-gain.js';
import { SampleWindowStage } from '../adjust/sample-window.js';
import { type SampleRange, trimRange } from '../adjust/trim-range.js';
import { codecFor, type OutputCodec } from '../encode/encoder.js';
import { VoiceprepError } from '../errors.js';
import type { AudioSource, SourceWarning } from '../source/audio-source.js';
import { type ByteSource, sourceArgument } from '../source/byte-source.js';
import type { FileBytes } from '../arguments.js';
import type { FormatSummary } from '../source/format-summary.js';
import { openAudio } from '../formats/open-audio.js';
import { type Kernels, withKernels } from '../wasm/kernels.js';
import { DEFAULT_PROFILE, encodingOf, type OutputProfile } from '../profile/profile.js';
import { canonicalLayout } from '../write/canonical-wave.js';
import { type ByteSink, CanonicalWaveWriter } from '../write/wave-writer.js';
import { StageChain } from '../stage/chain.js';
import { type ConvertOptions, type ResolvedConvertOptions, resolveConvertOptions } from './convert-options.js';
import { OutputRatePass, type StopSignal } from './output-rate-pass.js';
import { type ConvertReport, type InputDescription, type LevelSummary, summarizeLevels, toDbfs } from './report.js';
import type { Stage } from '../stage/stage.js';

export type { ByteSink } from '../write/wave-writer.js';
export { type ConvertOptions, PLATFORM_LIMIT_SAMPLES } from './convert-options.js';

export { MAX_INPUT_RATE, MIN_INPUT_RATE } from '../formats/open-audio.js';
/** A trimmed prompt ends with this fade, so the cut is not heard as a click. */
export const TRIM_FADE_SECONDS = 0.05;
/** Where normalize puts the peak: 1 dB of headroom keeps the A-law encoder out of clipping. */
export const NORMALIZE_TARGET_DBFS = -1;
/**
 * The most silence `trimSilence` looks past: a file longer than what fits and this much more is too long. Where the
 * speech ends is known only once the whole file is measured, so without a bound the first pass would decode any
 * length a header claims (a FLAC of 16-byte frames claims 41 hours in 1.5 MB) before it could refuse the file.
 */
export const MAX_TRIMMED_SILENCE_SECONDS = 300;

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

export async function openConversion(bytesOrSource: ByteSource | FileBytes, given: ConvertOptions = {}): Promise<Conversion> {
  const source = sourceArgument(bytesOrSource, 'source');
  const options = resolveConvertOptions(given);
  const audio = await openAudio(source, { name: options.name, path: options.path, voxRate: options.voxRate });
  const output = outputOf(options.profile ?? DEFAULT_PROFILE);
  const fullSamples = Math.round((audio.frames * output.rate) / audio.sampleRate);
  const maxSamples = Math.max(0, Math.floor(options.maxSamples ?? Infinity));
  const trimmed = fullSamples > maxSamples;
  const outputSamples = trimmed ? maxSamples : fullSamples;
  const adjusts = options.normalize || options.level !== undefined || options.trimSilence;
  const passThrough = storedAsOutput(audio, output.profile) && !trimmed && !adjusts;
  const input: InputDescription = { ...audio.format, frames: audio.frames, seconds: audio.frames / audio.sampleRate, bytes: source.size };

  return {
    format: audio.format,
    warnings: audio.warnings.slice(),
    input,
    fullSamples,
    outputSamples,
    outputBytes: output.layout.fileSize(outputSamples),
    exactLength: audio.exactFrames,
    passThrough,
    trimmed,
    async run(sink: ByteSink): Promise<ConvertReport> {
      try {
        // Trimming silence can bring a file under the limit, by at most MAX_TRIMMED_SILENCE_SECONDS.
        const allowance = options.trimSilence ? trimmedSilenceSamples(output) : 0;
        if (audio.exactFrames && outputSamples > options.limitSamples + allowance) throw tooLong(outputSamples, options, output, true);
        options.signal?.throwIfAborted();
        if (passThrough) {
          const writer = new CanonicalWaveWriter(sink, outputSamples, output.layout);
          const result = await copySamples(audio, output, writer, options.signal);
          return report(audio, input, output, await writer.finish(), true, result);
        }
        return await withKernels(async (kernels) => {
          const plan = adjusts ? await measureFirst(audio, kernels, output, maxSamples, options) : NO_ADJUSTMENT;
          kernels.reset();
          const samples = keptSamples(fullSamples, plan.window, maxSamples);
          if (audio.exactFrames && samples > options.limitSamples) throw tooLong(samples, options, output, true);
          const writer = new CanonicalWaveWriter(sink, audio.exactFrames ? samples : null, output.layout);
          const result = await transcode(audio, kernels, output, maxSamples, plan, options, writer);
          return report(audio, input, output, await writer.finish(), false, result);
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

function report(audio: AudioSource, input: InputDescription, output: Output, samples: number, passThrough: boolean, result: SampleResult): ConvertReport {
  return {
    // A compressed file's header only estimates its length; a decode to the end counts it.
    input: audio.exactFrames || result.frames === null ? input : { ...input, frames: result.frames, seconds: result.frames / audio.sampleRate },
    output: { samples, seconds: samples / output.rate, bytes: output.layout.fileSize(samples) },
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

/** Input stored as the output is (A-law, 8000 Hz, mono for Huawei): the samples are copied, not re-encoded. */
async function copySamples(audio: AudioSource, output: Output, writer: CanonicalWaveWriter, signal?: StopSignal): Promise<SampleResult> {
  let peak = 0;
  let frames = 0;
  for await (const bytes of (audio.stored as NonNullable<AudioSource['stored']>).bytes()) {
    signal?.throwIfAborted();
    peak = Math.max(peak, output.codec.peak(bytes));
    await writer.write(bytes);
    frames += bytes.length / output.layout.bytesPerSample;
  }
  return { peak, clippedSamples: 0, gainDb: 0, frames, trimmed: false, levels: null, warnings: [] };
}

/**
 * The first of two passes, for `normalize`, `level` and `trimSilence`: the same decode, mix and resample, measuring
 * what the second pass needs. Only what can be kept is measured (the cut, or the limit; with silence trimmed, that
 * and MAX_TRIMMED_SILENCE_SECONDS more), and one sample more tells a file that cannot fit: without a cut it is
 * refused there, before the rest of it is decoded.
 */
async function measureFirst(audio: AudioSource, kernels: Kernels, output: Output, maxSamples: number, options: ResolvedConvertOptions): Promise<Adjustment> {
  const keepable = Math.min(maxSamples, options.limitSamples);
  const measured = options.trimSilence ? keepable + trimmedSilenceSamples(output) : keepable;
  const analyzer = new LevelAnalyzer(output.rate, output.rail);
  const recording = new RecordedSignal();
  let seen = 0;
  let total = 0;
  const pass = new OutputRatePass(audio, kernels, output, measured + 1, options.blockSamples, options.signal);
  await pass.run((block) => {
    const kept = block.subarray(0, Math.max(0, Math.min(block.length, measured - seen)));
    analyzer.push(kept);
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
  if (options.level === undefined) {
    const peak = levels.peakDbfs === null ? 0 : 10 ** (levels.peakDbfs / 20);
    const gain = options.normalize ? gainToPeak(peak, NORMALIZE_TARGET_DBFS) : 1;
    return { gain, window, before, warnings: [], recording: kept, sourceClippedSamples };
  }
  // The level is promised for what is written: with silence trimmed, that is the window alone, up to the cut.
  const written = options.trimSilence
    ? await measureWindow(audio, kernels, output, kept, { start: window.start, end: Math.min(window.end, window.start + maxSamples) }, options)
    : levels;
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
  return { gain: 10 ** (gainDb / 20), window, before, warnings, recording: kept, sourceClippedSamples };
}

/**
 * The levels of just the samples that silence trimming keeps: P.56's measure of a short prompt moves by tenths of a
 * dB with the silence around it, and the level is promised for the file that is written.
 */
async function measureWindow(
  audio: AudioSource,
  kernels: Kernels,
  output: Output,
  recording: RecordedSignal | null,
  window: SampleRange,
  options: ResolvedConvertOptions,
): Promise<Levels> {
  const analyzer = new LevelAnalyzer(output.rate, output.rail);
  if (recording) {
    await recording.replay((block) => analyzer.push(block), window.start, window.end);
  } else {
    kernels.reset();
    const inWindow = new SampleWindowStage(window.start, window.end);
    await new OutputRatePass(audio, kernels, output, window.end, options.blockSamples, options.signal).run((block) => analyzer.push(inWindow.flow(block)));
  }
  return analyzer.result();
}

async function transcode(
  audio: AudioSource,
  kernels: Kernels,
  output: Output,
  maxSamples: number,
  plan: Adjustment,
  options: ResolvedConvertOptions,
  writer: CanonicalWaveWriter,
): Promise<SampleResult> {
  const stages: Stage[] = [];
  if (plan.window.start > 0 || Number.isFinite(plan.window.end)) stages.push(new SampleWindowStage(plan.window.start, plan.window.end));
  if (plan.gain !== 1) stages.push(new GainStage(plan.gain));
  const fade = Number.isFinite(maxSamples) ? new FadeOutStage(maxSamples, Math.round(TRIM_FADE_SECONDS * output.rate)) : null;
  if (fade) stages.push(fade);
  const chain = new StageChain(stages);
  const { recording } = plan;
  const needed = Math.min(plan.window.end, plan.window.start + maxSamples);
  // a recording of the first pass is replayed: then nothing is decoded again
  const pass = recording ? null : new OutputRatePass(audio, kernels, output, needed, options.blockSamples, options.signal);
  const maxBlock = OutputRatePass.maxBlock(audio, output.rate, options.blockSamples);
  const encoder = output.codec.createEncoder(kernels, maxBlock);
  const after = plan.before ? new LevelAnalyzer(output.rate, output.rail) : null;
  const decoded = new Float32Array(after ? maxBlock : 0);
  const limit = Math.min(maxSamples, options.limitSamples);
  let written = 0;

  const emit = async (block: Float32Array) => {
    for (let at = 0; at < block.length; at += maxBlock) {
      const piece = block.subarray(at, at + maxBlock);
      const count = piece.length;
      if (written + count > limit) throw tooLong(written + count, options, output, false);
      const encoded = encoder.encode(piece);
      if (after) {
        // the level after is measured on what is written: the encoded samples, decoded
        after.push(decoded.subarray(0, output.codec.decode(encoded, decoded)));
      }
      await writer.write(encoded);
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
function tooLong(samples: number, options: ResolvedConvertOptions, output: Output, exact: boolean): VoiceprepError {
  const limit = options.limitSamples;
  const fit = (limit / output.rate).toFixed(1);
  const seconds = (samples / output.rate).toFixed(1);
  if (options.trimSilence) {
    const length = exact ? `${seconds} s` : `more than ${((limit + trimmedSilenceSamples(output)) / output.rate).toFixed(1)} s`;
    return new VoiceprepError('too-long', `${length} of audio, and ${fit} s fit: trimming silence takes off at most ${MAX_TRIMMED_SILENCE_SECONDS} s`);
  }
  const told = exact ? `${seconds} s of audio, and ${fit} s fit` : `more than ${fit} s of audio, which is all that fits`;
  // The CLI always gives its limit and says its own remedy; a script that gave none learns what decided it.
  const remedy = options.platformLimit ? ` in the platform's ${sizeWords(output.profile.maxBytes)} (maxSamples cuts a file to fit; limitSamples sets another limit)` : '';
  return new VoiceprepError('too-long', told + remedy);
}

/** What a conversion writes, resolved once from its profile. */
interface Output {
  readonly profile: OutputProfile;
  readonly rate: number;
  /** Where the encoding cannot tell a sample from full scale (see src/profile/encodings.ts). */
  readonly rail: number;
  readonly layout: ReturnType<typeof canonicalLayout>;
  readonly codec: OutputCodec;
}

function outputOf(profile: OutputProfile): Output {
  const encoding = encodingOf(profile);
  return { profile, rate: profile.sampleRate, rail: encoding.rail, layout: canonicalLayout(profile), codec: codecFor(profile.encoding) };
}

/** Whether the input's samples are stored exactly as the profile writes them: then they are copied as they are. */
function storedAsOutput(audio: AudioSource, profile: OutputProfile): boolean {
  return (
    audio.stored !== undefined &&
    audio.stored.sampleFormat === encodingOf(profile).storedAs &&
    audio.sampleRate === profile.sampleRate &&
    audio.channels === profile.channels
  );
}

/** A size limit as the platform states it: 2097152 bytes is "2 MiB". */
function sizeWords(bytes: number): string {
  return bytes % (1024 * 1024) === 0 ? `${bytes / (1024 * 1024)} MiB` : `${bytes} bytes`;
}

function trimmedSilenceSamples(output: Output): number {
  return MAX_TRIMMED_SILENCE_SECONDS * output.rate;
}
