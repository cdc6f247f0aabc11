import { aacFormat } from './format.js';
import { recognizesAac } from './signature.js';
import { confirmedHeader, parseAdtsHeader } from './adts-header.js';
import type { AudioFormatReader, OpenOptions, ProbedFormat } from '../../source/audio-source.js';
import { skipLeadingTags } from '../common/audio-tags.js';
import type { ByteSource } from '../../source/byte-source.js';
import { refuseToDecode } from '../common/unsupported-format.js';

/**
 * Raw AAC in ADTS frames (.aac, what some TTS services and HLS deliver), recognized and described but not decoded.
 * Each frame header (ISO/IEC 13818-7) gives the rate, the channels and the frame's length.
 */

const SAMPLES_PER_FRAME = 1024;
/** Frames averaged for the estimate of the duration. */
const SAMPLED_FRAMES = 32;

export const aacReader: AudioFormatReader = {
  name: aacFormat.name,
  decodes: false,
  recognizes: recognizesAac,

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const start = await skipLeadingTags(source, 0);
    const head = (await source.read(start, 64 * 1024)).slice();
    const first = confirmedHeader(head, 0) ?? parseAdtsHeader(head, 0);
    let frames = 0;
    let bytes = 0;
    let header = first;
    while (header && frames < SAMPLED_FRAMES) {
      frames++;
      bytes += header.frameBytes;
      header = parseAdtsHeader(head, bytes);
    }
    const format = {
      container: 'AAC',
      encoding: 'AAC',
      formatTag: null,
      extensible: false,
      sampleRate: first?.sampleRate ?? 0,
      channels: first?.channels ?? 0,
      bitsPerSample: null,
    };
    // The average frame of the first ones, over the whole stream: an estimate (AAC is variable bitrate).
    const seconds = first && frames > 0 ? ((source.size - start) / (bytes / frames)) * (SAMPLES_PER_FRAME / first.sampleRate) : null;
    return { format, seconds };
  },

  async open(_source: ByteSource, options: OpenOptions) {
    throw refuseToDecode('an AAC file', 'aac', options);
  },
};
