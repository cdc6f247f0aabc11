import { confirmedHeader } from './adts-header.js';
import { id3v2TagBytes } from '../common/audio-tags.js';

/** Raw AAC in ADTS frames, behind an ID3v2 tag or not. */
export function recognizesAac(head: Uint8Array): boolean {
  return confirmedHeader(head, id3v2TagBytes(head)) !== null;
}
