import { AMR_VARIANTS, amrVariantOf, recognizesAmr } from './signature.js';
import { amrFormat } from './format.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import { DecodedSource } from '../common/decoded-source.js';
import { VoiceprepError } from '../../errors.js';
import type { FormatSummary } from '../../source/format-summary.js';

/**
 * AMR and AMR-WB speech files (RFC 4867 storage format: a magic line, then frames of 20 ms), what phone call
 * recorders save. Decoded by opencore-amr (amr-decode.ts, loaded only when such a file is opened). The duration
 * is the frames counted: each starts with a byte whose bits 3-6 give its mode, and with it the frame's size (a
 * recorder's silent stretches are short SID or NO_DATA frames, so the first frame's size says little).
 */

const FRAME_SECONDS = 0.02;
const READ_BYTES = 64 * 1024;

export const amrReader: AudioFormatReader = {
  name: amrFormat.name,
  recognizes: recognizesAmr,

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const { format, seconds } = await inspect(source);
    return { format, seconds };
  },

  async open(source: ByteSource, _options: OpenOptions): Promise<AudioSource> {
    const { format, seconds, magicBytes } = await inspect(source);
    if (source.size <= magicBytes) throw new VoiceprepError('malformed', 'the AMR file holds no frame after its first line');
    const { decodeAmr } = await import('./amr-decode.js');
    return new DecodedSource({
      format,
      frames: Math.round((seconds ?? 0) * format.sampleRate),
      exactFrames: false,
      warnings: [],
      pass: (context) => decodeAmr(source, context),
    });
  },
};

async function inspect(source: ByteSource): Promise<{ format: FormatSummary; seconds: number | null; magicBytes: number }> {
  const head = await source.read(0, 16);
  const variant = amrVariantOf(head) ?? AMR_VARIANTS[1];
  const seconds = (await countFrames(source, variant.magic.length, variant.frameBytes)) * FRAME_SECONDS;
  return {
    format: { container: 'AMR', encoding: variant.encoding, formatTag: null, extensible: false, sampleRate: variant.sampleRate, channels: 1, bitsPerSample: null },
    seconds,
    magicBytes: variant.magic.length,
  };
}

/** The whole frames from `start` on (a frame cut by the end of the file is not counted; opencore-amr skips it too). */
async function countFrames(source: ByteSource, start: number, frameBytes: readonly number[]): Promise<number> {
  let frames = 0;
  let at = start;
  for (let chunkStart = start; at < source.size && chunkStart < source.size; chunkStart += READ_BYTES) {
    const chunk = await source.read(chunkStart, READ_BYTES);
    if (chunk.length === 0) break;
    while (at < chunkStart + chunk.length) {
      // Modes past the table (12-15: reserved and NO_DATA) are the TOC byte alone.
      const next = at + 1 + (frameBytes[(chunk[at - chunkStart] >> 3) & 0x0f] ?? 0);
      if (next > source.size) return frames;
      frames++;
      at = next;
    }
  }
  return frames;
}
