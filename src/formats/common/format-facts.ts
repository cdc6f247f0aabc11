/**
 * What voiceprep says of one input format, as plain data: each format's folder declares it (`<format>/format.ts`),
 * and the registry (formats/registry.ts) lists them. Folder searches, the `misnamed` warning and the lists of what
 * voiceprep reads are derived from these; the page's own bundle reads them too, so they hold no code.
 */
export interface FormatFacts {
  /** As its reader names it (`AudioFormatReader.name`): what the `misnamed` warning says the content is. */
  readonly name: string;
  /** What lists of the formats voiceprep reads call it, when that is more than its name ('Dialogic VOX'). */
  readonly called?: string;
  /** The extensions that name it, lower case with their dot: a folder search looks at files named so. */
  readonly extensions: readonly string[];
  /** Its place when the formats are listed to users (the help, the README): lower first. */
  readonly listed: number;
  /** Recognized and described, not decoded: opening a file of it is refused with the command that converts it. */
  readonly refused?: true;
}
