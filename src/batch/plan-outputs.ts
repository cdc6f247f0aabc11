import { basename, dirname, isAbsolute, join, normalize, resolve, sep } from 'node:path';
import type { Problem } from '../check/file-record.js';
import { isCompliantName, nameFault } from '../check/file-name.js';
import { NameAllocator } from '../profile/naming.js';
import { DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';
import { compliantName } from './compliant-name.js';
import { claimOrder, withWavExtension } from '../profile/naming.js';
import type { FoundInput } from '../node/find-inputs.js';

export type OutputMode = { kind: 'folder'; folder: string } | { kind: 'in-place' };

export interface PlannedOutput {
  input: FoundInput;
  /** Absolute path of the file to write; null when the input cannot get one (see `problem`). */
  output: string | null;
  /** The name changed to comply with the platform's rules. */
  renamed: boolean;
  problem: Problem | null;
}

/**
 * Decides where every input goes before anything is written: mirrored below the output folder (or beside the
 * input, in place), renamed to the profile's rules (an MP3's `.mp3` becomes `.wav`), made distinct ('-2', '-3'),
 * and never outside the output folder nor onto another input.
 */
export function planOutputs(
  inputs: readonly FoundInput[],
  mode: OutputMode,
  keepNames: boolean,
  cwd: string,
  profile: OutputProfile = DEFAULT_PROFILE,
): PlannedOutput[] {
  const rules = profile.names;
  const allocators = new Map<string, NameAllocator>();
  const allocatorFor = (folder: string) => {
    let allocator = allocators.get(folder);
    if (!allocator) allocators.set(folder, (allocator = new NameAllocator(rules)));
    return allocator;
  };
  const inputPaths = new Set(inputs.map((input) => resolve(cwd, input.path)));
  const wishes = inputs.map((input) => {
    const original = basename(input.path);
    const wanted = withWavExtension(original, rules);
    const folder = mode.kind === 'in-place' ? dirname(resolve(cwd, input.path)) : join(resolve(cwd, mode.folder), mirroredFolder(input.relativePath));
    return { input, original, wanted, folder, name: keepNames ? wanted : compliantName(wanted, rules) };
  });
  const plans = new Map<FoundInput, PlannedOutput>();
  for (const wish of [...wishes].sort((a, b) => claimOrder(a.original, a.name) - claimOrder(b.original, b.name))) {
    const allocator = allocatorFor(wish.folder);
    const name = keepNames ? (allocator.claimExactly(wish.name) ? wish.name : null) : allocator.claim(wish.name);
    plans.set(wish.input, plan(wish, name));
  }
  return inputs.map((input) => plans.get(input) as PlannedOutput);

  function plan(wish: (typeof wishes)[number], name: string | null): PlannedOutput {
    const { input, original, wanted } = wish;
    if (keepNames && !isCompliantName(wanted, rules)) {
      return { input, output: null, renamed: false, problem: { code: 'name', message: `${nameFault(wanted, rules, profile.platform)} (--keep-names refuses to rename)` } };
    }
    if (name === null) {
      const message = `another input's output is named ${wanted} too, in ${wish.folder} (--keep-names refuses to rename)`;
      return { input, output: null, renamed: false, problem: { code: 'exists', message } };
    }
    const output = join(wish.folder, name);
    if (mode.kind === 'folder' && inputPaths.has(output)) {
      return {
        input,
        output: null,
        renamed: false,
        problem: { code: 'exists', message: `its output would overwrite the input ${output}: use --in-place, or another output folder` },
      };
    }
    return { input, output, renamed: name !== original, problem: null };
  }
}


/** The input's folder below its search base, kept only if it stays below it: '..' or absolute parts are dropped. */
function mirroredFolder(relativePath: string): string {
  const folder = dirname(normalize(relativePath));
  if (folder === '.' || isAbsolute(folder) || folder === '..' || folder.startsWith(`..${sep}`)) return '';
  return folder;
}
