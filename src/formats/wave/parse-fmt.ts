import { VoiceprepError } from '../../errors.js';
import {
  WAVE_FORMAT_ADPCM,
  WAVE_FORMAT_EXTENSIBLE,
  WAVE_FORMAT_GSM610,
  WAVE_FORMAT_IMA_ADPCM,
  describeTag,
  isMpegTag,
} from './format-tags.js';
import type { WaveFormat, WaveWarning } from './wave-header.js';

/** The fixed part of every fmt chunk (WAVEFORMAT plus wBitsPerSample). */
export const FMT_MIN_BYTES = 16;
/** WAVEFORMATEXTENSIBLE: the 18-byte WAVEFORMATEX plus 22 bytes of extension. */
export const FMT_EXTENSIBLE_BYTES = 40;
/** Microsoft ADPCM's block header holds the predictor index in one byte, so a table never has more pairs. */
const MAX_ADPCM_COEFFICIENT_PAIRS = 256;
/** The largest fmt chunk worth reading (Microsoft ADPCM with a full coefficient table); the rest is vendor padding. */
export const FMT_MAX_USEFUL_BYTES = 22 + 4 * MAX_ADPCM_COEFFICIENT_PAIRS;

/**
 * The last 14 bytes of KSDATAFORMAT_SUBTYPE_PCM and its siblings: the sub-format GUIDs that carry a classic
 * format tag in their first two bytes. A GUID without this tail is some other vendor's format.
 */
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Encodings whose fmt extension starts with wSamplesPerBlock. */
const BLOCK_CODEC_TAGS: ReadonlySet<number> = new Set([WAVE_FORMAT_ADPCM, WAVE_FORMAT_IMA_ADPCM, WAVE_FORMAT_GSM610]);

export interface FmtContext {
  /** The file is RIFX: every field is big-endian. */
  bigEndian: boolean;
  /** Where the oddities that parsing works around go. */
  warnings: WaveWarning[];
}

/** Parses the body of a fmt chunk. `body` holds the bytes the file really has; `declaredSize` what the chunk says. */
export function parseFmt(body: Uint8Array, declaredSize: number, context: FmtContext): WaveFormat {
  if (body.length < FMT_MIN_BYTES) {
    throw new VoiceprepError('malformed', `the fmt chunk holds ${body.length} bytes; at least ${FMT_MIN_BYTES} are needed`);
  }
  const { bigEndian } = context;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const formatTag = view.getUint16(0, !bigEndian);
  const channels = view.getUint16(2, !bigEndian);
  const sampleRate = view.getUint32(4, !bigEndian);
  const byteRate = view.getUint32(8, !bigEndian);
  const blockAlign = view.getUint16(12, !bigEndian);
  const bitsPerSample = view.getUint16(14, !bigEndian);
  const extraSize = body.length >= 18 ? view.getUint16(16, !bigEndian) : null;

  // An MPEG stream says its own rate and channels (read-wave-header.ts takes them from it): fmt's are not used.
  if (channels === 0 && !isMpegTag(formatTag)) throw new VoiceprepError('malformed', 'the fmt chunk declares 0 channels');
  if (sampleRate === 0 && !isMpegTag(formatTag)) throw new VoiceprepError('malformed', 'the fmt chunk declares a sample rate of 0 Hz');

  const { encoding, name } = describeTag(formatTag);
  const format: WaveFormat = {
    formatTag,
    effectiveTag: formatTag,
    encoding,
    encodingName: name,
    extensible: false,
    channels,
    sampleRate,
    bitsPerSample,
    validBitsPerSample: bitsPerSample,
    blockAlign,
    byteRate,
    fmtSize: declaredSize,
    extraSize,
    bigEndian,
  };
  const extended = formatTag === WAVE_FORMAT_EXTENSIBLE ? withExtension(format, body, view) : withCodecFields(format, body, view);
  // An MPEG stream's frames are not the fmt chunk's blocks: its block align is not used.
  return blockAlign === 0 && !isMpegTag(extended.effectiveTag) ? withRecoveredBlockAlign(extended, context.warnings) : extended;
}

