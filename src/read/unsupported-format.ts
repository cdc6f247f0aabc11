import { VoiceprepError } from '../errors.js';

/**
 * Formats voiceprep recognizes and describes but does not decode (no small decoder of the family these readers
 * use exists for them): opening one is refused with the command that makes a file voiceprep takes.
 */
export function refuseToDecode(what: string, extension: string): VoiceprepError {
  return new VoiceprepError(
    'unsupported-encoding',
    `${what}, which voiceprep does not decode (it decodes WAV, MP3, FLAC, Ogg Vorbis and Opus); convert it to WAV, MP3 or FLAC first, for example: ffmpeg -i "in.${extension}" in.wav`,
  );
}
