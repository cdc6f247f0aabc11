import { VoiceprepError } from '../../errors.js';
import { auFormat } from './format.js';
import { recognizesAu } from './signature.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat, SampleFormat, SourceWarning } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FormatSummary } from '../../source/format-summary.js';
import { MAX_STORED_CHANNELS, SampleBytesSource } from '../common/sample-bytes-source.js';
import { refuseToDecode } from '../common/unsupported-format.js';

/**
 * Sun/NeXT AU ('.au', '.snd'; what Java and old Unix telephony tools write): a 24-byte big-endian header, then the
 * samples, which are handed on as they are stored (PCM, float, G.711).
 */

const HEADER_BYTES = 24;
const UNKNOWN_SIZE = 0xffffffff;

/** The encodings of the AU header: name, bits per sample, and how voiceprep reads them (when it does). */
const ENCODINGS: ReadonlyMap<number, { name: string; bits: number; sampleFormat?: SampleFormat | 's8' }> = new Map([
  [1, { name: 'mu-law', bits: 8, sampleFormat: 'mulaw' }],
  [2, { name: 'PCM', bits: 8, sampleFormat: 's8' }],
  [3, { name: 'PCM', bits: 16, sampleFormat: 's16be' }],
  [4, { name: 'PCM', bits: 24, sampleFormat: 's24be' }],
  [5, { name: 'PCM', bits: 32, sampleFormat: 's32be' }],
  [6, { name: 'IEEE float', bits: 32, sampleFormat: 'f32be' }],
  [7, { name: 'IEEE float', bits: 64, sampleFormat: 'f64be' }],
  [23, { name: 'G.721 ADPCM', bits: 4 }],
  [24, { name: 'G.722 ADPCM', bits: 4 }],
  [25, { name: 'G.723 ADPCM', bits: 3 }],
  [26, { name: 'G.723 ADPCM', bits: 5 }],
  [27, { name: 'A-law', bits: 8, sampleFormat: 'alaw' }],
]);

interface AuHeader {
  format: FormatSummary;
  sampleFormat: SampleFormat | 's8' | null;
  /** The header's data offset, which is also the header's size (24 or more: an annotation may follow). */
  dataOffset: number;
  /** Bytes of samples the file holds: the declared size clamped to the file ('unknown' is the rest of it). */
  dataBytes: number;
  /** What the header's data size says that the bytes do not bear out, if anything. */
  warning: SourceWarning | null;
}

export const auReader: AudioFormatReader = {
  name: auFormat.name,
  recognizes: recognizesAu,

  async probe(source: ByteSource, options: OpenOptions): Promise<ProbedFormat> {
    const { format, sampleFormat, dataBytes } = await readValidAuHeader(source);
    const frameBytes = ((format.bitsPerSample ?? 0) * format.channels) / 8;
    return {
      format,
      seconds: frameBytes > 0 ? dataBytes / frameBytes / format.sampleRate : null,
      ...(sampleFormat ? {} : { undecodable: refusal(format, options).message }),
    };
  },

  async open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    const { format, sampleFormat, dataOffset, dataBytes, warning } = await readValidAuHeader(source);
    if (!sampleFormat) throw refusal(format, options);
    const bytesPerFrame = ((format.bitsPerSample as number) / 8) * format.channels;
    const frames = Math.floor(dataBytes / bytesPerFrame);
    const warnings = warning ? [warning] : [];
    return new SampleBytesSource(source, { format, sampleRate: format.sampleRate, channels: format.channels, sampleFormat, dataOffset, bytesPerFrame, frames, warnings });
  },
};

function refusal(format: FormatSummary, options: OpenOptions): VoiceprepError {
  return refuseToDecode(`an AU file of ${format.encoding}`, 'au', options);
}

/** The header, or a `malformed` error when it cannot describe any audio (for check as for convert). */
async function readValidAuHeader(source: ByteSource): Promise<AuHeader> {
  const header = await readAuHeader(source);
  const { format, dataOffset } = header;
  const broken = (message: string) => new VoiceprepError('malformed', message);
  if (source.size < HEADER_BYTES) throw broken(`the file ends inside its ${HEADER_BYTES}-byte header`);
  if (dataOffset < HEADER_BYTES) throw broken(`the header gives its size as ${dataOffset} bytes (at least ${HEADER_BYTES})`);
  if (format.channels === 0 || format.channels > MAX_STORED_CHANNELS) {
    throw broken(`the header declares ${format.channels} channels (voiceprep reads 1 to ${MAX_STORED_CHANNELS})`);
  }
  if (format.sampleRate === 0) throw broken('the header declares a sample rate of 0 Hz');
  return header;
}

async function readAuHeader(source: ByteSource): Promise<AuHeader> {
  const header = (await source.read(0, HEADER_BYTES)).slice();
  const view = new DataView(header.buffer);
  const field = (at: number) => (header.length >= at + 4 ? view.getUint32(at) : 0);
  const encoding = ENCODINGS.get(field(12));
  const dataOffset = field(4);
  const available = Math.max(0, source.size - dataOffset);
  const declared = field(8);
  // 0, like 'unknown', is read as the rest of the file, as sox and ffmpeg read it (and WAV's data size of 0)
  const dataBytes = declared === UNKNOWN_SIZE || declared === 0 ? available : Math.min(declared, available);
  let warning: SourceWarning | null = null;
  if (declared === 0 && available > 0) {
    warning = { code: 'data-size-unset', message: 'the header gives a data size of 0 (a recording that was cut off?); reading to the end of the file' };
  } else if (declared !== UNKNOWN_SIZE && declared > available) {
    warning = { code: 'data-truncated', message: `the header declares ${declared} bytes of samples but the file holds ${available}; converted what it holds` };
  }
  return {
    format: {
      container: 'AU',
      encoding: encoding?.name ?? `unknown encoding ${field(12)}`,
      formatTag: null,
      extensible: false,
      sampleRate: field(16),
      channels: field(20),
      bitsPerSample: encoding?.bits ?? null,
    },
    sampleFormat: encoding?.sampleFormat ?? null,
    dataOffset,
    dataBytes,
    warning,
  };
}