/**
 * ffmpeg and sox compute a block align of 0 themselves, so files that have one play elsewhere. For sample formats
 * it follows from the channels and the sample width; a block codec's cannot be guessed.
 */
function withRecoveredBlockAlign(format: WaveFormat, warnings: WaveWarning[]): WaveFormat {
  const { encoding, channels, bitsPerSample } = format;
  const blockAlign = channels * Math.ceil(bitsPerSample / 8);
  // A recovered value must be one the field could have held, or a reader would size buffers by a 16-bit x 16-bit claim.
  if (encoding === null || blockAlign === 0 || blockAlign > 0xffff) {
    throw new VoiceprepError('malformed', 'the fmt chunk declares a block align of 0 bytes');
  }
  const width = `${channels} channel${channels === 1 ? '' : 's'} x ${bitsPerSample} bits`;
  warnings.push({ code: 'block-align', message: `the fmt chunk's block align is 0; used ${blockAlign} (${width})` });
  return { ...format, blockAlign };
}

/**
 * The fields the ADPCM and GSM decoders need from the extension after cbSize. Only what both cbSize and the chunk
 * hold is read, and nothing is allocated beyond the bytes in hand.
 */
function withCodecFields(format: WaveFormat, body: Uint8Array, view: DataView): WaveFormat {
  if (!BLOCK_CODEC_TAGS.has(format.formatTag) || format.extraSize === null) return format;
  const littleEndian = !format.bigEndian;
  const extensionEnd = Math.min(body.length, 18 + format.extraSize);
  if (extensionEnd < 20) return format;
  const samplesPerBlock = view.getUint16(18, littleEndian);
  if (format.formatTag !== WAVE_FORMAT_ADPCM || extensionEnd < 22) return { ...format, samplesPerBlock };

  const declaredPairs = Math.min(view.getUint16(20, littleEndian), MAX_ADPCM_COEFFICIENT_PAIRS);
  const pairs = Math.min(declaredPairs, Math.floor((extensionEnd - 22) / 4));
  const adpcmCoefficients: number[] = [];
  for (let i = 0; i < 2 * pairs; i++) adpcmCoefficients.push(view.getInt16(22 + 2 * i, littleEndian));
  return pairs > 0 ? { ...format, samplesPerBlock, adpcmCoefficients } : { ...format, samplesPerBlock };
}

function withExtension(format: WaveFormat, body: Uint8Array, view: DataView): WaveFormat {
  if (body.length < FMT_EXTENSIBLE_BYTES) {
    throw new VoiceprepError(
      'malformed',
      `a WAVE_FORMAT_EXTENSIBLE fmt chunk holds ${body.length} bytes; ${FMT_EXTENSIBLE_BYTES} are needed`,
    );
  }
  const validBits = view.getUint16(18, !format.bigEndian);
  const subFormatTag = view.getUint16(24, !format.bigEndian);
  const standardGuid = SUBFORMAT_GUID_TAIL.every((byte, i) => body[26 + i] === byte);
  const sub = standardGuid ? describeTag(subFormatTag) : { encoding: null, name: `sub-format ${guidText(body.subarray(24, 40))}` };
  return {
    ...format,
    effectiveTag: subFormatTag,
    encoding: sub.encoding,
    encodingName: sub.name,
    extensible: true,
    // 0 means "all of them" in practice (several encoders write it); the container width is then the truth.
    validBitsPerSample: validBits === 0 ? format.bitsPerSample : validBits,
  };
}

function guidText(bytes: Uint8Array): string {
  const hex = (from: number, to: number, reverse: boolean) => {
    const part = [...bytes.subarray(from, to)];
    return (reverse ? part.reverse() : part).map((b) => b.toString(16).padStart(2, '0')).join('');
  };
  return `{${hex(0, 4, true)}-${hex(4, 6, true)}-${hex(6, 8, true)}-${hex(8, 10, false)}-${hex(10, 16, false)}}`;
}
