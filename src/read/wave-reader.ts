import { VoiceprepError } from '../errors.js';
import { OUTPUT_SAMPLE_RATE } from '../write/canonical-wave.js';
import type { AudioFormatReader, AudioSource, BlockOptions, PcmBlock, ProbedFormat, SampleFormat, SourceWarning } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { type FormatSummary, summarizeFormat } from './format-summary.js';
import { hexTag } from './format-tags.js';
import { readWaveHeader } from './read-wave-header.js';
import type { WaveFormat, WaveHeader } from './wave-header.js';

/** RIFF, RF64 and BW64 WAVE files: the header is walked by read-wave-header.ts, the samples read as they are. */
export const waveReader: AudioFormatReader = {
  name: 'WAV',
  recognizes(head: Uint8Array): boolean {
    const magic = String.fromCharCode(...head.subarray(0, 4));
    return ['RIFF', 'RF64', 'BW64'].includes(magic) && String.fromCharCode(...head.subarray(8, 12)) === 'WAVE';
  },
  async probe(source: ByteSource): Promise<ProbedFormat> {
    const header = await readWaveHeader(source);
    return { format: summarizeFormat(header), seconds: header.frames / header.format.sampleRate };
  },
  async open(source: ByteSource): Promise<AudioSource> {
    return new WaveSource(source, await readWaveHeader(source));
  },
};

class WaveSource implements AudioSource {
  readonly format: FormatSummary;
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  readonly exactFrames = true;
  readonly warnings: SourceWarning[];
  readonly alawSamples?: (maxSamples?: number) => AsyncIterable<Uint8Array>;
  private readonly sampleFormat: SampleFormat;

  constructor(
    private readonly source: ByteSource,
    private readonly header: WaveHeader,
  ) {
    this.sampleFormat = sampleFormatOf(header.format);
    this.format = summarizeFormat(header);
    this.sampleRate = header.format.sampleRate;
    this.channels = header.format.channels;
    this.frames = header.frames;
    this.warnings = header.warnings.map(({ code, message }) => ({ code, message }));
    if (this.sampleFormat === 'alaw' && this.sampleRate === OUTPUT_SAMPLE_RATE && this.channels === 1) {
      this.alawSamples = (maxSamples = Infinity) => this.dataBlocks(1, Math.min(maxSamples, this.frames), 1);
    }
  }

  async *blocks({ blockFrames, maxFrames = Infinity }: BlockOptions): AsyncIterable<PcmBlock> {
    const { blockAlign } = this.header.format;
    const frames = Math.min(this.frames, maxFrames);
    for await (const bytes of this.dataBlocks(blockAlign, frames, blockFrames)) {
      yield { layout: 'interleaved-bytes', bytes, sampleFormat: this.sampleFormat, channels: this.channels, frames: bytes.length / blockAlign };
    }
  }

  close(): void {}

  /** The data chunk in blocks of whole frames; a file that ends early (it shrank while read) is an error. */
  private async *dataBlocks(bytesPerFrame: number, frames: number, blockFrames: number): AsyncIterable<Uint8Array> {
    const { dataOffset } = this.header;
    for (let frame = 0; frame < frames; ) {
      const want = Math.min(blockFrames, frames - frame);
      const bytes = await this.source.read(dataOffset + frame * bytesPerFrame, want * bytesPerFrame);
      const got = Math.floor(bytes.length / bytesPerFrame);
      if (got === 0) throw new VoiceprepError('io', 'the input ended while it was being read');
      yield bytes.subarray(0, got * bytesPerFrame);
      frame += got;
    }
  }
}

/** How the samples of a WAVE format are stored, or why voiceprep cannot read them. */
export function sampleFormatOf(format: WaveFormat): SampleFormat {
  const { encoding, channels, blockAlign, bitsPerSample } = format;
  if (encoding === null) {
    throw new VoiceprepError('unsupported-encoding', `unsupported encoding: ${describe(format)}`);
  }
  if (channels < 1 || blockAlign % channels !== 0) {
    throw new VoiceprepError('malformed', `block align ${blockAlign} does not fit ${channels} channel(s)`);
  }
  const bytesPerSample = blockAlign / channels;
  const unsupported = () => new VoiceprepError('unsupported-encoding', `unsupported encoding: ${bitsPerSample}-bit ${describe(format)}`);
  if (bitsPerSample < 1 || bitsPerSample > bytesPerSample * 8) throw unsupported();

  switch (encoding) {
    case 'pcm': {
      // Samples narrower than their container are left-justified (WAVE spec), so they decode as the container.
      const byWidth: Record<number, SampleFormat> = { 1: 'u8', 2: 's16le', 3: 's24le', 4: 's32le' };
      const sampleFormat = byWidth[bytesPerSample];
      if (!sampleFormat) throw unsupported();
      return sampleFormat;
    }
    case 'float':
      if (bytesPerSample === 4 && bitsPerSample === 32) return 'f32le';
      if (bytesPerSample === 8 && bitsPerSample === 64) return 'f64le';
      throw unsupported();
    case 'alaw':
    case 'mulaw':
      if (bytesPerSample === 1 && bitsPerSample === 8) return encoding;
      throw unsupported();
  }
}

function describe(format: WaveFormat): string {
  const tag = format.extensible
    ? `format tag ${hexTag(format.formatTag)}, sub-format ${hexTag(format.effectiveTag)}`
    : `format tag ${hexTag(format.formatTag)}`;
  return `${format.encodingName} (${tag})`;
}
