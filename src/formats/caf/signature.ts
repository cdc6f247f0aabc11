import { ascii } from '../common/ascii.js';

/** Apple's Core Audio Format. */
export function recognizesCaf(head: Uint8Array): boolean {
  return ascii(head, 0, 4) === 'caff';
}
