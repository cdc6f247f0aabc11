import { stringArgument } from '../arguments.js';
import { allowedCharacters, type NameRules } from '../profile/name-rules.js';
import { DEFAULT_PROFILE } from '../profile/profile.js';

export function isCompliantName(name: string, rules: NameRules = DEFAULT_PROFILE.names): boolean {
  return nameFault(name, rules) === null;
}

/** What is wrong with a file name under a platform's rules, or null. */
export function nameFault(name: string, rules: NameRules = DEFAULT_PROFILE.names): string | null {
  stringArgument(name, 'name');
  if (name.length > rules.maxLength) return `the name has ${name.length} characters; the platform takes at most ${rules.maxLength}`;
  if (!allowedCharacters(rules, name)) {
    const bad = [...new Set([...name].filter((ch) => !rules.character.test(ch)))].map(showCharacter).join(' ');
    return `the name contains ${bad}; only ${rules.characterWords} are allowed`;
  }
  if (!name.toLowerCase().endsWith(rules.extension)) return `the name does not end in ${rules.extension}`;
  return null;
}

function showCharacter(ch: string): string {
  if (ch === ' ') return "' ' (space)";
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}
