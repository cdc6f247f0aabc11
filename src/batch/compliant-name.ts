import { createRequire } from 'node:module';
import type { NameRules } from '../profile/name-rules.js';
import { PINYIN_OPTIONS, type Transliterators, compliantNameWith } from '../profile/naming.js';

const NON_ASCII = /[^\x00-\x7f]/;

// The transliteration tables take ~100 ms to load; most names are ASCII and never need them, so Node loads them
// on first use. (The page bundles them instead: see src/web.)
const require = createRequire(import.meta.url);
const lazyTransliterators: Transliterators = {
  pinyin: (han) => (require('pinyin-pro') as typeof import('pinyin-pro')).pinyin(han, PINYIN_OPTIONS),
  latin: (text) =>
    NON_ASCII.test(text) ? (require('transliteration') as typeof import('transliteration')).transliterate(text) : text,
};

/** The CLI's names: `compliantNameWith` (src/profile/naming.ts) with the transliterators loaded on first use. */
export function compliantName(original: string, rules?: NameRules): string {
  return compliantNameWith(original, lazyTransliterators, rules);
}
