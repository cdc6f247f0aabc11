import type { AudioSource, SourceWarning } from '../source/audio-source.js';
import { type ByteSource, sourceArgument } from '../source/byte-source.js';
import type { FileBytes } from '../arguments.js';
import type { FormatSummary } from '../source/format-summary.js';
import { openAudio } from '../formats/open-audio.js';
import { withKernels } from '../wasm/kernels.js';
import { DEFAULT_PROFILE } from '../profile/profile.js';
import { padSeconds } from '../option-rules.js';
import { DEFAULT_HIGHPASS_HZ } from '../adjust/highpass.js';
import { type ByteSink, CanonicalWaveWriter } from '../write/wave-writer.js';
import { type ConvertOptions, resolveConvertOptions } from './convert-options.js';
import { tooLong } from './conversion-messages.js';
import { NO_ADJUSTMENT, measureFirst } from './first-pass.js';
import { type Output, outputOf, storedAsOutput, trimmedSilenceSamples } from './output-target.js';
import { type ConvertReport, type InputDescription, toDbfs } from './report.js';
import { type SampleResult, copySamples, keptSamples, transcode } from './second-pass.js';

export type { ByteSink } from '../write/wave-writer.js';
export { type ConvertOptions, PLATFORM_LIMIT_SAMPLES } from './convert-options.js';

export { MAX_INPUT_RATE, MIN_INPUT_RATE } from '../formats/open-audio.js';
export { MAX_TRIMMED_SILENCE_SECONDS } from './output-target.js';

/*
 * One conversion, opened and run: this module decides what is done (a copy, or one or two passes) and reports it.
 * The first pass is first-pass.ts, the chain that writes second-pass.ts, the refusals' words conversion-messages.ts.
 */

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
  const output = outputOf(options.profile ?? DEFAULT_PROFILE);
  // The output keeps nothing above its Nyquist frequency and mixes to the channels' mean: a decoder that can (MP3)
  // leaves out the rest.
  const hints = { bandwidthHz: output.rate / 2, mono: output.profile.channels === 1 };
  const audio = await openAudio(source, { name: options.name, path: options.path, voxRate: options.voxRate, ...hints });
  // the padding is part of the output, so it counts in the cut and the limit: the audio gets what is left
  const [padStart, padEnd] = padSeconds(options.pad).map((seconds) => Math.round(seconds * output.rate));
  const padding = padStart + padEnd;
  const audioOptions = padding > 0 ? { ...options, limitSamples: Math.max(0, options.limitSamples - padding) } : options;
  const shape = { pad: [padStart, padEnd] as const, highpassHz: options.highpass === true ? DEFAULT_HIGHPASS_HZ : options.highpass || null };
  const fullSamples = Math.round((audio.frames * output.rate) / audio.sampleRate);
  const maxSamples = Math.max(0, Math.floor(options.maxSamples ?? Infinity) - padding);
  const trimmed = fullSamples > maxSamples;
  const outputSamples = (trimmed ? maxSamples : fullSamples) + padding;
  const adjusts = options.normalize || options.level !== undefined || options.trimSilence || options.even;
  const passThrough = storedAsOutput(audio, output.profile) && !trimmed && !adjusts && shape.highpassHz === null && padding === 0;
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
          return report(audio, input, output, await writer.finish(), true, result, 0);
        }
        return await withKernels(async (kernels) => {
          const plan = adjusts ? await measureFirst(audio, kernels, output, maxSamples, audioOptions, shape.highpassHz) : NO_ADJUSTMENT;
          kernels.reset();
          const samples = keptSamples(fullSamples, plan.window, maxSamples) + padding;
          if (audio.exactFrames && samples > options.limitSamples) throw tooLong(samples, options, output, true);
          const writer = new CanonicalWaveWriter(sink, audio.exactFrames ? samples : null, output.layout);
          const result = await transcode(audio, kernels, output, maxSamples, plan, audioOptions, writer, shape);
          return report(audio, input, output, await writer.finish(), false, result, plan.window.start);
        });
      } finally {
        audio.close();
      }
    },
  };
}

/** `skipped`: output-rate samples the window left out before what was written (silence trimming). */
function report(audio: AudioSource, input: InputDescription, output: Output, samples: number, passThrough: boolean, result: SampleResult, skipped: number): ConvertReport {
  // A compressed file's header only estimates its length; a decode to the end counts it.
  const heard = audio.exactFrames || result.frames === null ? input : { ...input, frames: result.frames, seconds: result.frames / audio.sampleRate };
  const leadingSeconds = skipped / output.rate;
  const outputSeconds = samples / output.rate;
  return {
    input: heard,
    output: { samples, seconds: outputSeconds, bytes: output.layout.fileSize(samples) },
    passThrough,
    trimmed: result.trimmed,
    // to the millisecond: what is left after the output may be a rounding of the rate change, not a cut
    cut: { leadingSeconds: roundMs(leadingSeconds), trailingSeconds: roundMs(Math.max(0, heard.seconds - leadingSeconds - outputSeconds)) },
    gainDb: result.gainDb,
    peakDbfs: toDbfs(result.peak),
    clippedSamples: result.clippedSamples,
    levels: result.levels,
    // read now: a compressed source adds what it met while decoding (damaged frames, a cut-off end)
    warnings: [...audio.warnings.map((warning): SourceWarning => ({ ...warning })), ...result.warnings],
  };
}

function roundMs(seconds: number): number {
  const rounded = Math.round(seconds * 1000) / 1000;
  return rounded <= 0.001 ? 0 : rounded;
}
