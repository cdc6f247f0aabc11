import type { AudioFormat } from '../common/audio-format.js';
import { matroskaFormat } from './format.js';
import { recognizesMatroska } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const matroska = {
  ...matroskaFormat,
  recognizes: recognizesMatroska,
  load: async () => (await import('./matroska-reader.js')).matroskaReader,
} as const satisfies AudioFormat;
