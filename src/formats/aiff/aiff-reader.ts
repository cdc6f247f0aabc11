import { VoiceprepError } from '../../errors.js';
import { aiffFormat } from './format.js';
import { recognizesAiff } from './signature.js';
import { ascii } from '../common/ascii.js';
import { type ChunkLayout, walkChunks } from '../common/chunk-walker.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat, SampleFormat, SourceWarning } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FormatSummary } from '../../source/format-summary.js';
import { SampleBytesSource, signedIntegerFormat } from '../common/sample-bytes-source.js';
import { printable } from '../common/sniff.js';
import { refuseToDecode } from '../common/unsupported-format.js';

/**
 * AIFF and AIFF-C (Apple's big-endian cousin of WAV, what GarageBand and Logic export): PCM, float and G.711
 * samples are handed on as they are stored, like a WAV file's. The chunk walk reads chunk headers only, and
 * clamps every size to the file.
 */

const FORM_HEADER_BYTES = 12;
/** IFF's chunks: a big-endian 32-bit size, and a pad byte after an odd body. */
const IFF_CHUNKS: ChunkLayout<'u32be'> = { sizeField: 'u32be', padOddSizes: true };
/** SSND sizes that say "to the end of the file": what writers to a pipe leave, as WAV writers do. */
const UNSET_SIZES = [0, 0xffffffff];
/** numChannels, numSampleFrames, sampleSize and the 80-bit sampleRate; AIFF-C adds its compression type. */
const COMM_BYTES = 18;
const AIFC_COMM_BYTES = 22;
/** SSND's offset and blockSize come before its samples. */
const SSND_HEADER_BYTES = 8;

/** AIFF-C compression types by their four-character codes: the encoding's name, and how it is stored when decoded. */
const COMPRESSIONS: ReadonlyMap<string, { name: string; stored?: 'big-endian' | 'little-endian' | SampleFormat }> = new Map([
  ['NONE', { name: 'PCM', stored: 'big-endian' }],
  ['twos', { name: 'PCM', stored: 'big-endian' }],
  ['sowt', { name: 'PCM', stored: 'little-endian' }],
  ['in24', { name: 'PCM', stored: 's24be' }],
  ['in32', { name: 'PCM', stored: 's32be' }],
  ['raw ', { name: 'PCM', stored: 'u8' }],
  ['fl32', { name: 'IEEE float', stored: 'f32be' }],
  ['FL32', { name: 'IEEE float', stored: 'f32be' }],
  ['fl64', { name: 'IEEE float', stored: 'f64be' }],
  ['FL64', { name: 'IEEE float', stored: 'f64be' }],
  ['ulaw', { name: 'mu-law', stored: 'mulaw' }],
  ['ULAW', { name: 'mu-law', stored: 'mulaw' }],
  ['alaw', { name: 'A-law', stored: 'alaw' }],
  ['ALAW', { name: 'A-law', stored: 'alaw' }],
  ['ima4', { name: 'IMA ADPCM' }],
  ['MAC3', { name: 'MACE 3:1' }],
  ['MAC6', { name: 'MACE 6:1' }],
  ['GSM ', { name: 'GSM 6.10' }],
  ['QDM2', { name: 'QDesign Music 2' }],
  ['Qclp', { name: 'Qualcomm PureVoice' }],
]);

/** Bytes per stored sample, for the formats whose width the compression type fixes. */
const WIDTH: Partial<Record<SampleFormat, number>> = { s24be: 3, s32be: 4, u8: 1, f32be: 4, f64be: 8, mulaw: 1, alaw: 1 };

/** How the samples are stored: the mixer's sample format (or signed 8-bit, which the source turns into it). */
type Storage = { sampleFormat: SampleFormat | 's8'; bytesPerSample: number };

