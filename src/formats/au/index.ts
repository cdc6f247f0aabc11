import type { AudioFormat } from '../common/audio-format.js';
import { auFormat } from './format.js';
import { recognizesAu } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const au = {
  ...auFormat,
  recognizes: recognizesAu,
  load: async () => (await import('./au-reader.js')).auReader,
} as const satisfies AudioFormat;
