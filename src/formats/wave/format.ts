import type { FormatFacts } from '../common/format-facts.js';

/** WAVE in a RIFF, RF64, BW64 or RIFX (big-endian) container. */
export const waveFormat = {
  name: 'WAV',
  extensions: ['.wav', '.wave'],
  listed: 1,
} as const satisfies FormatFacts;
