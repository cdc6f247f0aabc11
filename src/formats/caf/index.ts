import type { AudioFormat } from '../common/audio-format.js';
import { cafFormat } from './format.js';
import { recognizesCaf } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const caf = {
  ...cafFormat,
  recognizes: recognizesCaf,
  load: async () => (await import('./caf-reader.js')).cafReader,
} as const satisfies AudioFormat;
