/** MP4, M4A, MOV and 3GP: ISO/IEC 14496-12 boxes, 'ftyp' first. */
export function recognizesMp4(head: Uint8Array): boolean {
  return head.length >= 8 && String.fromCharCode(...head.subarray(4, 8)) === 'ftyp';
}
