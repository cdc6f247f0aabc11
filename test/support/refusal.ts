import { isVoiceprepError } from '../../src/errors.js';
import { convertBytes } from '../../src/pipeline/convert-bytes.js';

/** Converts `bytes` (named `name`) expecting a typed, one-line refusal: its code and message. */
export async function refusalOf(bytes: Uint8Array, name: string): Promise<[string, string]> {
  const error = await convertBytes(bytes, { name }).catch((caught: unknown) => caught);
  if (!isVoiceprepError(error)) throw new Error(`not refused: ${String(error)}`);
  if (error.message.includes('\n')) throw new Error(`not a one-line message: ${JSON.stringify(error.message)}`);
  return [error.code, error.message];
}
