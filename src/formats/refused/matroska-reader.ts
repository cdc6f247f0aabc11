import { matroskaFormat } from './format.js';
import { recognizesMatroska } from './signature.js';
import type { AudioFormatReader, OpenOptions, ProbedFormat } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import { refuseToDecode } from '../common/unsupported-format.js';

/**
 * Matroska and WebM (what browsers record with MediaRecorder), recognized but not decoded. The codec is named
 * from the CodecID strings near the start of the file, where the track list usually is; the rate and channels
 * would take an EBML parser, and are left unknown.
 */

const LOOK_BYTES = 16 * 1024;
const CODECS: ReadonlyArray<readonly [string, string]> = [
  ['A_OPUS', 'Opus'],
  ['A_VORBIS', 'Vorbis'],
  ['A_AAC', 'AAC'],
  ['A_MPEG/L3', 'MP3'],
  ['A_FLAC', 'FLAC'],
  ['A_PCM', 'PCM'],
  ['A_AC3', 'AC-3'],
];

export const matroskaReader: AudioFormatReader = {
  name: matroskaFormat.name,
  decodes: false,
  recognizes: recognizesMatroska,

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const text = String.fromCharCode(...(await source.read(0, LOOK_BYTES)));
    const codec = CODECS.find(([id]) => text.includes(id));
    return {
      format: {
        container: text.slice(0, 64).includes('webm') ? 'WebM' : 'Matroska',
        encoding: codec ? codec[1] : 'unknown',
        formatTag: null,
        extensible: false,
        sampleRate: 0,
        channels: 0,
        bitsPerSample: null,
      },
      seconds: null,
    };
  },

  async open(source: ByteSource, options: OpenOptions) {
    const { format } = await this.probe(source, {});
    throw refuseToDecode(`a ${format.container} file${format.encoding === 'unknown' ? '' : ` of ${format.encoding} audio`}`, format.container === 'WebM' ? 'webm' : 'mkv', options);
  },
};
