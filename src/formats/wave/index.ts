import type { AudioFormat } from '../common/audio-format.js';
import { waveFormat } from './format.js';
import { recognizesWave } from './signature.js';

/** Its reader is imported the first time a file of it is opened. */
export const wave = {
  ...waveFormat,
  recognizes: recognizesWave,
  load: async () => (await import('./wave-reader.js')).waveReader,
} as const satisfies AudioFormat;
