import type { AudioFormatReader, OpenOptions, ProbedFormat } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { printable } from './sniff.js';
import { refuseToDecode } from './unsupported-format.js';

/**
 * Apple's Core Audio Format, recognized and described from its 'desc' chunk (always the first) but not decoded.
 * CAF keeps the length in its packet table; the duration is left unknown rather than estimated.
 */

const DESC_AT = 8 + 12;
const FORMATS: ReadonlyMap<string, string> = new Map([
  ['lpcm', 'PCM'],
  ['ulaw', 'mu-law'],
  ['alaw', 'A-law'],
  ['ima4', 'IMA ADPCM'],
  ['aac ', 'AAC'],
  ['alac', 'ALAC'],
  ['.mp3', 'MP3'],
  ['opus', 'Opus'],
  ['flac', 'FLAC'],
]);

export const cafReader: AudioFormatReader = {
  name: 'CAF',
  decodes: false,

  recognizes(head: Uint8Array): boolean {
    return String.fromCharCode(...head.subarray(0, 4)) === 'caff';
  },

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const bytes = (await source.read(0, DESC_AT + 32)).slice();
    const described = bytes.length >= DESC_AT + 32 && String.fromCharCode(...bytes.subarray(8, 12)) === 'desc';
    const view = new DataView(bytes.buffer);
    const formatId = described ? String.fromCharCode(...bytes.subarray(DESC_AT + 8, DESC_AT + 12)) : '';
    const sampleRate = described ? view.getFloat64(DESC_AT) : 0;
    return {
      format: {
        container: 'CAF',
        encoding: described ? (FORMATS.get(formatId) ?? printable(formatId)) : 'unknown',
        formatTag: null,
        extensible: false,
        sampleRate: Number.isFinite(sampleRate) && sampleRate > 0 ? Math.round(sampleRate) : 0,
        channels: described ? view.getUint32(DESC_AT + 24) : 0,
        bitsPerSample: described && view.getUint32(DESC_AT + 28) > 0 ? view.getUint32(DESC_AT + 28) : null,
      },
      seconds: null,
    };
  },

  async open(_source: ByteSource, options: OpenOptions) {
    throw refuseToDecode('a CAF file', 'caf', options);
  },
};
