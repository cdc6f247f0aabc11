import type { AudioFormat } from '../common/audio-format.js';
import { flacFormat } from './format.js';
import { recognizesFlac } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const flac = {
  ...flacFormat,
  recognizes: recognizesFlac,
  load: async () => (await import('./flac-reader.js')).flacReader,
} as const satisfies AudioFormat;
