import { allowedCharacters, type NameRules } from './name-rules.js';
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
 * Chinese becomes pinyin, other scripts are transliterated to Latin, and any character the platform's rules refuse
 * (for Huawei: anything but a digit, letter, '-', '_', '.' or '@') becomes '_'. A compliant name is returned unchanged
 * but for the extension's case. `rules` default to Huawei Voice Call's; every platform's allow '_'.
 */
export function compliantNameWith(original: string, transliterators: Transliterators, rules: NameRules = DEFAULT_PROFILE.names): string {
  const { extension, maxLength } = rules;
  const stem = stripWavExtension(withWavExtension(original, rules), rules);
  if (allowedCharacters(rules, stem) && stem.length + extension.length <= maxLength && isSafeStem(stem)) {
    return stem + extension;
  }
  const latin = transliterators.latin(stem.replace(HAN, (han) => `_${transliterators.pinyin(han)}_`));
  const cleaned = [...latin]
    .map((ch) => (rules.character.test(ch) ? ch : '_'))
    .join('')
    .replace(/_{2,}/g, '_')
    .replace(/^[_.-]+/, '') // no hidden files, no names that a shell would take for an option
    .replace(/[_.]+$/, '');
  const stemRoom = maxLength - extension.length;
  const kept = cleaned.slice(0, stemRoom).replace(/[_.]+$/, '');
  return (kept === '' ? FALLBACK_STEM : kept) + extension;
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

/** Distinct names in one output folder: a second 'a.wav' becomes 'a-2.wav', then 'a-3.wav', ... */
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
    const { extension, maxLength } = this.rules;
    const stem = stripWavExtension(name, this.rules);
    for (let n = 1; ; n++) {
      const suffix = n === 1 ? '' : `-${n}`;
      const candidate = stem.slice(0, maxLength - extension.length - suffix.length) + suffix + extension;
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
