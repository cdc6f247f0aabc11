import type { AudioFormat } from '../common/audio-format.js';
import { oggFormat } from './format.js';
import { recognizesOgg } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const ogg = {
  ...oggFormat,
  recognizes: recognizesOgg,
  load: async () => (await import('./ogg-reader.js')).oggReader,
} as const satisfies AudioFormat;
