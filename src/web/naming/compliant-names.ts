import { pinyin } from 'pinyin-pro';
import { transliterate } from 'transliteration';
import { PINYIN_OPTIONS, compliantNameWith, type Transliterators } from '../../profile/naming.js';

/** The CLI's transliterators (compliant-name.ts requires the same packages lazily), bundled. */
const BUNDLED: Transliterators = {
  pinyin: (han) => pinyin(han, PINYIN_OPTIONS),
  latin: (text) => transliterate(text),
};

/** Each name made compliant by the CLI's rules, before any '-2' for collisions (which OutputNamer adds). */
export function compliantNames(names: readonly string[]): string[] {
  return names.map((name) => compliantNameWith(name, BUNDLED));
}
