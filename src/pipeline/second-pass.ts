import { FadeOutStage } from '../adjust/fade-out.js';
import { ActiveSpeechLevelMeter } from '../adjust/active-speech-level.js';
import { EvenStage } from '../adjust/even-gain.js';
import { FaultMeter } from '../adjust/fault-meter.js';
import { GainStage } from '../adjust/gain.js';
import { HighpassStage } from '../adjust/highpass.js';
import { LevelAnalyzer } from '../adjust/level-analyzer.js';
import { PadStage } from '../adjust/pad.js';
import { SampleWindowStage } from '../adjust/sample-window.js';
import type { SampleRange } from '../adjust/trim-range.js';
import type { AudioSource, SourceWarning } from '../source/audio-source.js';
import type { KernelDecoder } from '../encode/kernel-decoder.js';
import { type Kernels, withKernels } from '../wasm/kernels.js';
import type { CanonicalWaveWriter } from '../write/wave-writer.js';
import { StageChain } from '../stage/chain.js';
import type { Stage } from '../stage/stage.js';
import type { ResolvedConvertOptions } from './convert-options.js';
import { tooLong } from './conversion-messages.js';
import type { Adjustment } from './first-pass.js';
import { OutputRatePass, type StopSignal } from './output-rate-pass.js';
import type { Output } from './output-target.js';
import { type LevelSummary, summarizeLevels, toDbfs } from './report.js';
import { convertFix, promptWarnings } from './prompt-warnings.js';

/**
 * The pass that writes: the chain of stages (the window silence trimming keeps, the gain, the fade of a cut) from the
 * decoded or replayed signal to the encoder, or, for an input stored as the output is, a copy of its samples.
 */

/** A trimmed prompt ends with this fade, so the cut is not heard as a click. */
export const TRIM_FADE_SECONDS = 0.05;

export interface SampleResult {
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
export function keptSamples(total: number, window: SampleRange, maxSamples: number): number {
  return Math.min(maxSamples, Math.max(0, Math.min(total, window.end) - window.start));
}

/** What every conversion adds to the ones below: seconds of silence at the ends, a high-pass (src/adjust). */
export interface Shape {
  pad: readonly [number, number];
  highpassHz: number | null;
}

/**
 * Listens to what is written, decoded as the platform plays it: whatever was asked, a prompt that comes out silent,
 * quiet, off centre, humming or uneven is told so in the report's warnings (src/pipeline/prompt-warnings.ts).
 */
class WrittenMeter {
  /** The levels the report gives (with `level` or `trimSilence`); else only the P.56 meter the warnings need. */
  readonly levels: LevelAnalyzer | null;
  private readonly speech: ActiveSpeechLevelMeter | null;
  private readonly faults: FaultMeter;
  private readonly decoder: KernelDecoder;

  constructor(
    private readonly output: Output,
    kernels: Kernels,
    maxBlock: number,
    reported: boolean,
  ) {
    this.levels = reported ? new LevelAnalyzer(output.rate, output.rail) : null;
    this.speech = reported ? null : new ActiveSpeechLevelMeter(output.rate);
    this.faults = new FaultMeter(output.rate, kernels);
    // a copied file's blocks are the source's own size: those are decoded a few thousand samples at a time
    this.decoder = output.codec.createDecoder(kernels, Math.max(maxBlock, 4096));
  }

  push(encoded: Uint8Array): void {
    const step = this.decoder.maxBlock * this.output.layout.bytesPerSample;
    for (let at = 0; at < encoded.length; at += step) {
      const samples = this.decoder.decode(encoded.subarray(at, at + step));
      this.levels?.push(samples);
      // the prompt's P.56 meter runs in the same pass as the fault meter's stretch meters
      this.faults.push(samples, this.speech ?? undefined);
    }
  }

