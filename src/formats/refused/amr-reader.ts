import { AMR_VARIANTS, amrVariantOf, recognizesAmr } from './signature.js';
import { amrFormat } from './format.js';
import type { AudioFormatReader, OpenOptions, ProbedFormat } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import { refuseToDecode } from '../common/unsupported-format.js';

/**
 * AMR and AMR-WB speech files (RFC 4867 storage format: a magic line, then frames of 20 ms), recognized and
 * described but not decoded. The duration is estimated from the first frame's size.
 */

const FRAME_SECONDS = 0.02;

export const amrReader: AudioFormatReader = {
  name: amrFormat.name,
  decodes: false,
  recognizes: recognizesAmr,

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const head = await source.read(0, 16);
    const variant = amrVariantOf(head) ?? AMR_VARIANTS[1];
    // Each frame starts with a byte whose bits 3-6 give its mode, and with it the frame's size.
    const mode = (head[variant.magic.length] >> 3) & 0x0f;
    const frameBytes = variant.frameBytes[mode];
    const seconds = frameBytes ? ((source.size - variant.magic.length) / (frameBytes + 1)) * FRAME_SECONDS : null;
    return {
      format: { container: 'AMR', encoding: variant.encoding, formatTag: null, extensible: false, sampleRate: variant.sampleRate, channels: 1, bitsPerSample: null },
      seconds,
    };
  },

  async open(_source: ByteSource, options: OpenOptions) {
    throw refuseToDecode('an AMR file', 'amr', options);
  },
};
