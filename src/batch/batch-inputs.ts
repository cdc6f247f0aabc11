import { realpath, stat } from 'node:fs/promises';
import { basename, dirname, join, relative, resolve } from 'node:path';
import type { Problem } from '../check/file-record.js';
import { CONVERTIBLE_EXTENSIONS, REPORTED_AUDIO_EXTENSIONS } from '../formats/file-kinds.js';
import { type FoundInput, discoveryProblems, findInputs } from '../node/find-inputs.js';
import { checkFile } from '../node/check-paths.js';
import { isInside } from '../node/make-folder.js';
import { DEFAULT_PROFILE, encodingOf, type OutputProfile } from '../profile/profile.js';
import { type OutputMode, type PlannedOutput, planOutputs } from './plan-outputs.js';

export interface BatchInputs {
  /** Where each input to convert goes. */
  planned: PlannedOutput[];
  /** The arguments and files that get no conversion, each with the problem that says why. */
  refused: Array<{ path: string; problem: Problem }>;
}

/** What convert searches folders and globs for: what it converts, and the audio it refuses with the fix. */
const SEARCHED_EXTENSIONS = [...CONVERTIBLE_EXTENSIONS, ...REPORTED_AUDIO_EXTENSIONS];

/**
 * Finds a batch's inputs and plans their outputs. An output folder inside a searched folder (`convert . -o out`)
 * is where this run writes: a file a search finds there is never converted, as converting it would nest outputs in
 * outputs run after run. One that is where another input's output goes, and is a playback file, is that input's
 * earlier output, and that input's line covers it; any other gets a line of its own saying it was not converted,
 * never silence, and one at another input's output path is never replaced by that input's output.
 */
export async function findBatchInputs(
  args: readonly string[],
  mode: OutputMode,
  keepNames: boolean,
  cwd: string,
  profile: OutputProfile = DEFAULT_PROFILE,
): Promise<BatchInputs> {
  const discovery = await findInputs(args, { extensions: SEARCHED_EXTENSIONS, reportMacMetadata: true }, cwd);
  const refused = discoveryProblems(discovery, 'audio files');
  // chosen by name alone, so each gets a line: a real recording someone named '._x.wav' must not vanish in silence
  for (const path of discovery.macMetadata) {
    const message = `passed over, not converted: by its name a macOS metadata file (the '._' file a Mac writes beside ${basename(path).slice(2)} when copying it), not audio; if it is a recording, rename it`;
    refused.push({ path, problem: { code: 'not-wav', message } });
  }
  const outputFolder = mode.kind === 'folder' ? resolve(cwd, mode.folder) : null;
  // a folder that does not exist yet holds nothing
  const realOutput = outputFolder && (await realpath(outputFolder).catch(() => null));
  if (mode.kind !== 'folder' || !outputFolder || !realOutput) return { planned: planOutputs(discovery.inputs, mode, keepNames, cwd, profile), refused };

  const realFolders = new Map<string, Promise<string | null>>();
  const realPath = async (path: string) => {
    const folder = dirname(resolve(cwd, path));
    if (!realFolders.has(folder)) realFolders.set(folder, realpath(folder).catch(() => null));
    const real = await realFolders.get(folder);
    return real === null || real === undefined ? null : join(real, basename(path));
  };
  const outside: FoundInput[] = [];
  const inside: Array<{ input: FoundInput; real: string }> = [];
  for (const input of discovery.inputs) {
    const real = input.searched ? await realPath(input.path) : null;
    if (real !== null && isInside(realOutput, real)) inside.push({ input, real });
    else outside.push(input);
  }
  const planned = planOutputs(outside, mode, keepNames, cwd, profile);
  const outputs = new Map(planned.flatMap((plan) => (plan.output ? [[join(realOutput, relative(outputFolder, plan.output)), plan] as const] : [])));
  for (const { input, real } of inside) {
    const plan = outputs.get(real);
    if (plan && (await isPlaybackFile(real, profile))) continue;
    const message = `not converted: it is inside the output folder ${mode.folder}, where this run writes (it may be an earlier run's output); to convert it, give an output folder outside the folders searched`;
    refused.push({ path: input.path, problem: { code: 'inside-output', message } });
    if (plan) {
      // a source file where this input's output would go: never replaced, not even with --force
      plan.problem = {
        code: 'exists',
        message: `not converted: its output path is ${input.path}, a file found inside the output folder that is not a playback file (so not an earlier output of it): never replaced, even with --force`,
      };
    }
  }
  return { planned, refused };
}

/**
 * Whether the file at `path` is a playback file by its header (the profile's encoding, rate and channels), as an
 * earlier run's output is: only then is a file found at an input's output path taken for that input's output.
 */
async function isPlaybackFile(path: string, profile: OutputProfile): Promise<boolean> {
  const { format } = await checkFile(path).catch(() => ({ format: null }));
  const encoding = encodingOf(profile);
  return (
    format !== null &&
    format.container === 'RIFF' &&
    format.formatTag === encoding.waveTag &&
    format.bitsPerSample === encoding.bitsPerSample &&
    format.sampleRate === profile.sampleRate &&
    format.channels === profile.channels
  );
}

/**
 * The first argument that is the output folder itself (`convert lib -o lib`), or null. Converting a folder into
 * itself writes each output beside its input, onto it when the input is already a WAV, and the next run searches
 * its own outputs: a mistake for --in-place or another folder, refused before anything is read.
 */
export async function searchedOutputFolder(args: readonly string[], folder: string, cwd = process.cwd()): Promise<string | null> {
  const output = await realpath(resolve(cwd, folder)).catch(() => null);
  if (output === null) return null;
  for (const arg of args) {
    const stats = await stat(resolve(cwd, arg)).catch(() => null);
    if (stats?.isDirectory() && (await realpath(resolve(cwd, arg)).catch(() => null)) === output) return arg;
  }
  return null;
}
