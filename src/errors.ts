/**
 * Every failure voiceprep expects carries a stable code, so that the CLI can print one line per file and
 * scripts can branch on `error.code` instead of parsing messages.
 */
export type ErrorCode =
  | 'not-wav' // not a file voiceprep reads at all (named for the WAV-only days; kept for scripts)
  | 'malformed' // WAVE, but its structure cannot be used (no fmt, no data, impossible fmt fields)
  | 'unsupported-encoding' // a real audio file in an encoding or at a rate we do not decode
  | 'too-long' // the output would be longer than the limit (ConvertOptions.limitSamples; by default the platform's 2 MiB)
  | 'io' // the bytes could not be read or written (a FIFO or folder instead of a file, a read-only disk, ...)
  | 'not-found' // the input file does not exist
  | 'exists' // a different file is already at the output path, and overwriting was not asked for; or something that is not a regular file (a FIFO, a device), never replaced
  | 'invalid-argument'; // a library function was called with an argument or option it cannot use (NaN, a number for a file, ...)

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
