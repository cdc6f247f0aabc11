import { stringArgument } from '../arguments.js';
import { VoiceprepError } from '../errors.js';
import type { OutputProfile } from './output-profile.js';
import { ALIYUN } from './targets/aliyun.js';
import { AMAZON_CONNECT } from './targets/amazon-connect.js';
import { ASTERISK } from './targets/asterisk.js';
import { AVAYA } from './targets/avaya.js';
import { BANDWIDTH } from './targets/bandwidth.js';
import { CISCO } from './targets/cisco.js';
import { FREESWITCH } from './targets/freeswitch.js';
import { GENESYS } from './targets/genesys.js';
import { HUAWEI_CEC } from './targets/huawei-cec.js';
import { HUAWEI_VOICECALL } from './targets/huawei-voicecall.js';
import { TEAMS } from './targets/teams.js';
import { TWILIO } from './targets/twilio.js';
import { VONAGE } from './targets/vonage.js';

/** Every target voiceprep writes for, in the order `voiceprep targets` lists them: the one list a new target joins. */
export const TARGETS: readonly OutputProfile[] = [
  HUAWEI_VOICECALL,
  HUAWEI_CEC,
  AMAZON_CONNECT,
  TWILIO,
  ASTERISK,
  FREESWITCH,
  CISCO,
  AVAYA,
  TEAMS,
  GENESYS,
  ALIYUN,
  VONAGE,
  BANDWIDTH,
];

/** Every output profile by its id. */
export const PROFILES: ReadonlyMap<string, OutputProfile> = new Map(TARGETS.map((target) => [target.id, target]));

const BY_NAME: ReadonlyMap<string, OutputProfile> = new Map(
  TARGETS.flatMap((target) => [target.id, ...(target.aliases ?? [])].map((name) => [name, target] as const)),
);

/** The target named `name` (its id or an alias, in any case), or an `invalid-argument` error that lists them all. */
export function targetNamed(name: string): OutputProfile {
  const target = BY_NAME.get(stringArgument(name, 'name').trim().toLowerCase());
  if (target) return target;
  throw new VoiceprepError('invalid-argument', `no target is called ${JSON.stringify(name)}: use one of ${TARGETS.map((t) => t.id).join(', ')} (voiceprep targets lists their rules)`);
}
