import { FadeOutStage } from '../adjust/fade-out.js';
import { GainStage, gainToPeak } from '../adjust/gain.js';
import { FLOAT_FROM_ALAW } from '../decode/g711-expand.js';
import { AlawEncoder } from '../encode/alaw-encoder.js';
import { VoiceprepError } from '../errors.js';
import { MonoMixer } from '../mix/mix-to-mono.js';
import type { AudioSource, SourceWarning } from '../read/audio-source.js';
import type { ByteSource } from '../read/byte-source.js';
import type { FormatSummary } from '../read/format-summary.js';
import { openAudio } from '../read/open-audio.js';
import { createResampler } from '../resample/create-resampler.js';
import { type Kernels, withKernels } from '../wasm/kernels.js';
import { OUTPUT_SAMPLE_RATE, canonicalFileSize } from '../write/canonical-wave.js';
import { type ByteSink, CanonicalWaveWriter } from '../write/wave-writer.js';
import { StageChain } from './chain.js';
import { type ConvertReport, type InputDescription, toDbfs } from './report.js';
import type { Stage } from './stage.js';

export type { ByteSink } from '../write/wave-writer.js';

export const MIN_INPUT_RATE = 1000;
export const MAX_INPUT_RATE = 768000;
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
  /** About how many input samples (frames x channels) are held in memory at once. */
  blockSamples?: number;
  /** The input's file name: the only way to recognize a headerless Dialogic VOX file (`.vox`). */
  name?: string;
  /** Sample rate of a Dialogic VOX file (default 8000). */
  voxRate?: number;
}

/** Input decoded past the cut when trimming: more than any filter reads ahead (26 ms at 1000 Hz, the slowest rate). */
const LOOK_AHEAD_SECONDS = 0.05;
/** Small enough that a block and its float copies stay in the CPU's caches between stages. */
const DEFAULT_BLOCK_SAMPLES = 1 << 16;

/**
 * A conversion whose input has been opened but whose samples have not been decoded: what the output will be is
 * known here (exactly for WAV, as the header's estimate for compressed formats), so a caller can refuse a file that
 * will not fit before paying for the decode.
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
  const audio = await openAudio(source, { name: options.name, voxRate: options.voxRate });
  if (audio.sampleRate < MIN_INPUT_RATE || audio.sampleRate > MAX_INPUT_RATE) {
    throw new VoiceprepError(
      'unsupported-encoding',
      `unsupported sample rate: ${audio.sampleRate} Hz (voiceprep reads ${MIN_INPUT_RATE} to ${MAX_INPUT_RATE} Hz)`,
    );
  }
  const fullSamples = Math.round((audio.frames * OUTPUT_SAMPLE_RATE) / audio.sampleRate);
  const maxSamples = Math.max(0, Math.floor(options.maxSamples ?? Infinity));
  const trimmed = fullSamples > maxSamples;
  const outputSamples = trimmed ? maxSamples : fullSamples;
  const passThrough = audio.alawSamples !== undefined && !trimmed && !options.normalize;
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
        if (audio.exactFrames && outputSamples > (options.limitSamples ?? Infinity)) throw tooLong(outputSamples, options);
        const writer = new CanonicalWaveWriter(sink, audio.exactFrames ? outputSamples : null);
        const result = passThrough ? await copySamples(audio, writer) : await withKernels((kernels) => transcode(audio, kernels, maxSamples, options, writer));
        const samples = await writer.finish();
        return report(audio, input, samples, passThrough, result);
      } finally {
        audio.close();
      }
    },
  };
}

interface SampleResult {
  peak: number;
  clippedSamples: number;
  gainDb: number;
  /** Input frames decoded (the real count, where the header had only an estimate). */
  frames: number;
  trimmed: boolean;
}

