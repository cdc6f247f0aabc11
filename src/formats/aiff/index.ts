import type { AudioFormat } from '../common/audio-format.js';
import { aiffFormat } from './format.js';
import { recognizesAiff } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const aiff = {
  ...aiffFormat,
  recognizes: recognizesAiff,
  load: async () => (await import('./aiff-reader.js')).aiffReader,
} as const satisfies AudioFormat;