/** What the chunks say: the format as reports show it, and where the samples are and how they are stored. */
interface AiffHeader {
  format: FormatSummary;
  /** The frames COMM declares, over the sample rate (what check shows of a file it cannot decode). */
  seconds: number | null;
  /** How the samples are stored, or why they cannot be: an encoding voiceprep lacks, or a broken header. */
  stored: Storage | { refused: true } | { malformed: string };
  /** Where SSND's samples start, and how many bytes of them the file holds; null without an SSND chunk. */
  data: { offset: number; bytes: number } | null;
  declaredFrames: number;
  warnings: SourceWarning[];
}

export const aiffReader: AudioFormatReader = {
  name: aiffFormat.name,
  recognizes: recognizesAiff,

  async probe(source: ByteSource, options: OpenOptions): Promise<ProbedFormat> {
    const header = await readAiffHeader(source);
    const { format, stored } = header;
    if ('malformed' in stored) throw new VoiceprepError('malformed', stored.malformed);
    if ('refused' in stored) return { format, seconds: header.seconds, undecodable: refusal(format, options).message };
    return { format, seconds: framesOf(header, stored).frames / format.sampleRate };
  },

  async open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    const header = await readAiffHeader(source);
    const { format, stored, data } = header;
    if ('malformed' in stored) throw new VoiceprepError('malformed', stored.malformed);
    if ('refused' in stored) throw refusal(format, options);
    const { frames, warning } = framesOf(header, stored);
    return new SampleBytesSource(source, {
      format,
      sampleRate: format.sampleRate,
      channels: format.channels,
      sampleFormat: stored.sampleFormat,
      dataOffset: data?.offset ?? 0,
      bytesPerFrame: stored.bytesPerSample * format.channels,
      frames,
      warnings: warning ? [...header.warnings, warning] : header.warnings,
    });
  },
};

function refusal(format: FormatSummary, options: OpenOptions): VoiceprepError {
  return refuseToDecode(`an ${format.container} file of ${format.encoding}`, 'aiff', options);
}

/**
 * The frames to convert: all that SSND holds, as sox, ffmpeg and libsndfile read them, whatever COMM declares; when
 * the two disagree, a warning says how.
 */
function framesOf(header: AiffHeader, stored: Storage): { frames: number; warning: SourceWarning | null } {
  const { declaredFrames } = header;
  const frames = Math.floor((header.data?.bytes ?? 0) / (stored.bytesPerSample * header.format.channels));
  if (frames === declaredFrames) return { frames, warning: null };
  if (frames < declaredFrames) {
    const message = `the COMM chunk declares ${declaredFrames} frames but the file holds ${frames}; converted what it holds`;
    return { frames, warning: { code: 'data-truncated', message } };
  }
  // an SSND chunk of unset size has said so already: COMM's 0 is the same pipe's doing
  if (declaredFrames === 0 && header.warnings.some((warning) => warning.code === 'data-size-unset')) return { frames, warning: null };
  const message =
    declaredFrames === 0
      ? `the COMM chunk declares 0 frames (a file written to a pipe?); converted the ${frames} the SSND chunk holds`
      : `the COMM chunk declares ${declaredFrames} frames but the SSND chunk holds ${frames}; converted all of them, as sox and ffmpeg do`;
  return { frames, warning: { code: 'frame-count', message } };
}

async function readAiffHeader(source: ByteSource): Promise<AiffHeader> {
  const head = await source.read(0, FORM_HEADER_BYTES);
  const container = ascii(head, 8, 4) === 'AIFC' ? 'AIFF-C' : 'AIFF';
  const header: AiffHeader = {
    format: { container, encoding: 'unknown', formatTag: null, extensible: false, sampleRate: 0, channels: 0, bitsPerSample: null },
    seconds: null,
    stored: { malformed: 'the COMM chunk (the format) is missing or cut short' },
    data: null,
    declaredFrames: 0,
    warnings: [],
  };
  let sawComm = false;
  for await (const chunk of walkChunks(source, { layout: IFF_CHUNKS, start: FORM_HEADER_BYTES, warnings: header.warnings })) {
    const { id, bodyOffset: body, declaredSize: declared, size } = chunk;
    if (id === 'COMM' && !sawComm) {
      sawComm = true;
      readComm((await source.read(body, Math.min(size, AIFC_COMM_BYTES))).slice(), header);
    } else if (id === 'SSND' && !header.data) {
      const unset = UNSET_SIZES.includes(declared);
      const bytes = unset ? chunk.available : size;
      if (unset) {
        const message = `the SSND chunk's size is ${declared === 0 ? '0' : '0xFFFFFFFF'} (a file written to a pipe?); reading to the end of the file`;
        header.warnings.push({ code: 'data-size-unset', message });
      }
      if (bytes >= SSND_HEADER_BYTES) {
        const fields = (await source.read(body, SSND_HEADER_BYTES)).slice();
        const start = Math.min(bytes, SSND_HEADER_BYTES + new DataView(fields.buffer).getUint32(0));
        header.data = { offset: body + start, bytes: bytes - start };
      }
      if (unset) break;
    }
  }
  if (!header.data && header.declaredFrames > 0 && 'sampleFormat' in header.stored) {
    header.stored = { malformed: 'there is no SSND chunk (the samples)' };
  }
  return header;
}