function report(audio: AudioSource, input: InputDescription, samples: number, passThrough: boolean, result: SampleResult): ConvertReport {
  return {
    input: { ...input, frames: result.frames, seconds: result.frames / audio.sampleRate },
    output: { samples, seconds: samples / OUTPUT_SAMPLE_RATE, bytes: canonicalFileSize(samples) },
    passThrough,
    trimmed: result.trimmed,
    gainDb: result.gainDb,
    peakDbfs: toDbfs(result.peak),
    clippedSamples: result.clippedSamples,
    // read now: a compressed source adds what it met while decoding (damaged frames, a cut-off end)
    warnings: audio.warnings.map((warning): SourceWarning => ({ ...warning })),
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
  return { peak, clippedSamples: 0, gainDb: 0, frames, trimmed: false };
}

async function transcode(audio: AudioSource, kernels: Kernels, maxSamples: number, options: ConvertOptions, writer: CanonicalWaveWriter): Promise<SampleResult> {
  let gain = 1;
  if (options.normalize) {
    gain = gainToPeak(await measurePeak(audio, kernels, maxSamples, options), NORMALIZE_TARGET_DBFS);
    kernels.reset();
  }

  const stages: Stage[] = [];
  if (gain !== 1) stages.push(new GainStage(gain));
  if (Number.isFinite(maxSamples)) stages.push(new FadeOutStage(maxSamples, Math.round(TRIM_FADE_SECONDS * OUTPUT_SAMPLE_RATE)));
  const chain = new StageChain(stages);
  const pass = new EightKilohertzPass(audio, kernels, maxSamples, options);
  const encoder = new AlawEncoder(kernels, pass.maxBlock);
  const limit = Math.min(maxSamples, options.limitSamples ?? Infinity);
  let written = 0;
  let passedCut = false;

  const emit = async (block: Float32Array) => {
    for (let at = 0; at < block.length; at += pass.maxBlock) {
      const piece = block.subarray(at, at + pass.maxBlock);
      const count = Math.min(piece.length, maxSamples - written);
      if (count < piece.length) passedCut = true;
      if (count <= 0) return;
      if (written + count > limit) throw tooLong(written + count, options);
      await writer.write(encoder.encode(piece.subarray(0, count)));
      written += count;
    }
  };

  await pass.run((block) => emit(chain.flow(block)));
  await emit(chain.drain());
  const stats = encoder.stats();
  return {
    peak: stats.peak,
    clippedSamples: stats.clippedSamples,
    gainDb: toDbfs(gain),
    frames: pass.frames,
    trimmed: passedCut || pass.cutShort,
  };
}

/** The first pass of `normalize`: the same decode, mix and resample, keeping only the peak of the kept samples. */
async function measurePeak(audio: AudioSource, kernels: Kernels, maxSamples: number, options: ConvertOptions): Promise<number> {
  let peak = 0;
  let seen = 0;
  await new EightKilohertzPass(audio, kernels, maxSamples, options).run((block) => {
    const count = Math.min(block.length, maxSamples - seen);
    for (let i = 0; i < count; i++) peak = Math.max(peak, Math.abs(block[i]));
    seen += Math.max(0, count);
  });
  return peak;
}

/**
 * One pass over the input: decoded, mixed to mono and resampled to 8000 Hz, block by block. When the output is to
 * be cut, only as much input is decoded as the kept part needs, plus the filters' look-ahead.
 */
class EightKilohertzPass {
  /** The largest block handed on. */
  readonly maxBlock: number;
  /** Input frames decoded. */
  frames = 0;
  /** Whether decoding stopped before the end of the input because the output is cut. */
  cutShort = false;
  private readonly mixer: MonoMixer;
  private readonly resampler: Stage;
  private readonly blockFrames: number;
  private readonly maxFrames: number;

  constructor(
    private readonly audio: AudioSource,
    kernels: Kernels,
    maxSamples: number,
    options: ConvertOptions,
  ) {
    const rate = audio.sampleRate;
    this.blockFrames = Math.max(1, Math.floor((options.blockSamples ?? DEFAULT_BLOCK_SAMPLES) / audio.channels));
    this.maxFrames = Number.isFinite(maxSamples) ? Math.ceil((maxSamples * rate) / OUTPUT_SAMPLE_RATE) + Math.ceil(rate * LOOK_AHEAD_SECONDS) : Infinity;
    this.mixer = new MonoMixer(kernels, audio.channels, this.blockFrames);
    this.resampler = createResampler(kernels, rate, OUTPUT_SAMPLE_RATE, this.blockFrames);
    this.maxBlock = Math.max(this.blockFrames, Math.ceil((this.blockFrames * OUTPUT_SAMPLE_RATE) / rate) + 1024);
  }

  async run(consume: (block: Float32Array) => void | Promise<void>): Promise<void> {
    for await (const block of this.audio.blocks({ blockFrames: this.blockFrames, maxFrames: this.maxFrames })) {
      for (const mono of this.mixer.mix(block)) {
        this.frames += mono.length;
        await consume(this.resampler.flow(mono));
      }
    }
    this.cutShort = this.frames >= this.maxFrames && this.frames < this.audio.frames;
    await consume(this.resampler.drain());
  }
}

function tooLong(samples: number, options: ConvertOptions): VoiceprepError {
  const limit = options.limitSamples ?? 0;
  return new VoiceprepError(
    'too-long',
    `the output passes the limit at ${(samples / OUTPUT_SAMPLE_RATE).toFixed(1)} s of audio; ${(limit / OUTPUT_SAMPLE_RATE).toFixed(1)} s fit`,
  );
}
