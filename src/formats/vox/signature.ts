import type { OpenOptions } from '../../source/audio-source.js';

/**
 * Dialogic VOX has no header at all: any bytes are valid VOX, so the name decides; but a WAVE file renamed to .vox
 * (some IVRs save their WAV prompts that way) is left to the WAVE reader, whatever order the readers are asked in.
 * An empty file is not taken either: it is refused as "the file is empty", like an empty .wav or .mp3, not made an
 * empty prompt.
 */
export function recognizesVox(head: Uint8Array, options: OpenOptions): boolean {
  return head.length > 0 && /\.vox$/i.test(options.name ?? '') && !looksLikeWave(head);
}

function looksLikeWave(head: Uint8Array): boolean {
  const text = String.fromCharCode(...head.subarray(0, 12));
  return /^(RIFF|RIFX|RF64|BW64)....WAVE$/s.test(text);
}