function readComm(body: Uint8Array, header: AiffHeader): void {
  if (body.length < (header.format.container === 'AIFF-C' ? AIFC_COMM_BYTES : COMM_BYTES)) return;
  const view = new DataView(body.buffer);
  const { format } = header;
  const channels = view.getUint16(0);
  const bits = view.getUint16(6);
  const rate = extendedFloat(body.subarray(8, 18));
  format.channels = channels;
  format.bitsPerSample = bits;
  format.sampleRate = Number.isFinite(rate) && rate >= 1 ? Math.round(rate) : 0;
  header.declaredFrames = view.getUint32(2);
  header.seconds = format.sampleRate > 0 ? header.declaredFrames / format.sampleRate : null;
  const code = format.container === 'AIFF-C' ? ascii(body, 18, 4) : 'NONE';
  const compression = COMPRESSIONS.get(code);
  format.encoding = compression?.name ?? `compression type '${printable(code)}'`;
  const pcm = compression?.stored === 'big-endian' || compression?.stored === 'little-endian';
  const stored = storage(compression?.stored, bits);
  if (channels === 0) header.stored = { malformed: 'the COMM chunk declares 0 channels' };
  else if (format.sampleRate === 0) header.stored = { malformed: 'the COMM chunk gives no usable sample rate' };
  else if (pcm && !stored) header.stored = { malformed: `the COMM chunk gives ${bits} bits per sample (PCM has 1 to 32)` };
  else header.stored = stored ?? { refused: true };
  // G.711 samples are bytes whatever COMM's sample size says (QuickTime writes 16).
  if (stored?.sampleFormat === 'alaw' || stored?.sampleFormat === 'mulaw') format.bitsPerSample = 8;
}

/** How samples of `bits` bits are stored under a compression type; null when voiceprep does not decode them. */
function storage(stored: 'big-endian' | 'little-endian' | SampleFormat | undefined, bits: number): Storage | null {
  if (stored === 'big-endian' || stored === 'little-endian') {
    const bytesPerSample = Math.ceil(bits / 8);
    const sampleFormat = signedIntegerFormat(bytesPerSample, stored === 'little-endian');
    return bits >= 1 && sampleFormat ? { sampleFormat, bytesPerSample } : null;
  }
  const sampleFormat = stored;
  const bytesPerSample = sampleFormat ? WIDTH[sampleFormat] : undefined;
  return sampleFormat && bytesPerSample ? { sampleFormat, bytesPerSample } : null;
}

/** The 80-bit IEEE 754 extended number AIFF gives its sample rate in: sign, 15-bit exponent, 64-bit mantissa. */
function extendedFloat(bytes: Uint8Array): number {
  const view = new DataView(bytes.buffer, bytes.byteOffset, 10);
  const exponent = view.getUint16(0) & 0x7fff;
  const mantissa = view.getUint32(2) * 2 ** 32 + view.getUint32(6);
  if (exponent === 0 || exponent === 0x7fff) return 0;
  const value = mantissa * 2 ** (exponent - 16383 - 63);
  return view.getUint16(0) & 0x8000 ? -value : value;
}
