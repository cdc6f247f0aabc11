import { id3v2TagBytes } from '../common/audio-tags.js';

/** Native FLAC (not FLAC in Ogg), behind an ID3v2 tag or not. */
export function recognizesFlac(head: Uint8Array): boolean {
  const at = id3v2TagBytes(head);
  return String.fromCharCode(...head.subarray(at, at + 4)) === 'fLaC';
}
