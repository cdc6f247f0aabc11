import type { AudioFormat } from '../common/audio-format.js';
import { voxFormat } from './format.js';
import { recognizesVox } from './signature.js';

/** Its reader is imported the first time a file of it is opened. */
export const vox = {
  ...voxFormat,
  recognizes: recognizesVox,
  load: async () => (await import('./vox-reader.js')).voxReader,
} as const satisfies AudioFormat;
