import { VoiceprepError } from '../../errors.js';
import { cafFormat } from './format.js';
import { recognizesCaf } from './signature.js';
import { ascii } from '../common/ascii.js';
import { type ChunkLayout, walkChunks } from '../common/chunk-walker.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat, SampleFormat, SourceWarning } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FormatSummary } from '../../source/format-summary.js';
import { MAX_STORED_CHANNELS, SampleBytesSource, signedIntegerFormat } from '../common/sample-bytes-source.js';
import { printable } from '../common/sniff.js';
import { refuseToDecode } from '../common/unsupported-format.js';

/**
 * Apple's Core Audio Format (what Logic and iOS apps can export): linear PCM, float and G.711 samples are handed on
 * as they are stored, like a WAV file's; the compressed codecs (AAC, ALAC, ...) are described from the 'desc' chunk
 * and refused with the command that converts them. The chunk walk reads chunk headers only, and clamps every size
 * to the file.
 */

const FILE_HEADER_BYTES = 8;
/** A chunk's type and its signed 64-bit size, with no pad byte after an odd body. */
const CAF_CHUNKS: ChunkLayout<'i64be'> = { sizeField: 'i64be', padOddSizes: false };
const DESC_BYTES = 32;
/** The data chunk starts with an edit count before its samples. */
const EDIT_COUNT_BYTES = 4;
/** The data chunk's size when its writer did not know it (a recording to a pipe): the rest of the file. */
const UNKNOWN_SIZE = -1n;

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
/** kCAFLinearPCMFormatFlagIsFloat and kCAFLinearPCMFormatFlagIsLittleEndian. */
const FLAG_FLOAT = 1;
const FLAG_LITTLE_ENDIAN = 2;

type Storage = { sampleFormat: SampleFormat | 's8'; bytesPerFrame: number };

/** The chunks as read, before they are judged whole (see `readCafHeader`). */
interface CafChunks {
  format: FormatSummary;
  /** How the samples are stored, or why they cannot be read; null without a 'desc' chunk. */
  stored: Storage | { refused: true } | { malformed: string } | null;
  /** Where the samples start, and how many bytes of them the file holds; null without a 'data' chunk. */
  data: { offset: number; bytes: number } | null;
  warnings: SourceWarning[];
}

/** A CAF file that describes audio. */
interface CafHeader {
  format: FormatSummary;
  /** How and where its samples are stored; null for a codec voiceprep refuses. */
  samples: { stored: Storage; data: { offset: number; bytes: number } } | null;
  warnings: SourceWarning[];
}

export const cafReader: AudioFormatReader = {
  name: cafFormat.name,
  recognizes: recognizesCaf,

  async probe(source: ByteSource, options: OpenOptions): Promise<ProbedFormat> {
    const { format, samples } = await readCafHeader(source);
    // A compressed codec keeps its length in the packet table: left unknown rather than estimated.
    if (!samples) return { format, seconds: null, undecodable: refusal(format, options).message };
    return { format, seconds: Math.floor(samples.data.bytes / samples.stored.bytesPerFrame) / format.sampleRate };
  },

  async open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    const { format, samples, warnings } = await readCafHeader(source);
    if (!samples) throw refusal(format, options);
    const { stored, data } = samples;
    return new SampleBytesSource(source, {
      format,
      sampleRate: format.sampleRate,
      channels: format.channels,
      sampleFormat: stored.sampleFormat,
      dataOffset: data.offset,
      bytesPerFrame: stored.bytesPerFrame,
      frames: Math.floor(data.bytes / stored.bytesPerFrame),
      warnings,
    });
  },
};

function refusal(format: FormatSummary, options: OpenOptions): VoiceprepError {
  return refuseToDecode(`a CAF file of ${format.encoding}`, 'caf', options);
}

/** The chunks, or a `malformed` error when they cannot describe any audio (for check as for convert). */
async function readCafHeader(source: ByteSource): Promise<CafHeader> {
  const { format, stored, data, warnings } = await readCafChunks(source);
  if (!stored) throw new VoiceprepError('malformed', 'there is no desc chunk (the format)');
  if ('malformed' in stored) throw new VoiceprepError('malformed', stored.malformed);
  if ('refused' in stored) return { format, samples: null, warnings };
  if (!data) throw new VoiceprepError('malformed', 'there is no data chunk (the samples)');
  return { format, samples: { stored, data }, warnings };
}

