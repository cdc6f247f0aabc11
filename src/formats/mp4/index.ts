import type { AudioFormat } from '../common/audio-format.js';
import { mp4Format } from './format.js';
import { recognizesMp4 } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const mp4 = {
  ...mp4Format,
  recognizes: recognizesMp4,
  load: async () => (await import('./mp4-reader.js')).mp4Reader,
} as const satisfies AudioFormat;
