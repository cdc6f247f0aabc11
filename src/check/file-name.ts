import { stringArgument } from '../arguments.js';
import { allowedCharacters, type NameRules } from '../profile/name-rules.js';
import { DEFAULT_PROFILE } from '../profile/profile.js';

export function isCompliantName(name: string, rules: NameRules = DEFAULT_PROFILE.names): boolean {
  return nameFault(name, rules) === null;
}

/**
 * What is wrong with a file name under a platform's rules, or null. `platform` names who refuses it in the message
 * ("Genesys Cloud takes at most 200"), so that a name right for one target and wrong for another says which.
 */
export function nameFault(name: string, rules: NameRules = DEFAULT_PROFILE.names, platform = 'the platform'): string | null {
  stringArgument(name, 'name');
  const exact = rules.extensionCase === 'exact';
  const endsInExtension = name.toLowerCase().endsWith(rules.extension);
  const stem = endsInExtension ? name.slice(0, name.length - rules.extension.length) : name;
  const counted = rules.lengthOf === 'stem' ? stem : name;
  if (counted.length > rules.maxLength) {
    const what = rules.lengthOf === 'stem' ? `the name before ${rules.extension}` : 'the name';
    return `${what} has ${counted.length} characters; ${platform} takes at most ${rules.maxLength}`;
  }
  if (!allowedCharacters(rules, stem)) {
    const bad = [...new Set([...stem].filter((ch) => !rules.character.test(ch)))].map(showCharacter).join(' ');
    return bad === '' ? `the name is empty before ${rules.extension}` : `the name contains ${bad}; only ${rules.characterWords} are allowed`;
  }
  if (rules.first && !rules.first.character.test(stem[0])) return `the name starts with ${showCharacter(stem[0])}; ${platform} wants it to start with ${rules.first.words}`;
  if (!endsInExtension) return `the name does not end in ${rules.extension}`;
  if (exact && !name.endsWith(rules.extension)) {
    return `the name ends in ${name.slice(-rules.extension.length)}, not ${rules.extension} in lower case, which ${platform} needs`;
  }
  return null;
}

function showCharacter(ch: string): string {
  if (ch === ' ') return "' ' (space)";
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}
