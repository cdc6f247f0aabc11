import { allowedCharacters, type NameRules, stemRoom } from './name-rules.js';
import { DEFAULT_PROFILE } from './profile.js';
import { CONVERTIBLE_EXTENSIONS, REPORTED_AUDIO_EXTENSIONS, extensionOf } from '../formats/file-kinds.js';

/**
 * The naming rules for playback files, with no Node-only module, so that the CLI and the page (src/web) name files
 * alike. The transliterators are passed in: the CLI loads them lazily to start fast (compliant-name.ts), the page
 * bundles them.
 */
export interface Transliterators {
  /** Chinese characters to toneless pinyin with no separator ('欢迎' -> 'huanying'). */
  pinyin(han: string): string;
  /** Any other script to Latin letters ('Привет' -> 'Privet'). */
  latin(text: string): string;
}

/** pinyin-pro's options for `Transliterators.pinyin`, so that both bindings spell Chinese the same way. */
export const PINYIN_OPTIONS = { toneType: 'none', separator: '' } as const;

const HAN = /\p{Script=Han}+/gu;
const FALLBACK_STEM = 'prompt';

const AUDIO_EXTENSIONS = new Set([...CONVERTIBLE_EXTENSIONS, ...REPORTED_AUDIO_EXTENSIONS]);

/** `prompt.mp3` is written as `prompt.wav`: an audio extension gives way to `.wav`; any other name keeps its own. */
export function withWavExtension(name: string, rules: NameRules = DEFAULT_PROFILE.names): string {
  const extension = extensionOf(name);
  return AUDIO_EXTENSIONS.has(extension) && extension !== rules.extension ? `${name.slice(0, -extension.length)}${rules.extension}` : name;
}

/**
 * Makes a file name the platform accepts: an audio extension becomes '.wav' (a name without one gets it added),
 * Chinese becomes pinyin (unless the platform takes Chinese names), other scripts are transliterated to Latin, and any
 * character the platform's rules refuse (for Huawei: anything but a digit, letter, '-', '_', '.' or '@') becomes '_'
 * (or goes, where '_' is refused too). A name that must start with a letter and does not gets 'prompt_' before it.
 * A compliant name is returned unchanged but for the extension's case. `rules` default to Huawei Voice Call's.
 */
export function compliantNameWith(original: string, transliterators: Transliterators, rules: NameRules = DEFAULT_PROFILE.names): string {
  const { extension } = rules;
  const stem = stripWavExtension(withWavExtension(original, rules), rules);
  const room = stemRoom(rules);
  if (allowedCharacters(rules, stem) && stem.length <= room && isSafeStem(stem) && startsRight(stem, rules)) {
    return stem + extension;
  }
  const filler = rules.character.test('_') ? '_' : '';
  const cleaned = [...transliterate(stem, transliterators, rules)]
    .map((ch) => (rules.character.test(ch) ? ch : filler))
    .join('')
    .replace(/_{2,}/g, '_')
    .replace(/^[_.-]+/, '') // no hidden files, no names that a shell would take for an option
    .replace(/[_.]+$/, '');
  const started = cleaned === '' || startsRight(cleaned, rules) ? cleaned : `${FALLBACK_STEM}${filler}${cleaned}`;
  const kept = [...started].slice(0, room).join('').replace(/[_.]+$/, '');
  return (kept === '' ? FALLBACK_STEM : kept) + extension;
}

/** Chinese to pinyin and other scripts to Latin, but only what the rules refuse: a platform that takes Chinese keeps it. */
function transliterate(stem: string, transliterators: Transliterators, rules: NameRules): string {
  if (!rules.character.test('中')) return transliterators.latin(stem.replace(HAN, (han) => `_${transliterators.pinyin(han)}_`));
  return stem
    .split(/(\p{Script=Han}+)/u)
    .map((part, i) => (i % 2 === 1 ? part : transliterators.latin(part)))
    .join('');
}

function startsRight(stem: string, rules: NameRules): boolean {
  return !rules.first || rules.first.character.test(stem[0]);
}

const REFUSED_EXTENSIONS = new Set(REPORTED_AUDIO_EXTENSIONS);

/**
 * Who gets a contested name first (sort by this, then claim): a file that keeps its own ('a.wav' stays 'a.wav'
 * beside 'a.mp3'), then the files voiceprep converts, then those it will refuse (an .m4a takes no name from the MP3
 * beside it). `compliant` is the name the file would get.
 */
export function claimOrder(original: string, compliant: string): number {
  if (compliant === original) return 0;
  return REFUSED_EXTENSIONS.has(extensionOf(original)) ? 2 : 1;
}

/** Distinct names in one output folder: a second 'a.wav' becomes 'a-2.wav', then 'a-3.wav', ... (all within the length). */
export class NameAllocator {
  private readonly taken = new Set<string>();

  constructor(private readonly rules: NameRules = DEFAULT_PROFILE.names) {}

  /** Claims `name` exactly as it is, if no name that differs from it only in case is taken; says whether it did. */
  claimExactly(name: string): boolean {
    const key = name.toLowerCase();
    if (this.taken.has(key)) return false;
    this.taken.add(key);
    return true;
  }

  /** Claims `name` or the first free variant of it. Case is ignored: many file systems ignore it too. */
  claim(name: string): string {
    const { extension, character } = this.rules;
    const stem = stripWavExtension(name, this.rules);
    // '-2' where the rules allow '-', else '_2', else '2'
    const separator = character.test('-') ? '-' : character.test('_') ? '_' : '';
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `${separator}${n}`;
      const candidate = [...stem].slice(0, stemRoom(this.rules) - suffix.length).join('') + suffix + extension;
      const key = candidate.toLowerCase();
      if (!this.taken.has(key)) {
        this.taken.add(key);
        return candidate;
      }
    }
  }
}

function stripWavExtension(name: string, { extension }: NameRules): string {
  return name.toLowerCase().endsWith(extension) ? name.slice(0, -extension.length) : name;
}

function isSafeStem(stem: string): boolean {
  return !/^[-.]/.test(stem);
}
