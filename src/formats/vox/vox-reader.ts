import { createOkiAdpcmCodec } from '../../codecs/oki-adpcm.js';
import { VoiceprepError } from '../../errors.js';
import type { AudioFormatReader, AudioSource, BlockOptions, OpenOptions, PcmBlock, ProbedFormat } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FormatSummary } from '../../source/format-summary.js';

/**
 * Dialogic VOX: OKI ADPCM with no header at all, mono, two samples per byte, at a rate the file does not record
 * (8000 Hz, or 6000 Hz on older systems; `OpenOptions.voxRate` says which). Known only by its `.vox` name.
 *
 * Blocks are `interleaved-bytes` of `s16le`, decoded as they are read, in memory bounded by the block size.
 */

export const DEFAULT_VOX_RATE = 8000;
const BYTES_PER_SAMPLE = 2;

export const voxReader: AudioFormatReader = {
  name: 'VOX',

  /**
   * Any bytes are valid VOX, so the name decides; but a WAVE file renamed to .vox (some IVRs save their WAV
   * prompts that way) is left to the WAVE reader, whatever order the readers are asked in. An empty file is not
   * taken either: it is refused as "the file is empty", like an empty .wav or .mp3, not made an empty prompt.
   */
  recognizes(head: Uint8Array, options: OpenOptions): boolean {
    return head.length > 0 && /\.vox$/i.test(options.name ?? '') && !looksLikeWave(head);
  },

  async probe(source: ByteSource, options: OpenOptions): Promise<ProbedFormat> {
    const sampleRate = voxRate(options);
    return { format: voxFormat(sampleRate), seconds: framesOf(source) / sampleRate };
  },

  async open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    const sampleRate = voxRate(options);
    const frames = framesOf(source);
    return {
      format: voxFormat(sampleRate),
      sampleRate,
      channels: 1,
      frames,
      exactFrames: true,
      warnings: [],
      blocks: (blockOptions: BlockOptions) => decodeBlocks(source, frames, blockOptions),
      close() {},
    };
  },
};

function voxRate(options: OpenOptions): number {
  const rate = options.voxRate ?? DEFAULT_VOX_RATE;
  // A caller's mistake, not the file's: the command line checks what users type before it gets here.
  if (!Number.isInteger(rate) || rate <= 0) throw new RangeError(`a VOX sample rate must be a whole number of Hz above 0; got ${rate}`);
  return rate;
}

function voxFormat(sampleRate: number): FormatSummary {
  return { container: 'VOX', encoding: 'OKI ADPCM', formatTag: null, extensible: false, sampleRate, channels: 1, bitsPerSample: 4 };
}

/** Every byte holds two samples, so the length is exact. */
function framesOf(source: ByteSource): number {
  return 2 * source.size;
}

async function* decodeBlocks(source: ByteSource, frames: number, options: BlockOptions): AsyncGenerator<PcmBlock> {
  const codec = createOkiAdpcmCodec();
  const bytesPerRead = Math.max(1, Math.ceil(options.blockFrames / 2));
  const samples = new Int16Array(2 * bytesPerRead);
  const block = new Uint8Array(BYTES_PER_SAMPLE * samples.length);
  const limit = Math.min(frames, Math.max(0, Math.floor(options.maxFrames ?? Infinity)));

  for (let done = 0, offset = 0; done < limit; ) {
    const bytes = await source.read(offset, Math.min(bytesPerRead, Math.ceil((limit - done) / 2)));
    if (bytes.length === 0) throw new VoiceprepError('io', 'the input ended while it was being read');
    offset += bytes.length;
    const count = Math.min(codec.decode(bytes, samples), limit - done);
    // Little-endian whatever the host's byte order, as the block's sample format says.
    for (let i = 0; i < count; i++) {
      block[2 * i] = samples[i] & 0xff;
      block[2 * i + 1] = (samples[i] >> 8) & 0xff;
    }
    done += count;
    yield { layout: 'interleaved-bytes', bytes: block.subarray(0, BYTES_PER_SAMPLE * count), sampleFormat: 's16le', channels: 1, frames: count };
  }
}

function looksLikeWave(head: Uint8Array): boolean {
  const text = String.fromCharCode(...head.subarray(0, 12));
  return /^(RIFF|RIFX|RF64|BW64)....WAVE$/s.test(text);
}
