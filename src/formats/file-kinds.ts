import { FORMATS, LISTED_FORMATS, UNRECOGNIZED_AUDIO_EXTENSIONS } from './registry.js';

/**
 * Which files a folder search picks up, by extension (any case), from the registry of formats. Content, not the
 * name, decides how a file is read; the extension only decides whether a search looks at it at all (a folder of
 * prompts also holds scripts, notes and spreadsheets).
 */

/** What `convert` searches folders and globs for: every format it reads, and the Dialogic VOX it knows by name. */
export const CONVERTIBLE_EXTENSIONS: readonly string[] = LISTED_FORMATS.filter((format) => !format.refused).flatMap(
  (format) => format.extensions,
);

/**
 * Audio it cannot convert but picks up all the same, so that a folder's AAC or WMA files get a line saying so and
 * how to fix it, rather than being passed over in silence.
 */
export const REPORTED_AUDIO_EXTENSIONS: readonly string[] = [
  ...LISTED_FORMATS.filter((format) => format.refused).flatMap((format) => format.extensions),
  ...UNRECOGNIZED_AUDIO_EXTENSIONS,
];

/**
 * The format each extension names, as its reader calls it: how a file whose name says one format and whose content
 * another is noticed (an MP3 renamed to .wav converts, with a warning). Every searched extension is here but .wma,
 * which no reader recognizes.
 */
export const FORMAT_OF_EXTENSION: Readonly<Record<string, string>> = Object.fromEntries(
  FORMATS.flatMap((format) => format.extensions.map((extension) => [extension, format.name])),
);

/** The extension of a file name, lower case, with its dot ('' when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}
