import { invalidArgument } from '../arguments.js';
import { encodingOf, DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';

/**
 * The one layout voiceprep writes (SPEC.md, "The layout voiceprep writes"), for any output profile: RIFF/WAVE with a
 * `fmt ` chunk (18 bytes with a `fact` chunk for G.711, as the encoding says), then `data`, then one pad byte when the
 * data's length is odd. For Huawei's A-law that is the 58-byte header sox and GoldWave write and strict readers
 * (libsndfile) accept; the 20-byte fmt and missing pad byte of other writers are what this module exists to avoid.
 */
export interface WaveLayout {
  readonly headerBytes: number;
  readonly bytesPerSample: number;
  /** The most samples a RIFF file can hold after this header: its sizes are 32-bit. */
  readonly maxSamples: number;
  /** The size of the finished file for a given number of samples, pad byte included. */
  fileSize(samples: number): number;
  /** The largest sample count whose finished file fits in `maxBytes`. */
  maxSamplesForFileSize(maxBytes: number): number;
  header(samples: number): Uint8Array;
  /** The bytes that follow the samples: one zero pad byte after an odd-length data chunk, as RIFF requires. */
  trailer(samples: number): Uint8Array;
}

// weak: a profile that crossed to a worker thread is a copy, made once per job
const layouts = new WeakMap<OutputProfile, WaveLayout>();

export function canonicalLayout(profile: OutputProfile = DEFAULT_PROFILE): WaveLayout {
  let layout = layouts.get(profile);
  if (!layout) {
    layout = layoutOf(profile);
    layouts.set(profile, layout);
  }
  return layout;
}

function layoutOf(profile: OutputProfile): WaveLayout {
  const encoding = encodingOf(profile);
  const { bytesPerSample } = encoding;
  const factBytes = encoding.fact ? 12 : 0;
  const headerBytes = 12 + 8 + encoding.fmtBytes + factBytes + 8;
  const dataBytes = (samples: number) => samples * bytesPerSample;
  const fileSize = (samples: number) => headerBytes + dataBytes(samples) + (dataBytes(samples) % 2);
  const maxSamples = Math.floor((0xffffffff - headerBytes) / bytesPerSample);
  return {
    headerBytes,
    bytesPerSample,
    maxSamples,
    fileSize,
    maxSamplesForFileSize(maxBytes: number): number {
      const room = Math.max(0, Math.floor(maxBytes) - headerBytes);
      const samples = Math.floor(room / bytesPerSample);
      // an odd length of data costs a pad byte, so an odd room can hold only the count below it
      return fileSize(samples) <= Math.floor(maxBytes) ? samples : Math.max(0, samples - 1);
    },
    header(samples: number): Uint8Array {
      if (!Number.isInteger(samples) || samples < 0 || samples > maxSamples) {
        throw new RangeError(`sample count out of range for a RIFF file: ${samples}`);
      }
      const header = new Uint8Array(headerBytes);
      const view = new DataView(header.buffer);
      const ascii = (offset: number, text: string) => {
        for (let i = 0; i < 4; i++) header[offset + i] = text.charCodeAt(i);
      };
      const blockAlign = bytesPerSample * profile.channels;
      ascii(0, 'RIFF');
      view.setUint32(4, fileSize(samples) - 8, true); // counts the pad byte
      ascii(8, 'WAVE');
      ascii(12, 'fmt ');
      view.setUint32(16, encoding.fmtBytes, true);
      view.setUint16(20, encoding.waveTag, true);
      view.setUint16(22, profile.channels, true);
      view.setUint32(24, profile.sampleRate, true);
      view.setUint32(28, profile.sampleRate * blockAlign, true); // bytes per second
      view.setUint16(32, blockAlign, true);
      view.setUint16(34, encoding.bitsPerSample, true);
      let at = 36;
      if (encoding.fmtBytes === 18) {
        view.setUint16(at, 0, true); // cbSize: no extra format bytes
        at += 2;
      }
      if (encoding.fact) {
        ascii(at, 'fact');
        view.setUint32(at + 4, 4, true);
        view.setUint32(at + 8, samples, true);
        at += 12;
      }
      ascii(at, 'data');
      view.setUint32(at + 4, dataBytes(samples), true); // does not count the pad byte
      return header;
    },
    trailer: (samples: number) => new Uint8Array(dataBytes(samples) % 2),
  };
}

// The default profile's layout under the names the library has always exported (voiceprep/core).
const DEFAULT_LAYOUT = canonicalLayout(DEFAULT_PROFILE);
export const CANONICAL_HEADER_BYTES = DEFAULT_LAYOUT.headerBytes;
export const OUTPUT_SAMPLE_RATE = DEFAULT_PROFILE.sampleRate;

/** The size of the finished file for a given number of samples, pad byte included. */
export function canonicalFileSize(samples: number): number {
  if (typeof samples !== 'number') throw invalidArgument('samples', 'a number of samples', samples);
  return DEFAULT_LAYOUT.fileSize(samples);
}

/** The largest sample count whose finished file fits in `maxBytes`. */
export function maxSamplesForFileSize(maxBytes: number): number {
  if (typeof maxBytes !== 'number') throw invalidArgument('maxBytes', 'a number of bytes', maxBytes);
  return DEFAULT_LAYOUT.maxSamplesForFileSize(maxBytes);
}

export const canonicalHeader = DEFAULT_LAYOUT.header;
export const canonicalTrailer = DEFAULT_LAYOUT.trailer;
