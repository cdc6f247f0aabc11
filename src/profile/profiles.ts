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

/**
 * Every target voiceprep writes for, in the order `voiceprep targets` lists them: the one list a new target joins.
 * Plain data, so that the page's own bundle can list them (finding one by name, with its error, is target-named.ts).
 */
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
