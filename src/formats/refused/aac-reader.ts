import { startsAdtsFrame } from '../common/adts-sync.js';
import type { AudioFormatReader, OpenOptions, ProbedFormat } from '../../source/audio-source.js';
import { id3v2TagBytes, skipLeadingTags } from '../common/audio-tags.js';
import type { ByteSource } from '../../source/byte-source.js';
import { refuseToDecode } from '../common/unsupported-format.js';

/**
 * Raw AAC in ADTS frames (.aac, what some TTS services and HLS deliver), recognized and described but not decoded.
 * Each frame header (ISO/IEC 13818-7) gives the rate, the channels and the frame's length.
 */

const ADTS_HEADER_BYTES = 7;
const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
const SAMPLES_PER_FRAME = 1024;
/** Frames averaged for the estimate of the duration. */
const SAMPLED_FRAMES = 32;

interface AdtsHeader {
  sampleRate: number;
  /** 0 when the channel layout is given in the stream instead (a program config element). */
  channels: number;
  frameBytes: number;
}

function parseAdtsHeader(bytes: Uint8Array, at: number): AdtsHeader | null {
  if (at + ADTS_HEADER_BYTES > bytes.length) return null;
  if (!startsAdtsFrame(bytes, at)) return null;
  const rateIndex = (bytes[at + 2] >> 2) & 0x0f;
  const channels = ((bytes[at + 2] & 1) << 2) | (bytes[at + 3] >> 6);
  const frameBytes = ((bytes[at + 3] & 0x03) << 11) | (bytes[at + 4] << 3) | (bytes[at + 5] >> 5);
  if (rateIndex >= ADTS_RATES.length || frameBytes < ADTS_HEADER_BYTES) return null;
  return { sampleRate: ADTS_RATES[rateIndex], channels, frameBytes };
}

/** A header at `at` that the next frame's header confirms (or that ends exactly at the end of the bytes). */
function confirmedHeader(bytes: Uint8Array, at: number): AdtsHeader | null {
  const header = parseAdtsHeader(bytes, at);
  if (!header) return null;
  const next = at + header.frameBytes;
  if (next === bytes.length) return header;
  const following = parseAdtsHeader(bytes, next);
  return following && following.sampleRate === header.sampleRate ? header : null;
}

export const aacReader: AudioFormatReader = {
  name: 'AAC',
  decodes: false,

  recognizes(head: Uint8Array): boolean {
    return confirmedHeader(head, id3v2TagBytes(head)) !== null;
  },

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const start = await skipLeadingTags(source, 0);
    const head = (await source.read(start, 64 * 1024)).slice();
    const first = confirmedHeader(head, 0) ?? parseAdtsHeader(head, 0);
    let frames = 0;
    let bytes = 0;
    let header = first;
    while (header && frames < SAMPLED_FRAMES) {
      frames++;
      bytes += header.frameBytes;
      header = parseAdtsHeader(head, bytes);
    }
    const format = {
      container: 'AAC',
      encoding: 'AAC',
      formatTag: null,
      extensible: false,
      sampleRate: first?.sampleRate ?? 0,
      channels: first?.channels ?? 0,
      bitsPerSample: null,
    };
    // The average frame of the first ones, over the whole stream: an estimate (AAC is variable bitrate).
    const seconds = first && frames > 0 ? ((source.size - start) / (bytes / frames)) * (SAMPLES_PER_FRAME / first.sampleRate) : null;
    return { format, seconds };
  },

  async open(_source: ByteSource, options: OpenOptions) {
    throw refuseToDecode('an AAC file', 'aac', options);
  },
};
