import type { AudioFormatReader, OpenOptions, ProbedFormat } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import type { FormatSummary } from './format-summary.js';
import { printable } from './sniff.js';
import { refuseToDecode } from './unsupported-format.js';

/**
 * AIFF and AIFF-C (Apple's big-endian cousin of WAV), recognized and described from their COMM chunk but not
 * decoded. The chunk walk reads chunk headers only, and clamps every size to the file.
 */

const CHUNK_HEADER_BYTES = 8;
const FORM_HEADER_BYTES = 12;
const MAX_CHUNKS = 256;

/** AIFF-C compression types by their four-character codes. */
const COMPRESSION_NAMES: ReadonlyMap<string, string> = new Map([
  ['NONE', 'PCM'],
  ['twos', 'PCM'],
  ['sowt', 'PCM'],
  ['raw ', 'PCM'],
  ['fl32', 'IEEE float'],
  ['FL32', 'IEEE float'],
  ['fl64', 'IEEE float'],
  ['FL64', 'IEEE float'],
  ['ulaw', 'mu-law'],
  ['ULAW', 'mu-law'],
  ['alaw', 'A-law'],
  ['ALAW', 'A-law'],
  ['ima4', 'IMA ADPCM'],
]);

export const aiffReader: AudioFormatReader = {
  name: 'AIFF',
  decodes: false,

  recognizes(head: Uint8Array): boolean {
    const form = ascii(head, 8, 4);
    return ascii(head, 0, 4) === 'FORM' && (form === 'AIFF' || form === 'AIFC');
  },

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const head = await source.read(0, FORM_HEADER_BYTES);
    const container = ascii(head, 8, 4) === 'AIFC' ? 'AIFF-C' : 'AIFF';
    const format: FormatSummary = { container, encoding: 'unknown', formatTag: null, extensible: false, sampleRate: 0, channels: 0, bitsPerSample: null };
    for (let offset = FORM_HEADER_BYTES, chunks = 0; offset + CHUNK_HEADER_BYTES <= source.size && chunks < MAX_CHUNKS; chunks++) {
      const header = await source.read(offset, CHUNK_HEADER_BYTES);
      const size = new DataView(header.buffer, header.byteOffset, CHUNK_HEADER_BYTES).getUint32(4);
      if (ascii(header, 0, 4) === 'COMM') {
        const body = (await source.read(offset + CHUNK_HEADER_BYTES, Math.min(size, 64))).slice();
        if (body.length < 18) break;
        const view = new DataView(body.buffer);
        format.channels = view.getUint16(0);
        format.bitsPerSample = view.getUint16(6);
        format.sampleRate = Math.round(extendedFloat(body.subarray(8, 18)));
        const compression = container === 'AIFF-C' && body.length >= 22 ? ascii(body, 18, 4) : 'NONE';
        format.encoding = COMPRESSION_NAMES.get(compression) ?? printable(compression);
        const frames = view.getUint32(2);
        return { format, seconds: format.sampleRate > 0 ? frames / format.sampleRate : null };
      }
      offset += CHUNK_HEADER_BYTES + size + (size % 2);
    }
    return { format, seconds: null };
  },

  async open(_source: ByteSource, options: OpenOptions) {
    throw refuseToDecode('an AIFF file', 'aiff', options);
  },
};

/** The 80-bit IEEE 754 extended number AIFF gives its sample rate in: sign, 15-bit exponent, 64-bit mantissa. */
function extendedFloat(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 10);
  const exponent = view.getUint16(0) & 0x7fff;
  const mantissa = view.getUint32(2) * 2 ** 32 + view.getUint32(6);
  if (exponent === 0 || exponent === 0x7fff) return 0;
  const value = mantissa * 2 ** (exponent - 16383 - 63);
  return view.getUint16(0) & 0x8000 ? -value : value;
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
