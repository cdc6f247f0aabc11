import { confirmedHeader } from './adts-header.js';
import { id3v2TagBytes } from '../common/audio-tags.js';

/** The signatures of the four formats of this folder, recognized and described but not decoded. */

/** MP4, M4A, MOV and 3GP: ISO/IEC 14496-12 boxes, 'ftyp' first. */
export function recognizesMp4(head: Uint8Array): boolean {
  return head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === 'ftyp';
}

/** Raw AAC in ADTS frames, behind an ID3v2 tag or not. */
export function recognizesAac(head: Uint8Array): boolean {
  return confirmedHeader(head, id3v2TagBytes(head)) !== null;
}

/** The RFC 4867 storage formats of AMR and AMR-WB: a magic line, then frames of 20 ms. */
export const AMR_VARIANTS = [
  { magic: '#!AMR-WB\n', encoding: 'AMR-WB', sampleRate: 16000, frameBytes: [17, 23, 32, 36, 40, 46, 50, 58, 60, 5] },
  { magic: '#!AMR\n', encoding: 'AMR', sampleRate: 8000, frameBytes: [12, 13, 15, 17, 19, 20, 26, 31, 5] },
];

export function amrVariantOf(head: Uint8Array) {
  return AMR_VARIANTS.find(({ magic }) => String.fromCharCode(...head.subarray(0, magic.length)) === magic);
}

export function recognizesAmr(head: Uint8Array): boolean {
  return amrVariantOf(head) !== undefined;
}

const EBML_MAGIC = [0x1a, 0x45, 0xdf, 0xa3];

/** Matroska and WebM: an EBML header. */
export function recognizesMatroska(head: Uint8Array): boolean {
  return EBML_MAGIC.every((byte, i) => head[i] === byte);
}
