import type { AudioFormat } from '../common/audio-format.js';
import { mp3Format } from './format.js';
import { recognizesMp3 } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const mp3 = {
  ...mp3Format,
  recognizes: recognizesMp3,
  load: async () => (await import('./mp3-reader.js')).mp3Reader,
} as const satisfies AudioFormat;
