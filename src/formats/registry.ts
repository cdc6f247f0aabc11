import { aac } from './aac/index.js';
import { aiff } from './aiff/index.js';
import { amr } from './amr/index.js';
import { au } from './au/index.js';
import type { AudioFormat } from './common/audio-format.js';
import type { FormatFacts } from './common/format-facts.js';
import { caf } from './caf/index.js';
import { flac } from './flac/index.js';
import { matroska } from './refused/index.js';
import { mp3 } from './mp3/index.js';
import { mp4 } from './mp4/index.js';
import { ogg } from './ogg/index.js';
import { vox } from './vox/index.js';
import { wave } from './wave/index.js';

/**
 * Every format voiceprep recognizes, in the order they are asked whether a file is theirs: content decides, never the
 * name. WAV comes first; MP3 after every other signature (an ID3v2 tag too long to see past is taken as MP3, while
 * FLAC and AAC behind a short tag are their own); Dialogic VOX, which has no signature and is known by its `.vox`
 * name, last. Each format's folder declares it in its `index.ts` (its facts, its signature and how its reader is
 * loaded): a new format is its folder and a line here. Nothing here loads a reader: the page's own thread reads this
 * list for the extensions a folder pick keeps, and its bundle leaves the readers out (build-page.mjs).
 */
export const FORMATS = [wave, flac, ogg, mp4, aac, aiff, au, caf, amr, matroska, mp3, vox] as const satisfies readonly AudioFormat[];

export type FormatName = (typeof FORMATS)[number]['name'];

/** The formats in the order users are told of them (the help, the README). */
export const LISTED_FORMATS: readonly FormatFacts[] = [...FORMATS].sort((a, b) => a.listed - b.listed);

/**
 * Audio that no format here recognizes, but that a folder search picks up all the same, so that a folder's WMA
 * files get a line saying what to do rather than being passed over in silence.
 */
export const UNRECOGNIZED_AUDIO_EXTENSIONS: readonly string[] = ['.wma'];

/**
 * What voiceprep reads, as words: "WAV, AIFF, ..., and Dialogic VOX". The refusals say it: unsupported-format.ts
 * holds a copy, since the readers sit below this registry, and registry.spec.ts keeps the two equal.
 */
export function readFormatsInWords(): string {
  const called = LISTED_FORMATS.filter((format) => !format.refused).map((format) => format.called ?? format.name);
  return `${called.slice(0, -1).join(', ')}, and ${called[called.length - 1]}`;
}
