import { VoiceprepError } from '../errors.js';
import type { OpenOptions } from './audio-source.js';

/**
 * Formats voiceprep recognizes and describes but does not decode (no small decoder of the family these readers
 * use exists for them): opening one is refused with the command that makes a file voiceprep takes, for the file's
 * own name when the caller gave it.
 */
export function refuseToDecode(what: string, extension: string, options: OpenOptions): VoiceprepError {
  const input = options.name ?? `in.${extension}`;
  const output = `${input.replace(/\.[^.]*$/, '')}.wav`;
  return new VoiceprepError(
    'unsupported-encoding',
    `${what}, which voiceprep does not read (it reads WAV, AIFF, AU, CAF, MP3, FLAC, Ogg Vorbis and Opus, and Dialogic VOX); ` +
      `convert it to WAV, MP3 or FLAC first, for example: ffmpeg -i "${input}" "${output}"`,
  );
}
