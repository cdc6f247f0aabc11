import { VoiceprepError } from '../errors.js';
import { WAVE_FORMAT_EXTENSIBLE, describeTag } from './format-tags.js';
import type { WaveFormat } from './wave-header.js';

/** The fixed part of every fmt chunk (WAVEFORMAT plus wBitsPerSample). */
export const FMT_MIN_BYTES = 16;
/** WAVEFORMATEXTENSIBLE: the 18-byte WAVEFORMATEX plus 22 bytes of extension. */
export const FMT_EXTENSIBLE_BYTES = 40;

/**
 * The last 14 bytes of KSDATAFORMAT_SUBTYPE_PCM and its siblings: the sub-format GUIDs that carry a classic
 * format tag in their first two bytes. A GUID without this tail is some other vendor's format.
 */
const SUBFORMAT_GUID_TAIL = [0x00, 0x00, 0x00, 0x00, 0x10, 0x00, 0x80, 0x00, 0x00, 0xaa, 0x00, 0x38, 0x9b, 0x71];

/** Parses the body of a fmt chunk. `body` holds the bytes the file really has; `declaredSize` what the chunk says. */
export function parseFmt(body: Uint8Array, declaredSize: number): WaveFormat {
  if (body.length < FMT_MIN_BYTES) {
    throw new VoiceprepError('malformed', `the fmt chunk holds ${body.length} bytes; at least ${FMT_MIN_BYTES} are needed`);
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const formatTag = view.getUint16(0, true);
  const channels = view.getUint16(2, true);
  const sampleRate = view.getUint32(4, true);
  const byteRate = view.getUint32(8, true);
  const blockAlign = view.getUint16(12, true);
  const bitsPerSample = view.getUint16(14, true);
  const extraSize = body.length >= 18 ? view.getUint16(16, true) : null;

  if (channels === 0) throw new VoiceprepError('malformed', 'the fmt chunk declares 0 channels');
  if (sampleRate === 0) throw new VoiceprepError('malformed', 'the fmt chunk declares a sample rate of 0 Hz');
  if (blockAlign === 0) throw new VoiceprepError('malformed', 'the fmt chunk declares a block align of 0 bytes');

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
  };
  return formatTag === WAVE_FORMAT_EXTENSIBLE ? withExtension(format, body, view) : format;
}

function withExtension(format: WaveFormat, body: Uint8Array, view: DataView): WaveFormat {
  if (body.length < FMT_EXTENSIBLE_BYTES) {
    throw new VoiceprepError(
      'malformed',
      `a WAVE_FORMAT_EXTENSIBLE fmt chunk holds ${body.length} bytes; ${FMT_EXTENSIBLE_BYTES} are needed`,
    );
  }
  const validBits = view.getUint16(18, true);
  const subFormatTag = view.getUint16(24, true);
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
