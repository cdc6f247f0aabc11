/** The Ogg container; its reader decodes Vorbis and Opus streams. */
export function recognizesOgg(head: Uint8Array): boolean {
  return head.length >= 4 && String.fromCharCode(...head.subarray(0, 4)) === 'OggS';
}
