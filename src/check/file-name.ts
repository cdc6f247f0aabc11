import { stringArgument } from '../arguments.js';
import { MAX_NAME_LENGTH, NAME_PATTERN, REQUIRED_EXTENSION } from '../platform-rules.js';

export function isCompliantName(name: string): boolean {
  return nameFault(name) === null;
}

/** What is wrong with a file name under the platform's rules, or null. */
export function nameFault(name: string): string | null {
  stringArgument(name, 'name');
  if (name.length > MAX_NAME_LENGTH) return `the name has ${name.length} characters; the platform takes at most ${MAX_NAME_LENGTH}`;
  if (!NAME_PATTERN.test(name)) {
    const bad = [...new Set([...name].filter((ch) => !NAME_PATTERN.test(ch)))].map(showCharacter).join(' ');
    return `the name contains ${bad}; only digits, letters, '-', '_', '.' and '@' are allowed`;
  }
  if (!name.toLowerCase().endsWith(REQUIRED_EXTENSION)) return `the name does not end in ${REQUIRED_EXTENSION}`;
  return null;
}

function showCharacter(ch: string): string {
  if (ch === ' ') return "' ' (space)";
  const code = ch.codePointAt(0) ?? 0;
  if (code < 0x20 || code === 0x7f) return `U+${code.toString(16).toUpperCase().padStart(4, '0')}`;
  return `'${ch}'`;
}
