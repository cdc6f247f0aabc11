import { HUAWEI_VOICECALL, type OutputProfile } from './profile.js';

/** Every output profile by its id: the one list a new target is added to. */
export const PROFILES: ReadonlyMap<string, OutputProfile> = new Map([[HUAWEI_VOICECALL.id, HUAWEI_VOICECALL]]);