async function readCafChunks(source: ByteSource): Promise<CafChunks> {
  const header: CafChunks = {
    format: { container: 'CAF', encoding: 'unknown', formatTag: null, extensible: false, sampleRate: 0, channels: 0, bitsPerSample: null },
    stored: null,
    data: null,
    warnings: [],
  };
  for await (const chunk of walkChunks(source, { layout: CAF_CHUNKS, start: FILE_HEADER_BYTES, warnings: header.warnings })) {
    const { id, bodyOffset: body, declaredSize: declared, available, size } = chunk;
    if (id === 'desc' && !header.stored) {
      header.stored = readDesc((await source.read(body, Math.min(size, DESC_BYTES))).slice(), header.format);
    } else if (id === 'data' && !header.data && size >= EDIT_COUNT_BYTES) {
      // -1 is CAF's own word for "to the end of the file" (a recording whose length was not known): no fault
      if (declared > BigInt(available)) {
        header.warnings.push({ code: 'data-truncated', message: `the data chunk declares ${declared} bytes but the file holds ${available}; converted what it holds` });
      }
      header.data = { offset: body + EDIT_COUNT_BYTES, bytes: size - EDIT_COUNT_BYTES };
    }
    if (declared === UNKNOWN_SIZE) break;
  }
  return header;
}

/** The stream description: rate, format, flags, bytes per packet, frames per packet, channels, bits per channel. */
function readDesc(desc: Uint8Array, format: FormatSummary): CafChunks['stored'] {
  if (desc.length < DESC_BYTES) return { malformed: 'the desc chunk (the format) is cut short' };
  const view = new DataView(desc.buffer);
  const rate = view.getFloat64(0);
  const formatId = ascii(desc, 8, 4);
  const flags = view.getUint32(12);
  const bytesPerPacket = view.getUint32(16);
  const channels = view.getUint32(24);
  const bits = view.getUint32(28);
  format.encoding = FORMATS.get(formatId) ?? printable(formatId);
  format.sampleRate = Number.isFinite(rate) && rate >= 1 ? Math.round(rate) : 0;
  format.channels = channels;
  format.bitsPerSample = bits > 0 ? bits : null;
  if (!['lpcm', 'alaw', 'ulaw'].includes(formatId)) return { refused: true };
  if (channels === 0 || channels > MAX_STORED_CHANNELS) return { malformed: `the desc chunk declares ${channels} channels (voiceprep reads 1 to ${MAX_STORED_CHANNELS})` };
  if (format.sampleRate === 0) return { malformed: 'the desc chunk gives no usable sample rate' };
  if (formatId !== 'lpcm') {
    format.bitsPerSample = 8; // G.711 samples are bytes, whatever the desc chunk says
    return { sampleFormat: formatId === 'alaw' ? 'alaw' : 'mulaw', bytesPerFrame: channels };
  }
  const width = bytesPerPacket / channels;
  const sampleFormat = linearPcm(width, bits, flags);
  if (!sampleFormat) return { malformed: `the desc chunk's ${bytesPerPacket} bytes per packet do not hold ${channels} channel(s) of ${bits}-bit samples` };
  return { sampleFormat, bytesPerFrame: bytesPerPacket };
}

/** Linear PCM in samples of `width` bytes (integer samples are signed in CAF). */
function linearPcm(width: number, bits: number, flags: number): SampleFormat | 's8' | null {
  if (!Number.isInteger(width) || bits < 1 || bits > width * 8) return null;
  const little = (flags & FLAG_LITTLE_ENDIAN) !== 0;
  if (flags & FLAG_FLOAT) {
    if (width === 4 && bits === 32) return little ? 'f32le' : 'f32be';
    if (width === 8 && bits === 64) return little ? 'f64le' : 'f64be';
    return null;
  }
  return signedIntegerFormat(width, little);
}
