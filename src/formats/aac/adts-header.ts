import { startsAdtsFrame } from '../common/adts-sync.js';

/** ADTS frame headers (ISO/IEC 13818-7), which AAC's signature and its description both read. */

const ADTS_HEADER_BYTES = 7;
const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
export interface AdtsHeader {
  /** The MPEG-4 audio object type: the profile field plus one (2 for AAC-LC). */
  objectType: number;
  rateIndex: number;
  sampleRate: number;
  /** 0 when the channel layout is given in the stream instead (a program config element). */
  channels: number;
  frameBytes: number;
  /** The header's own bytes: 7, or 9 with a CRC. */
  headerBytes: number;
}

export function parseAdtsHeader(bytes: Uint8Array, at: number): AdtsHeader | null {
  if (at + ADTS_HEADER_BYTES > bytes.length) return null;
  if (!startsAdtsFrame(bytes, at)) return null;
  const rateIndex = (bytes[at + 2] >> 2) & 0x0f;
  const channels = ((bytes[at + 2] & 1) << 2) | (bytes[at + 3] >> 6);
  const frameBytes = ((bytes[at + 3] & 0x03) << 11) | (bytes[at + 4] << 3) | (bytes[at + 5] >> 5);
  if (rateIndex >= ADTS_RATES.length || frameBytes < ADTS_HEADER_BYTES) return null;
  const headerBytes = bytes[at + 1] & 1 ? ADTS_HEADER_BYTES : ADTS_HEADER_BYTES + 2;
  if (frameBytes < headerBytes) return null;
  return { objectType: (bytes[at + 2] >> 6) + 1, rateIndex, sampleRate: ADTS_RATES[rateIndex], channels, frameBytes, headerBytes };
}

/** A header at `at` that the next frame's header confirms (or that ends exactly at the end of the bytes). */
export function confirmedHeader(bytes: Uint8Array, at: number): AdtsHeader | null {
  const header = parseAdtsHeader(bytes, at);
  if (!header) return null;
  const next = at + header.frameBytes;
  if (next === bytes.length) return header;
  const following = parseAdtsHeader(bytes, next);
  return following && following.sampleRate === header.sampleRate ? header : null;
}

/**
 * The AudioSpecificConfig (ISO/IEC 14496-3 1.6.2.1) that a header stands for: object type, rate index and channel
 * configuration, with no SBR signalled, so that FAAD2 looks for SBR in the stream itself, as FFmpeg does.
 */
export function adtsAudioSpecificConfig(header: AdtsHeader): Uint8Array {
  return new Uint8Array([(header.objectType << 3) | (header.rateIndex >> 1), ((header.rateIndex & 1) << 7) | (header.channels << 3)]);
}