  warnings(asked: { highpass?: unknown; even?: unknown; level?: unknown }, told: readonly SourceWarning[]): SourceWarning[] {
    const { activeDbov } = (this.levels ?? (this.speech as ActiveSpeechLevelMeter)).result();
    const found = promptWarnings(activeDbov, this.faults.result(activeDbov), convertFix(asked));
    // --level has already said there is no speech to bring to its level
    return told.some((warning) => warning.code === 'no-speech') ? found.filter((warning) => warning.code !== 'silent') : found;
  }
}

/** Input stored as the output is (A-law, 8000 Hz, mono for Huawei): the samples are copied, not re-encoded. */
export async function copySamples(audio: AudioSource, output: Output, writer: CanonicalWaveWriter, signal?: StopSignal): Promise<SampleResult> {
  return withKernels((kernels) => copyInto(kernels, audio, output, writer, signal));
}

async function copyInto(kernels: Kernels, audio: AudioSource, output: Output, writer: CanonicalWaveWriter, signal?: StopSignal): Promise<SampleResult> {
  let peak = 0;
  let frames = 0;
  const written = new WrittenMeter(output, kernels, 0, false);
  for await (const bytes of (audio.stored as NonNullable<AudioSource['stored']>).bytes()) {
    signal?.throwIfAborted();
    peak = Math.max(peak, output.codec.peak(bytes));
    written.push(bytes);
    await writer.write(bytes);
    frames += bytes.length / output.layout.bytesPerSample;
  }
  return { peak, clippedSamples: 0, gainDb: 0, frames, trimmed: false, levels: null, warnings: written.warnings({}, []) };
}

export async function transcode(
  audio: AudioSource,
  kernels: Kernels,
  output: Output,
  maxSamples: number,
  plan: Adjustment,
  options: ResolvedConvertOptions,
  writer: CanonicalWaveWriter,
  shape: Shape = { pad: [0, 0], highpassHz: null },
): Promise<SampleResult> {
  const { recording } = plan;
  const stages: Stage[] = [];
  // a recording of the first pass was filtered as it was recorded
  if (shape.highpassHz !== null && !recording) stages.push(new HighpassStage(kernels, shape.highpassHz, output.rate));
  // the curve is laid on the stream it was measured on: before the window cuts it
  if (plan.even) stages.push(new EvenStage(plan.even.gains, plan.even.frameLength));
  if (plan.window.start > 0 || Number.isFinite(plan.window.end)) stages.push(new SampleWindowStage(plan.window.start, plan.window.end));
  if (plan.gain !== 1) stages.push(new GainStage(plan.gain));
  const fade = Number.isFinite(maxSamples) ? new FadeOutStage(maxSamples, Math.round(TRIM_FADE_SECONDS * output.rate)) : null;
  if (fade) stages.push(fade);
  // last, so that a cut fades the audio and the silence comes after it
  if (shape.pad[0] > 0 || shape.pad[1] > 0) stages.push(new PadStage(shape.pad[0], shape.pad[1]));
  const chain = new StageChain(stages);
  const needed = Math.min(plan.window.end, plan.window.start + maxSamples);
  // a recording of the first pass is replayed: then nothing is decoded again
  const pass = recording ? null : new OutputRatePass(audio, kernels, output, needed, options.blockSamples, options.signal);
  const maxBlock = OutputRatePass.maxBlock(audio, output.rate, options.blockSamples);
  const encoder = output.codec.createEncoder(kernels, maxBlock);
  const after = new WrittenMeter(output, kernels, maxBlock, plan.before !== null);
  const limit = Math.min(maxSamples, options.limitSamples) + shape.pad[0] + shape.pad[1];
  let written = 0;

  const emit = async (block: Float32Array) => {
    for (let at = 0; at < block.length; at += maxBlock) {
      const piece = block.subarray(at, at + maxBlock);
      const count = piece.length;
      if (written + count > limit) throw tooLong(written + count, options, output, false);
      const encoded = encoder.encode(piece);
      // the level after is measured on what is written: the encoded samples, decoded
      after.push(encoded);
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
    levels: plan.before && after.levels ? { before: summarizeLevels(plan.before), after: summarizeLevels(after.levels.result()) } : null,
    warnings: [...warnings, ...after.warnings(options, warnings)],
  };
}
