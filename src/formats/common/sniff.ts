import { startsAdtsFrame } from './adts-sync.js';
import { holdsMpegStream, parseMpegHeader } from './mpeg-frame.js';

/** How much of a file's start the readers judge it by: every signature, and two MPEG frames, fit. */
export const HEAD_BYTES = 4096;

/**
 * Says what a file that is not a WAVE file probably is, from its first bytes, so that "not a WAV file" can read
 * "an MP3 file renamed to .wav", which tells the user what to do about it.
 */
export function identifyNonWave(start: Uint8Array, fileSize: number): string {
  if (fileSize === 0) return 'the file is empty, not a WAV file';
  const text = String.fromCharCode(...start.subarray(0, 4));
  if (startsAdtsFrame(start, 0)) return 'an AAC file, not a WAV file';
  if (text.startsWith('ID3')) return 'an MP3 file, not a WAV file';
  const mpeg = parseMpegHeader(start, 0);
  if (mpeg) return describeMpegStart(start, fileSize, mpeg.frameBytes);
  if (text === 'RIFF' || text === 'RF64' || text === 'BW64') {
    if (start.length < 12) return `a ${text} file cut off after ${fileSize} bytes, before its form type`;
    return `a RIFF file of type '${printable(String.fromCharCode(...start.subarray(8, 12)))}', not WAVE`;
  }
  if (String.fromCharCode(...start.subarray(4, 8)) === 'ftyp') return 'an MP4/M4A file, not a WAV file';
  const signature = SIGNATURES.find(([magic]) => text.startsWith(magic));
  if (signature) return `${signature[1]}, not a WAV file`;
  // said by convert too, which reads more than WAV: the words name no format
  if (start.length < 12) return `only ${fileSize} byte${fileSize === 1 ? '' : 's'}: too short to be an audio file`;
  if (start.every((b) => b === 0x09 || b === 0x0a || b === 0x0d || (b >= 0x20 && b < 0x7f) || b >= 0x80)) {
    return 'a text file, not a WAV file';
  }
  return `not a WAV file (it starts with ${[...start.subarray(0, 4)].map((b) => b.toString(16).padStart(2, '0')).join(' ')})`;
}

/**
 * A file that starts with an MPEG audio frame header is MP3 only when the stream goes on (see holdsMpegStream);
 * otherwise "an MP3 file" is no help (MP3 is converted), and what is wrong with it is said instead.
 */
function describeMpegStart(start: Uint8Array, fileSize: number, frameBytes: number): string {
  if (holdsMpegStream(start, start.length >= fileSize)) return 'an MP3 file, not a WAV file';
  if (fileSize < frameBytes) {
    return `an MP3 file cut off inside its first frame (${fileSize} of its ${frameBytes} bytes): too short to hold any audio`;
  }
  return 'it starts like an MP3 file, but what follows its first frame is not MPEG audio: a damaged MP3 file, or not audio at all';
}

const SIGNATURES: ReadonlyArray<readonly [string, string]> = [
  ['fLaC', 'a FLAC file'],
  ['OggS', 'an Ogg file'],
  ['FORM', 'an IFF (FORM) file of a kind other than AIFF'],
  ['.snd', 'an AU file'],
  ['#!AM', 'an AMR file'],
  ['caff', 'a CAF file'],
  ['PK\x03\x04', 'a ZIP archive'],
  ['%PDF', 'a PDF document'],
  ['\x1aE\xdf\xa3', 'a Matroska/WebM file'],
];

/** Chunk ids and magic numbers are bytes, not text: shown with '?' for what a terminal should not print. */
export function printable(text: string): string {
  return text.replace(/[^\x20-\x7e]/g, '?');
}
