/** What a platform accepts as a playback file's name. */
export interface NameRules {
  /** One character the name before its extension may hold. */
  readonly character: RegExp;
  /** The characters allowed, in words, for messages: "digits, letters, '-', '_', '.' and '@'". */
  readonly characterWords: string;
  /** Longest name: with its extension (`lengthOf` 'name', the default), or without it ('stem'). */
  readonly maxLength: number;
  readonly lengthOf?: 'name' | 'stem';
  /** What the first character must be, when the platform says (Genesys: a letter), with its words. */
  readonly first?: { readonly character: RegExp; readonly words: string };
  /** The extension every name ends in, lower case: '.wav'. */
  readonly extension: string;
  /** The extension's case matters (Asterisk plays '.WAV' as GSM, not as the WAV it is). */
  readonly extensionCase?: 'exact';
}

/** Whether every character of `name` is one the rules allow (an empty name is not). */
export function allowedCharacters(rules: NameRules, name: string): boolean {
  if (name === '') return false;
  for (const ch of name) if (!rules.character.test(ch)) return false;
  return true;
}

/** The room the name before the extension has. */
export function stemRoom(rules: NameRules): number {
  return rules.lengthOf === 'stem' ? rules.maxLength : rules.maxLength - rules.extension.length;
}

/** Names voiceprep keeps to where a platform documents no rule of its own: safe in a URL, a shell and any file system. */
export const PORTABLE_NAMES: NameRules = {
  character: /[0-9A-Za-z._-]/,
  characterWords: "digits, letters, '-', '_' and '.' (voiceprep's portable choice: the platform documents no rule)",
  maxLength: 255,
  extension: '.wav',
};
