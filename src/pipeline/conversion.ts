import { FadeOutStage } from '../adjust/fade-out.js';
import { GainStage, gainToPeak } from '../adjust/gain.js';
import { FLOAT_FROM_ALAW } from '../decode/g711-expand.js';
import { createDecoder, type SampleDecoder } from '../decode/sample-decoder.js';
import { AlawEncoder } from '../encode/alaw-encoder.js';
import { VoiceprepError } from '../errors.js';
import { mixStereo16ToMono, mixToMono } from '../mix/mix-to-mono.js';
import type { ByteSource } from '../read/byte-source.js';
import { summarizeFormat } from '../read/format-summary.js';
import { readWaveHeader } from '../read/read-wave-header.js';
import type { WaveHeader } from '../read/wave-header.js';
import { createResampler } from '../resample/create-resampler.js';
import {
  OUTPUT_SAMPLE_RATE,
  canonicalFileSize,
  canonicalHeader,
  canonicalTrailer,
} from '../write/canonical-wave.js';
import { StageChain } from './chain.js';
import { type ConvertReport, type InputDescription, toDbfs } from './report.js';
import type { Stage } from './stage.js';

export const MIN_INPUT_RATE = 1000;
export const MAX_INPUT_RATE = 768000;
/** A trimmed prompt ends with this fade, so the cut is not heard as a click. */
export const TRIM_FADE_SECONDS = 0.05;
/** Where normalize puts the peak: 1 dB of headroom keeps the A-law encoder out of clipping. */
export const NORMALIZE_TARGET_DBFS = -1;

export interface ConvertOptions {
  /** Cut the output to at most this many samples (8000 per second), fading out the last 50 ms. */
  maxSamples?: number;
  /** Scale so that the peak lands at -1 dBFS. Costs a second pass over the input. */
  normalize?: boolean;
  /** About how many input samples (frames x channels) are held in memory at once. */
  blockSamples?: number;
}

/** Where the finished file goes, in order, one block at a time. A block may be reused once `write` returns. */
export interface ByteSink {
  write(bytes: Uint8Array): void | Promise<void>;
}

/** Small enough that a block and its float copies stay in the CPU's caches between stages. */
const DEFAULT_BLOCK_SAMPLES = 1 << 16;

/**
 * A conversion whose input header has been read but whose samples have not: what the output will be (its length
 * and size) is known here, so a caller can refuse a file that will not fit before paying for the decode.
 */
export interface Conversion {
  readonly header: WaveHeader;
  readonly input: InputDescription;
  /** Samples the output would have without trimming. */
  readonly fullSamples: number;
  readonly outputSamples: number;
  readonly outputBytes: number;
  readonly passThrough: boolean;
  readonly trimmed: boolean;
  run(sink: ByteSink): Promise<ConvertReport>;
}

export async function openConversion(source: ByteSource, options: ConvertOptions = {}): Promise<Conversion> {
  const header = await readWaveHeader(source);
  const { format } = header;
  const decoder = createDecoder(format);
  if (format.sampleRate < MIN_INPUT_RATE || format.sampleRate > MAX_INPUT_RATE) {
    throw new VoiceprepError(
      'unsupported-encoding',
      `unsupported sample rate: ${format.sampleRate} Hz (voiceprep reads ${MIN_INPUT_RATE} to ${MAX_INPUT_RATE} Hz)`,
    );
  }
  const fullSamples = Math.round((header.frames * OUTPUT_SAMPLE_RATE) / format.sampleRate);
  const maxSamples = options.maxSamples ?? Infinity;
  const trimmed = fullSamples > maxSamples;
  const outputSamples = trimmed ? Math.max(0, Math.floor(maxSamples)) : fullSamples;
  const passThrough =
    format.encoding === 'alaw' &&
    format.sampleRate === OUTPUT_SAMPLE_RATE &&
    format.channels === 1 &&
    !trimmed &&
    !options.normalize;
  const input = describeInput(header, source.size);

  return {
    header,
    input,
    fullSamples,
    outputSamples,
    outputBytes: canonicalFileSize(outputSamples),
    passThrough,
    trimmed,
    async run(sink: ByteSink): Promise<ConvertReport> {
      await sink.write(canonicalHeader(outputSamples));
      const result = passThrough
        ? await copySamples(source, header, outputSamples, sink)
        : await transcode(source, header, decoder, outputSamples, trimmed, options, sink);
      await sink.write(canonicalTrailer(outputSamples));
      return {
        input,
        output: {
          samples: outputSamples,
          seconds: outputSamples / OUTPUT_SAMPLE_RATE,
          bytes: canonicalFileSize(outputSamples),
        },
        passThrough,
        trimmed,
        gainDb: result.gainDb,
        peakDbfs: toDbfs(result.peak),
        clippedSamples: result.clippedSamples,
        warnings: header.warnings,
      };
    },
  };
}

interface SampleResult {
  peak: number;
  clippedSamples: number;
  gainDb: number;
}

