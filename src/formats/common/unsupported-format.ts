import { VoiceprepError } from '../../errors.js';
import { shellQuote } from '../../shell-quote.js';
import type { OpenOptions } from '../../source/audio-source.js';

/**
 * What voiceprep reads, as the refusals say it. The registry (formats/registry.ts) derives the same words from its
 * formats, but sits above the readers that refuse; registry.spec.ts fails when the two differ.
 */
export const READ_FORMATS = 'WAV, AIFF, AU, CAF, MP3, FLAC, Ogg Vorbis and Opus, M4A/MP4 (AAC), ADTS AAC (.aac), AMR, and Dialogic VOX';

/** What a file voiceprep does not read is best made into: what the refusals and `check` advise. */
export const CONVERT_FIRST_TO = 'WAV, MP3 or FLAC';

/**
 * Formats voiceprep recognizes and describes but does not decode (no small decoder of the family these readers
 * use exists for them): opening one is refused with the command that makes a file voiceprep takes.
 */
export function refuseToDecode(what: string, extension: string, options: OpenOptions): VoiceprepError {
  return new VoiceprepError(
    'unsupported-encoding',
    `${what}, which voiceprep does not read (it reads ${READ_FORMATS}); ` +
      `convert it to ${CONVERT_FIRST_TO} first, for example: ${toWavCommand(options, extension)}`,
  );
}

/**
 * A command, to paste into a POSIX shell, that converts the caller's file to a WAV file beside it: ffmpeg by
 * default, or `tool` given the quoted input and output. The file is named by its path as the user gave it (else its
 * name, else a stand-in `in.<extension>`), so that the command runs from where voiceprep was run.
 */
export function toWavCommand(
  options: OpenOptions,
  extension: string,
  tool: (input: string, output: string) => string = (input, output) => `ffmpeg -i ${input} ${output}`,
): string {
  const input = options.path ?? options.name ?? `in.${extension}`;
  return tool(shellQuote(input), shellQuote(wavBeside(input)));
}

/**
 * The WAV file beside `input`, by its extension: never `input` itself (a file named .wav that holds another
 * format), which ffmpeg refuses to write over while it reads it (and on macOS or Windows x.WAV is x.wav).
 */
export function wavBeside(input: string): string {
  const stem = input.replace(/\.[^./\\]*$/, '');
  const output = `${stem}.wav`;
  return output.toLowerCase() === input.toLowerCase() ? `${stem}-pcm.wav` : output;
}
