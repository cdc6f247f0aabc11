import { ascii } from '../common/ascii.js';

/** Sun/NeXT AU. */
export function recognizesAu(head: Uint8Array): boolean {
  return ascii(head, 0, 4) === '.snd';
}
