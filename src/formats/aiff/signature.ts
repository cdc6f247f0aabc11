import { ascii } from '../common/ascii.js';

/** AIFF and AIFF-C: an IFF FORM of type AIFF or AIFC. */
export function recognizesAiff(head: Uint8Array): boolean {
  const form = ascii(head, 8, 4);
  return ascii(head, 0, 4) === 'FORM' && (form === 'AIFF' || form === 'AIFC');
}
