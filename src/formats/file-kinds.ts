/**
 * Which files a folder search picks up, by extension (any case). Content, not the name, decides how a file is
 * read; the extension only decides whether a search looks at it at all (a folder of prompts also holds scripts,
 * notes and spreadsheets).
 */

/** What `convert` searches folders and globs for: every format it reads, and the Dialogic VOX it knows by name. */
export const CONVERTIBLE_EXTENSIONS: readonly string[] = [
  '.wav', '.wave', '.aif', '.aiff', '.aifc', '.au', '.snd', '.caf', '.mp3', '.mp2', '.mp1', '.flac', '.ogg', '.oga', '.opus', '.vox',
];

/**
 * Audio it cannot convert but picks up all the same, so that a folder's AAC or WMA files get a line saying so and
 * how to fix it, rather than being passed over in silence.
 */
export const REPORTED_AUDIO_EXTENSIONS: readonly string[] = [
  '.m4a', '.aac', '.mp4', '.amr', '.webm', '.mka', '.wma',
];

/**
 * The format each extension names, as its reader calls it: how a file whose name says one format and whose content
 * another is noticed (an MP3 renamed to .wav converts, with a warning). Every searched extension is here but .wma,
 * which no reader recognizes.
 */
export const FORMAT_OF_EXTENSION: Readonly<Record<string, string>> = {
  '.wav': 'WAV',
  '.wave': 'WAV',
  '.mp3': 'MP3',
  '.mp2': 'MP3',
  '.mp1': 'MP3',
  '.flac': 'FLAC',
  '.ogg': 'Ogg',
  '.oga': 'Ogg',
  '.opus': 'Ogg',
  '.vox': 'VOX',
  '.m4a': 'MP4',
  '.mp4': 'MP4',
  '.aac': 'AAC',
  '.aif': 'AIFF',
  '.aiff': 'AIFF',
  '.aifc': 'AIFF',
  '.au': 'AU',
  '.snd': 'AU',
  '.caf': 'CAF',
  '.amr': 'AMR',
  '.webm': 'Matroska',
  '.mka': 'Matroska',
};

/** The extension of a file name, lower case, with its dot ('' when it has none). */
export function extensionOf(name: string): string {
  const dot = name.lastIndexOf('.');
  return dot > 0 ? name.slice(dot).toLowerCase() : '';
}
