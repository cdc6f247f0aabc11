/**
 * The request parameters that carry a playback file's name, from the table "Where the files are used" in
 * shared/SPEC.md (the Huawei Cloud Voice Call API). `playPreVoice` is a flag beside `preVoice`, not a name, and
 * `templateId` names a TTS template, not a file: neither is here.
 */
export interface PlaybackKey {
  /** The parameter as the API spells it. */
  readonly key: string;
  /** The request it belongs to, for messages. */
  readonly api: string;
}

export const PLAYBACK_KEYS: readonly PlaybackKey[] = [
  { key: 'waitVoice', api: 'voice callback (click2Call)' },
  { key: 'preVoice', api: 'voice callback (click2Call)' },
  { key: 'lastMinVoice', api: 'voice callback (click2Call)' },
  { key: 'recordHintTone', api: 'voice callback (click2Call)' },
  { key: 'notifyVoice', api: 'voice notification (callnotify, playInfoList[])' },
  { key: 'preTone', api: 'voice verification code (callVerify)' },
  { key: 'posTone', api: 'voice verification code (callVerify)' },
];

/** A key folded so that every spelling a language gives it meets: waitVoice, WaitVoice, wait_voice, WAIT_VOICE. */
function fold(word: string): string {
  return word.replace(/_/g, '').toLowerCase();
}

const BY_FOLDED: ReadonlyMap<string, string> = new Map(PLAYBACK_KEYS.map(({ key }) => [fold(key), key]));

/**
 * The API key a name in code stands for, or null. A JSON or YAML key, an object property, a variable, a keyword
 * argument or a C# or Go field: `waitVoice`, `wait_voice`, `WaitVoice`. PHP's `$` is not part of the name.
 */
export function keyNamed(word: string): string | null {
  return BY_FOLDED.get(fold(word.startsWith('$') ? word.slice(1) : word)) ?? null;
}

/** The API key a setter or builder method sets, or null: `setWaitVoice`, `set_wait_voice`, `withWaitVoice`. */
export function keySetBy(method: string): string | null {
  const match = /^(?:set|with)(?:_|(?=[A-Z]))(.+)$/.exec(method);
  return match ? keyNamed(match[1]) : null;
}

/**
 * A quick test that a text may name a key at all, in any of those spellings: most source files do not, and are
 * passed over without being read token by token.
 */
export const MAY_NAME_A_KEY = new RegExp(
  PLAYBACK_KEYS.map(({ key }) => key.replace(/([a-z])([A-Z])/g, '$1_?$2')).join('|'),
  'i',
);
