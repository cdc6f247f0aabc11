import { aacFormat } from './aac/format.js';
import { aiffFormat } from './aiff/format.js';
import { amrFormat } from './amr/format.js';
import { auFormat } from './au/format.js';
import { cafFormat } from './caf/format.js';
import { flacFormat } from './flac/format.js';
import type { FormatFacts } from './common/format-facts.js';
import { matroskaFormat } from './refused/format.js';
import { mp3Format } from './mp3/format.js';
import { mp4Format } from './mp4/format.js';
import { oggFormat } from './ogg/format.js';
import { voxFormat } from './vox/format.js';
import { waveFormat } from './wave/format.js';

/**
 * Every format voiceprep recognizes, in the order they are asked whether a file is theirs: content decides, never the
 * name. WAV comes first; MP3 after every other signature (an ID3v2 tag too long to see past is taken as MP3, while
 * FLAC and AAC behind a short tag are their own); Dialogic VOX, which has no signature and is known by its `.vox`
 * name, last. Plain data (the page's bundle reads it); how each is recognized and read is in readers.ts, which
 * the type checker holds to this list. A new format is its folder, a line here and its line there.
 */
export const FORMATS = [
  waveFormat,
  flacFormat,
  oggFormat,
  mp4Format,
  aacFormat,
  aiffFormat,
  auFormat,
  cafFormat,
  amrFormat,
  matroskaFormat,
  mp3Format,
  voxFormat,
] as const satisfies readonly FormatFacts[];

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
