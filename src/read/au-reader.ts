import type { AudioFormatReader, OpenOptions, ProbedFormat } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { refuseToDecode } from './unsupported-format.js';

/** Sun/NeXT AU ('.snd'), recognized and described from its 24-byte header but not decoded. */

const HEADER_BYTES = 24;
const UNKNOWN_SIZE = 0xffffffff;
/** The encodings of the AU header: name and bits per sample. */
const ENCODINGS: ReadonlyMap<number, { name: string; bits: number }> = new Map([
  [1, { name: 'mu-law', bits: 8 }],
  [2, { name: 'PCM', bits: 8 }],
  [3, { name: 'PCM', bits: 16 }],
  [4, { name: 'PCM', bits: 24 }],
  [5, { name: 'PCM', bits: 32 }],
  [6, { name: 'IEEE float', bits: 32 }],
  [7, { name: 'IEEE float', bits: 64 }],
  [23, { name: 'G.721 ADPCM', bits: 4 }],
  [25, { name: 'G.723 ADPCM', bits: 3 }],
  [26, { name: 'G.723 ADPCM', bits: 5 }],
  [27, { name: 'A-law', bits: 8 }],
]);

export const auReader: AudioFormatReader = {
  name: 'AU',
  decodes: false,

  recognizes(head: Uint8Array): boolean {
    return String.fromCharCode(...head.subarray(0, 4)) === '.snd';
  },

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const header = (await source.read(0, HEADER_BYTES)).slice();
    const view = new DataView(header.buffer);
    const field = (at: number) => (header.length >= at + 4 ? view.getUint32(at) : 0);
    const encoding = ENCODINGS.get(field(12));
    const [sampleRate, channels] = [field(16), field(20)];
    const dataOffset = field(4);
    const dataBytes = field(8) === UNKNOWN_SIZE ? source.size - dataOffset : Math.min(field(8), source.size - dataOffset);
    const frameBytes = encoding ? (encoding.bits * channels) / 8 : 0;
    return {
      format: { container: 'AU', encoding: encoding?.name ?? 'unknown', formatTag: null, extensible: false, sampleRate, channels, bitsPerSample: encoding?.bits ?? null },
      seconds: frameBytes > 0 && sampleRate > 0 && dataBytes > 0 ? dataBytes / frameBytes / sampleRate : null,
    };
  },

  async open(_source: ByteSource, options: OpenOptions) {
    throw refuseToDecode('an AU file', 'au', options);
  },
};
