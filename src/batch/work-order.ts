import { stat } from 'node:fs/promises';
import { resolve } from 'node:path';
import { FORMAT_OF_EXTENSION, extensionOf } from '../formats/file-kinds.js';
import type { PlannedOutput } from './plan-outputs.js';

/**
 * Work per byte of input, relative to 16-bit PCM: a compressed second costs its decoding on top of the mixing and
 * resampling every second costs, in far fewer bytes. Measured with `convert -j 1` (CPU time per byte, Node 20,
 * the bench's prompt library and a 46 s prompt encoded by ffmpeg): 128 kbps MP3 about 40x a WAV byte (90x before
 * voiceprep decoded layer III itself, for an 8 kHz output's band), FLAC 20x,
 * Vorbis (-q 4) 320x, Opus (32 kbps) 1400x. Containers of PCM and ADPCM cost 1; a format not listed is taken to cost
 * what MP3 does. Only the order depends on these, so they need only be roughly right.
 */
const WORK_PER_BYTE: Readonly<Record<string, number>> = { '.flac': 20, '.ogg': 320, '.oga': 320, '.opus': 1400 };
const PCM_FORMATS = new Set(['WAV', 'AIFF', 'AU', 'CAF', 'VOX']);
const COMPRESSED_WORK_PER_BYTE = 40;

/** What converting `bytes` of a file named `name` costs, in PCM bytes' worth: the unit only compares files. */
export function estimatedWork(name: string, bytes: number): number {
  const extension = extensionOf(name);
  const perByte = WORK_PER_BYTE[extension] ?? (PCM_FORMATS.has(FORMAT_OF_EXTENSION[extension]) ? 1 : COMPRESSED_WORK_PER_BYTE);
  return bytes * perByte;
}

/**
 * The order in which to convert a batch's planned files: the most work first, so that the last file to start is a
 * short one and no core sits idle at the end while another finishes a long file (a 55 s file started last on one
 * of two cores costs as much wall time as all the short ones before it). Ties, inputs that will not be converted,
 * and files that cannot be measured (a stat that fails: the conversion reports why) keep the planned order.
 */
export async function mostWorkFirst(planned: readonly PlannedOutput[], cwd: string): Promise<number[]> {
  const work = await Promise.all(
    planned.map(async (plan) => {
      if (plan.problem || !plan.output) return 0;
      const size = await stat(resolve(cwd, plan.input.path)).then(
        (stats) => stats.size,
        () => 0,
      );
      return estimatedWork(plan.input.path, size);
    }),
  );
  return planned.map((_, index) => index).sort((a, b) => work[b] - work[a] || a - b);
}
