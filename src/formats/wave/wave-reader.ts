import type { BlockCodec } from '../../codecs/block-codec.js';
import { createBlockCodec } from './block-codecs.js';
import { VoiceprepError } from '../../errors.js';
import type { AudioFormatReader, AudioSource, BlockOptions, OpenOptions, PcmBlock, ProbedFormat, SampleFormat, SourceWarning } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FormatSummary } from '../../source/format-summary.js';
import { waveFormat } from './format.js';
import { recognizesWave } from './signature.js';
import { summarizeFormat } from './summarize-format.js';
import { hexTag, isMpegTag } from './format-tags.js';
import { readWaveHeader } from './read-wave-header.js';
import { SampleBytesSource } from '../common/sample-bytes-source.js';
import type { WaveFormat, WaveHeader } from './wave-header.js';

/**
 * RIFF, RF64, BW64 and RIFX (big-endian) WAVE files: the header is walked by read-wave-header.ts; PCM, float and
 * G.711 samples are handed on as they are, the telephony codecs (IMA and Microsoft ADPCM, GSM 6.10) decoded
 * block by block into 16-bit samples first, and MPEG audio in the data chunk decoded as an MP3 stream.
 */
export const waveReader: AudioFormatReader = {
  name: waveFormat.name,
  recognizes: recognizesWave,
  async probe(source: ByteSource): Promise<ProbedFormat> {
    const header = await readWaveHeader(source);
    return { format: summarizeFormat(header), seconds: header.frames / header.format.sampleRate };
  },
  async open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    const header = await readWaveHeader(source);
    if (isMpegTag(header.format.effectiveTag)) {
      // Loaded here: converting plain WAV files never pays for the MP3 reader and its decoder.
      const { openMpegInWave } = await import('./mpeg-in-wave.js');
      return openMpegInWave(source, header, options);
    }
    const codec = createBlockCodec(header.format);
    if (codec) return new CodedWaveSource(source, header, codec);
    const { format } = header;
    return new SampleBytesSource(source, {
      format: summarizeFormat(header),
      sampleRate: format.sampleRate,
      channels: format.channels,
      sampleFormat: sampleFormatOf(format),
      dataOffset: header.dataOffset,
      bytesPerFrame: format.blockAlign,
      frames: header.frames,
      warnings: header.warnings,
    });
  },
};

/**
 * IMA and Microsoft ADPCM and GSM 6.10: whole blocks are read and decoded to 16-bit samples (src/codecs), which go
 * on as little-endian bytes: WebAssembly memory is little-endian, and so is every host that runs it in practice.
 */
class CodedWaveSource implements AudioSource {
  readonly format: FormatSummary;
  readonly sampleRate: number;
  readonly channels: number;
  readonly frames: number;
  readonly exactFrames = true;
  readonly warnings: SourceWarning[];

  constructor(
    private readonly source: ByteSource,
    private readonly header: WaveHeader,
    private readonly codec: BlockCodec,
  ) {
    this.format = summarizeFormat(header);
    this.sampleRate = header.format.sampleRate;
    this.channels = header.format.channels;
    this.frames = header.frames;
    this.warnings = header.warnings.map(({ code, message }) => ({ code, message }));
  }

  close(): void {}

  async *blocks({ blockFrames, maxFrames = Infinity }: BlockOptions): AsyncIterable<PcmBlock> {
    const { codec } = this;
    codec.reset();
    const blocksPerRead = Math.max(1, Math.ceil(blockFrames / codec.framesPerBlock));
    const samples = new Int16Array(codec.framesIn(blocksPerRead * codec.bytesPerBlock) * codec.channels);
    const bytes = new Uint8Array(samples.buffer);
    const totalBlocks = Math.ceil(this.header.dataSize / codec.bytesPerBlock);
    let frames = 0;
    for await (const data of this.dataBlocksOf(totalBlocks, blocksPerRead)) {
      if (frames >= maxFrames) break;
      const decoded = Math.min(codec.decode(data, samples), maxFrames - frames);
      frames += decoded;
      yield { layout: 'interleaved-bytes', bytes: bytes.subarray(0, decoded * codec.channels * 2), sampleFormat: 's16le', channels: codec.channels, frames: decoded };
    }
    if (codec.badBlockHeaders > 0 && !this.warnings.some((warning) => warning.code === 'bad-block-header')) {
      this.warnings.push({
        code: 'bad-block-header',
        message: `${codec.badBlockHeaders} block header(s) hold values no encoder writes (a damaged file?); decoded as sox does`,
      });
    }
  }

  /** Whole blocks, and the partial block a cut-off file ends with. */
  private async *dataBlocksOf(totalBlocks: number, blocksPerRead: number): AsyncIterable<Uint8Array> {
    const { bytesPerBlock } = this.codec;
    const { dataOffset, dataSize } = this.header;
    for (let block = 0; block < totalBlocks; block += blocksPerRead) {
      const start = block * bytesPerBlock;
      const bytes = await this.source.read(dataOffset + start, Math.min(blocksPerRead * bytesPerBlock, dataSize - start));
      if (bytes.length === 0) throw new VoiceprepError('io', 'the input ended while it was being read');
      yield bytes;
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

  const bigEndian = format.bigEndian === true;
  switch (encoding) {
    case 'pcm': {
      // Samples narrower than their container are left-justified (WAVE spec), so they decode as the container.
      const byWidth: Record<number, SampleFormat> = bigEndian
        ? { 1: 'u8', 2: 's16be', 3: 's24be', 4: 's32be' }
        : { 1: 'u8', 2: 's16le', 3: 's24le', 4: 's32le' };
      const sampleFormat = byWidth[bytesPerSample];
      if (!sampleFormat) throw unsupported();
      return sampleFormat;
    }
    case 'float':
      if (bytesPerSample === 4 && bitsPerSample === 32) return bigEndian ? 'f32be' : 'f32le';
      if (bytesPerSample === 8 && bitsPerSample === 64) return bigEndian ? 'f64be' : 'f64le';
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
