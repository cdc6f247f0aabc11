import type { AudioFormatReader, OpenOptions } from '../source/audio-source.js';
import type { ByteSource } from '../source/byte-source.js';
import { HEAD_BYTES } from './common/sniff.js';

export { HEAD_BYTES } from './common/sniff.js';

/**
 * The reader for a file: the first of `readers` that recognizes its first bytes, or null when none does (the
 * caller then says what the file is with `identifyNonWave`). Content decides, never the name: an MP3 named .wav
 * is an MP3. The one exception is Dialogic VOX, which has no signature and whose reader looks at `options.name`;
 * it belongs last, after every reader that knows its format by content.
 */
export async function identifyReader(
  source: ByteSource,
  readers: readonly AudioFormatReader[],
  options: OpenOptions = {},
): Promise<AudioFormatReader | null> {
  const head = (await source.read(0, HEAD_BYTES)).slice();
  return readers.find((reader) => reader.recognizes(head, options)) ?? null;
}
