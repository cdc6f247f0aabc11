import { pinyin } from 'pinyin-pro';
import { transliterate } from 'transliteration';
import { PINYIN_OPTIONS, compliantNameWith, type Transliterators } from '../../profile/naming.js';
import { PROFILES } from '../../profile/profiles.js';

/** The CLI's transliterators (compliant-name.ts requires the same packages lazily), bundled. */
const BUNDLED: Transliterators = {
  pinyin: (han) => pinyin(han, PINYIN_OPTIONS),
  latin: (text) => transliterate(text),
};

/** Each name made compliant by the CLI's rules for `target`, before any '-2' for collisions (which OutputNamer adds). */
export function compliantNames(names: readonly string[], target?: string): string[] {
  const rules = target === undefined ? undefined : PROFILES.get(target)?.names;
  return names.map((name) => compliantNameWith(name, BUNDLED, rules));
}
