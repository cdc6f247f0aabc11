/** What a platform accepts as a playback file's name. */
export interface NameRules {
  /** One character a name may hold. */
  readonly character: RegExp;
  /** The characters allowed, in words, for messages: "digits, letters, '-', '_', '.' and '@'". */
  readonly characterWords: string;
  /** Longest name, extension included. */
  readonly maxLength: number;
  /** The extension every name ends in, lower case: '.wav'. */
  readonly extension: string;
}

/** Whether every character of `name` is one the rules allow (an empty name is not). */
export function allowedCharacters(rules: NameRules, name: string): boolean {
  if (name === '') return false;
  for (const ch of name) if (!rules.character.test(ch)) return false;
  return true;
}
