import { startsAdtsFrame } from '../common/adts-sync.js';
import { id3v2TagBytes } from '../common/audio-tags.js';
import { holdsMpegStream } from '../common/mpeg-frame.js';
import { HEAD_BYTES } from '../common/sniff.js';

/** MPEG-1, 2 and 2.5 audio, layers I, II and III. */
export function recognizesMp3(head: Uint8Array): boolean {
  const tagBytes = id3v2TagBytes(head);
  if (tagBytes === 0) return holdsMpegStream(head, head.length < HEAD_BYTES);
  // ID3v2 is MP3's own tag. When it is longer than the head (cover art) what follows cannot be seen, and is
  // taken to be MP3; when it can be seen and is another format's signature, that format's reader takes it.
  return !startsAnotherFormat(head.subarray(tagBytes));
}

/** FLAC and AAC files sometimes carry an ID3v2 tag too; their own readers take them. */
function startsAnotherFormat(afterTag: Uint8Array): boolean {
  if (afterTag.length < 4) return false;
  if (String.fromCharCode(...afterTag.subarray(0, 4)) === 'fLaC') return true;
  return startsAdtsFrame(afterTag, 0);
}
