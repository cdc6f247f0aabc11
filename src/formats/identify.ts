import type { AudioFormatReader, OpenOptions } from '../source/audio-source.js';
import type { ByteSource } from '../source/byte-source.js';
import type { AudioFormat } from './common/audio-format.js';
import { FORMATS } from './registry.js';
import { HEAD_BYTES } from './common/sniff.js';

/**
 * The reader for a file: that of the first of `formats` (by default every format, in the registry's order) that
 * recognizes its first bytes, loaded; or null when none does (the caller then says what the file is with
 * `identifyNonWave`). Content decides, never the name: an MP3 named .wav is an MP3. The one exception is Dialogic
 * VOX, which has no signature and looks at `options.name`; it belongs last, after every format known by content.
 */
export async function identifyReader(
  source: ByteSource,
  formats: readonly AudioFormat[] = FORMATS,
  options: OpenOptions = {},
): Promise<AudioFormatReader | null> {
  const head = (await source.read(0, HEAD_BYTES)).slice();
  const format = formats.find((candidate) => candidate.recognizes(head, options));
  return format ? format.load() : null;
}
