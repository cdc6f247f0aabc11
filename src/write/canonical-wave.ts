import { invalidArgument } from '../arguments.js';
import { WAVE_FORMAT_ALAW } from '../read/format-tags.js';

/**
 * The one layout voiceprep writes (SPEC.md, "The layout voiceprep writes"): RIFF/WAVE with an 18-byte `fmt `
 * (A-law, mono, 8000 Hz), a `fact` chunk and a `data` chunk, then one pad byte when the sample count is odd.
 * This is what sox and GoldWave write and what strict readers (libsndfile) accept; the 20-byte fmt and missing pad
 * byte of other writers are exactly what this module exists to avoid.
 */
export const CANONICAL_HEADER_BYTES = 58;
export const OUTPUT_SAMPLE_RATE = 8000;
/** The most samples a RIFF file can hold after this header: its sizes are 32-bit. */
export const MAX_CANONICAL_SAMPLES = 0xffffffff - CANONICAL_HEADER_BYTES;

/** The size of the finished file for a given number of samples, pad byte included. */
export function canonicalFileSize(samples: number): number {
  if (typeof samples !== 'number') throw invalidArgument('samples', 'a number of samples', samples);
  return CANONICAL_HEADER_BYTES + samples + (samples % 2);
}

/** The largest sample count whose finished file fits in `maxBytes`. */
export function maxSamplesForFileSize(maxBytes: number): number {
  if (typeof maxBytes !== 'number') throw invalidArgument('maxBytes', 'a number of bytes', maxBytes);
  const room = Math.max(0, Math.floor(maxBytes) - CANONICAL_HEADER_BYTES);
  // an odd count costs a pad byte, so an odd room can hold only the even count below it
  return room % 2 === 0 ? room : room - 1;
}

export function canonicalHeader(samples: number): Uint8Array {
  if (!Number.isInteger(samples) || samples < 0 || samples > MAX_CANONICAL_SAMPLES) {
    throw new RangeError(`sample count out of range for a RIFF file: ${samples}`);
  }
  const header = new Uint8Array(CANONICAL_HEADER_BYTES);
  const view = new DataView(header.buffer);
  const ascii = (offset: number, text: string) => {
    for (let i = 0; i < 4; i++) header[offset + i] = text.charCodeAt(i);
  };
  ascii(0, 'RIFF');
  view.setUint32(4, canonicalFileSize(samples) - 8, true); // counts the pad byte
  ascii(8, 'WAVE');
  ascii(12, 'fmt ');
  view.setUint32(16, 18, true);
  view.setUint16(20, WAVE_FORMAT_ALAW, true);
  view.setUint16(22, 1, true); // channels
  view.setUint32(24, OUTPUT_SAMPLE_RATE, true);
  view.setUint32(28, OUTPUT_SAMPLE_RATE, true); // bytes per second: one byte per sample
  view.setUint16(32, 1, true); // block align
  view.setUint16(34, 8, true); // bits per sample
  view.setUint16(36, 0, true); // cbSize: no extra format bytes
  ascii(38, 'fact');
  view.setUint32(42, 4, true);
  view.setUint32(46, samples, true);
  ascii(50, 'data');
  view.setUint32(54, samples, true); // does not count the pad byte
  return header;
}

/** The bytes that follow the samples: one zero pad byte after an odd-length data chunk, as RIFF requires. */
export function canonicalTrailer(samples: number): Uint8Array {
  return new Uint8Array(samples % 2);
}