/** A-law 8 kHz mono input: the samples are already what we would write, so they are copied, not re-encoded. */
async function copySamples(source: ByteSource, header: WaveHeader, samples: number, sink: ByteSink): Promise<SampleResult> {
  let peak = 0;
  for (let done = 0; done < samples; ) {
    const bytes = await source.read(header.dataOffset + done, Math.min(DEFAULT_BLOCK_SAMPLES, samples - done));
    if (bytes.length === 0) throw new VoiceprepError('io', 'the input ended while it was being read');
    for (let i = 0; i < bytes.length; i++) peak = Math.max(peak, Math.abs(FLOAT_FROM_ALAW[bytes[i]]));
    await sink.write(bytes);
    done += bytes.length;
  }
  return { peak, clippedSamples: 0, gainDb: 0 };
}

async function transcode(
  source: ByteSource,
  header: WaveHeader,
  decoder: SampleDecoder,
  outputSamples: number,
  trimmed: boolean,
  options: ConvertOptions,
  sink: ByteSink,
): Promise<SampleResult> {
  const rate = header.format.sampleRate;
  // When trimming, read only as far as the kept part needs, plus enough for the filters' look-ahead.
  const framesToRead = trimmed
    ? Math.min(header.frames, Math.ceil((outputSamples * rate) / OUTPUT_SAMPLE_RATE) + Math.ceil(rate * 0.02))
    : header.frames;

  let gain = 1;
  if (options.normalize) {
    const peak = await measurePeak(source, header, decoder, framesToRead, outputSamples, options);
    gain = gainToPeak(peak, NORMALIZE_TARGET_DBFS);
  }

  const stages: Stage[] = [createResampler(rate, OUTPUT_SAMPLE_RATE)];
  if (gain !== 1) stages.push(new GainStage(gain));
  if (trimmed) stages.push(new FadeOutStage(outputSamples, Math.round(TRIM_FADE_SECONDS * OUTPUT_SAMPLE_RATE)));
  const chain = new StageChain(stages);
  const encoder = new AlawEncoder();
  let written = 0;
  let out = new Uint8Array(0);

  const emit = async (block: Float32Array) => {
    const count = Math.min(block.length, outputSamples - written);
    if (count <= 0) return;
    if (out.length < count) out = new Uint8Array(count);
    encoder.encode(block.subarray(0, count), out);
    await sink.write(out.subarray(0, count));
    written += count;
  };

  for await (const mono of monoBlocks(source, header, decoder, framesToRead, options)) {
    await emit(chain.flow(mono));
  }
  await emit(chain.drain());
  if (written < outputSamples) {
    // The resampler's length is exact; this only guards the file against a short count ever reaching the header.
    throw new VoiceprepError('io', `produced ${written} of ${outputSamples} samples`);
  }
  const stats = encoder.stats();
  return { peak: stats.peak, clippedSamples: stats.clippedSamples, gainDb: toDbfs(gain) };
}

/** The first pass of `normalize`: the same decode, mix and resample, keeping only the peak of the kept samples. */
async function measurePeak(
  source: ByteSource,
  header: WaveHeader,
  decoder: SampleDecoder,
  framesToRead: number,
  outputSamples: number,
  options: ConvertOptions,
): Promise<number> {
  const resampler = createResampler(header.format.sampleRate, OUTPUT_SAMPLE_RATE);
  let peak = 0;
  let seen = 0;
  const measure = (block: Float32Array) => {
    const count = Math.min(block.length, outputSamples - seen);
    for (let i = 0; i < count; i++) {
      const magnitude = Math.abs(block[i]);
      if (magnitude > peak) peak = magnitude;
    }
    seen += Math.max(0, count);
  };
  for await (const mono of monoBlocks(source, header, decoder, framesToRead, options)) measure(resampler.flow(mono));
  measure(resampler.drain());
  return peak;
}

/** Reads the data chunk in blocks of whole frames and yields each block decoded and mixed to mono. */
async function* monoBlocks(
  source: ByteSource,
  header: WaveHeader,
  decoder: SampleDecoder,
  frames: number,
  options: ConvertOptions,
): AsyncGenerator<Float32Array> {
  const { channels, bytesPerFrame } = decoder;
  const blockFrames = Math.max(1, Math.floor((options.blockSamples ?? DEFAULT_BLOCK_SAMPLES) / channels));
  const interleaved = new Float32Array(blockFrames * channels);
  const mono = new Float32Array(blockFrames);
  const { format } = header;
  const stereo16 = format.encoding === 'pcm' && channels === 2 && bytesPerFrame === 4;
  for (let frame = 0; frame < frames; ) {
    const want = Math.min(blockFrames, frames - frame);
    const bytes = await source.read(header.dataOffset + frame * bytesPerFrame, want * bytesPerFrame);
    let got = stereo16 ? mixStereo16ToMono(bytes, mono) : -1;
    let block: Float32Array;
    if (got >= 0) {
      block = mono.subarray(0, got);
    } else {
      got = decoder.decode(bytes, interleaved);
      block = mixToMono(interleaved, channels, got, mono);
    }
    if (got === 0) throw new VoiceprepError('io', 'the input ended while it was being read');
    yield block;
    frame += got;
  }
}

function describeInput(header: WaveHeader, bytes: number): InputDescription {
  return { ...summarizeFormat(header), frames: header.frames, seconds: header.frames / header.format.sampleRate, bytes };
}
