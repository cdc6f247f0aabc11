/**
 * The WebAssembly decoders report damaged input with console.error (mpg123-decoder for every bad frame, the FLAC
 * and Opus decoders likewise). On a user's terminal that is noise between voiceprep's own one-line messages, and
 * in a batch it would come from no file in particular. This runs one synchronous decoder call with console.error
 * and console.warn turned into a count that the reader reports as a warning of the file it belongs to. The call
 * must be synchronous: nothing else runs meanwhile, so no other message is swallowed.
 */
export function hushed<T>(call: () => T, onComplaint: () => void): T {
  const { error, warn } = console;
  const complain = () => onComplaint();
  console.error = complain;
  console.warn = complain;
  try {
    return call();
  } finally {
    console.error = error;
    console.warn = warn;
  }
}
