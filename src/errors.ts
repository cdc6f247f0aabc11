/**
 * Every failure voiceprep expects carries a stable code, so that the CLI can print one line per file and
 * scripts can branch on `error.code` instead of parsing messages.
 */
export type ErrorCode =
  | 'not-wav' // not a RIFF/RF64 WAVE file at all
  | 'malformed' // WAVE, but its structure cannot be used (no fmt, no data, impossible fmt fields)
  | 'unsupported-encoding' // a real WAVE file in an encoding we do not decode (ADPCM, MP3, ...)
  | 'io'; // the bytes could not be read or written

export class VoiceprepError extends Error {
  readonly code: ErrorCode;

  constructor(code: ErrorCode, message: string) {
    super(message);
    this.name = 'VoiceprepError';
    this.code = code;
  }
}

export function isVoiceprepError(value: unknown): value is VoiceprepError {
  return value instanceof VoiceprepError;
}
