import { VoiceprepError } from '../../errors.js';

/**
 * What an Ogg stream carries, from the first packet of its first page: Opus (RFC 7845) and Vorbis (the Vorbis I
 * specification) are decoded; the rest are named, so that a report says what the file is.
 */

export interface OpusHead {
  channels: number;
  /** Samples (at 48 kHz) the decoder must drop at the start: the encoder's lookahead. */
  preSkip: number;
  /** The rate of the audio the encoder was given (Opus itself always decodes at 48 kHz). */
  inputRate: number;
  /** Gain the decoder must apply, in dB. */
  outputGainDb: number;
  streamCount: number;
  coupledStreamCount: number;
  channelMapping: number[];
}

export interface OggCodec {
  name: string;
  /** The rate the stream decodes at (48 kHz for Opus, whatever it was made at); 0 when unknown. */
  sampleRate: number;
  /** 0 when unknown. */
  channels: number;
  bitsPerSample: number | null;
  /** Present for Opus only. */
  opusHead: OpusHead | null;
}

/** Opus always decodes at 48 kHz, whatever rate the encoder was given. */
export const OPUS_RATE = 48000;

/** The codecs that are not decoded here, by the start of their first packet. */
const OTHER_CODECS: ReadonlyArray<readonly [string, string]> = [
  ['\x7fFLAC', 'FLAC'],
  ['Speex   ', 'Speex'],
  ['\x80theora', 'Theora'],
  ['PCM     ', 'PCM'],
  ['CELT    ', 'CELT'],
  ['\x80kate', 'Kate'],
  ['BBCD\x00', 'Dirac'],
  ['OVP80', 'VP8'],
  ['fishead\x00', 'Skeleton'],
];

/** Names the codec of a stream by its first packet; throws a VoiceprepError when an Opus or Vorbis header is unusable. */
export function identifyOggCodec(packet: Uint8Array): OggCodec {
  if (startsWith(packet, 'OpusHead')) {
    const opusHead = parseOpusHead(packet);
    return { name: 'Opus', sampleRate: OPUS_RATE, channels: opusHead.channels, bitsPerSample: null, opusHead };
  }
  if (startsWith(packet, '\x01vorbis')) return parseVorbisIdentification(packet);
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  if (startsWith(packet, '\x7fFLAC') && packet.length >= 13 + 4 + 18) {
    // '\x7fFLAC', version, header count, 'fLaC', then a STREAMINFO block whose bytes 10-13 pack rate, channels, depth.
    const packed = view.getUint32(13 + 4 + 4 + 10);
    return {
      name: 'FLAC',
      sampleRate: packed >>> 12,
      channels: ((packed >>> 9) & 7) + 1,
      bitsPerSample: ((packed >>> 4) & 0x1f) + 1,
      opusHead: null,
    };
  }
  if (startsWith(packet, 'Speex   ') && packet.length >= 52) {
    return { name: 'Speex', sampleRate: view.getUint32(36, true), channels: view.getUint32(48, true), bitsPerSample: null, opusHead: null };
  }
  const other = OTHER_CODECS.find(([signature]) => startsWith(packet, signature));
  return { name: other ? other[1] : 'unknown', sampleRate: 0, channels: 0, bitsPerSample: null, opusHead: null };
}

const OPUS_HEAD_BYTES = 19;

function parseOpusHead(packet: Uint8Array): OpusHead {
  if (packet.length < OPUS_HEAD_BYTES) throw new VoiceprepError('malformed', `the OpusHead packet holds ${packet.length} bytes; 19 are needed`);
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const version = packet[8];
  // The upper four bits are the major version: 0 is the only one, and a decoder must refuse any other.
  if (version >> 4 !== 0) throw new VoiceprepError('unsupported-encoding', `Ogg Opus version ${version >> 4} is not one this decoder knows`);
  const channels = packet[9];
  const family = packet[18];
  const head: OpusHead = {
    channels,
    preSkip: view.getUint16(10, true),
    inputRate: view.getUint32(12, true),
    outputGainDb: view.getInt16(16, true) / 256,
    streamCount: 1,
    coupledStreamCount: channels > 1 ? 1 : 0,
    channelMapping: channels > 1 ? [0, 1] : [0],
  };
  if (channels === 0) throw new VoiceprepError('malformed', 'the OpusHead packet gives 0 channels');
  if (family === 0) {
    if (channels > 2) throw new VoiceprepError('malformed', `the OpusHead packet gives ${channels} channels for mapping family 0 (at most 2)`);
    return head;
  }
  if (packet.length < OPUS_HEAD_BYTES + 2 + channels) throw new VoiceprepError('malformed', 'the OpusHead packet ends inside its channel mapping table');
  head.streamCount = packet[19];
  head.coupledStreamCount = packet[20];
  head.channelMapping = [...packet.subarray(21, 21 + channels)];
  const coded = head.streamCount + head.coupledStreamCount;
  const unmapped = head.channelMapping.some((index) => index !== 255 && index >= coded);
  if (head.streamCount === 0 || head.coupledStreamCount > head.streamCount || coded > 255 || unmapped) {
    throw new VoiceprepError('malformed', 'the OpusHead channel mapping table is inconsistent');
  }
  return head;
}

const VORBIS_ID_BYTES = 30;

function parseVorbisIdentification(packet: Uint8Array): OggCodec {
  if (packet.length < VORBIS_ID_BYTES) throw new VoiceprepError('malformed', `the Vorbis identification header holds ${packet.length} bytes; 30 are needed`);
  const view = new DataView(packet.buffer, packet.byteOffset, packet.byteLength);
  const version = view.getUint32(7, true);
  const channels = packet[11];
  const sampleRate = view.getUint32(12, true);
  const smallBlock = packet[28] & 0x0f;
  const largeBlock = packet[28] >> 4;
  if (version !== 0) throw new VoiceprepError('unsupported-encoding', `Vorbis version ${version} is not Vorbis I`);
  if (channels === 0 || sampleRate === 0) throw new VoiceprepError('malformed', `the Vorbis header gives ${channels} channels at ${sampleRate} Hz`);
  if (smallBlock < 6 || largeBlock > 13 || smallBlock > largeBlock) throw new VoiceprepError('malformed', 'the Vorbis header gives impossible block sizes');
  return { name: 'Vorbis', sampleRate, channels, bitsPerSample: null, opusHead: null };
}

function startsWith(bytes: Uint8Array, signature: string): boolean {
  if (bytes.length < signature.length) return false;
  for (let i = 0; i < signature.length; i++) if (bytes[i] !== signature.charCodeAt(i)) return false;
  return true;
}
