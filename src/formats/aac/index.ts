import type { AudioFormat } from '../common/audio-format.js';
import { aacFormat } from './format.js';
import { recognizesAac } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const aac = {
  ...aacFormat,
  recognizes: recognizesAac,
  load: async () => (await import('./aac-reader.js')).aacReader,
} as const satisfies AudioFormat;
