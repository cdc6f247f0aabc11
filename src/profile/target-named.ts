import { stringArgument } from '../arguments.js';
import { VoiceprepError } from '../errors.js';
import type { OutputProfile } from './output-profile.js';
import { TARGETS } from './profiles.js';

const BY_NAME: ReadonlyMap<string, OutputProfile> = new Map(
  TARGETS.flatMap((target) => [target.id, ...(target.aliases ?? [])].map((name) => [name, target] as const)),
);

/** Whether `name` names a target (its id or an alias, in any case). */
export function isTargetName(name: unknown): name is string {
  return typeof name === 'string' && BY_NAME.has(name.trim().toLowerCase());
}

/** The target named `name` (its id or an alias, in any case), or an `invalid-argument` error that lists them all. */
export function targetNamed(name: string): OutputProfile {
  const target = BY_NAME.get(stringArgument(name, 'name').trim().toLowerCase());
  if (target) return target;
  throw new VoiceprepError('invalid-argument', `no target is called ${JSON.stringify(name)}: use one of ${TARGETS.map((t) => t.id).join(', ')} (voiceprep targets lists their rules)`);
}
