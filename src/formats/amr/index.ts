import type { AudioFormat } from '../common/audio-format.js';
import { amrFormat } from './format.js';
import { recognizesAmr } from './signature.js';

/** Its reader is imported (and its decoder loaded) the first time a file of it is opened. */
export const amr = {
  ...amrFormat,
  recognizes: recognizesAmr,
  load: async () => (await import('./amr-reader.js')).amrReader,
} as const satisfies AudioFormat;
