import type { AudioFormatReader, OpenOptions } from '../../source/audio-source.js';
import type { FormatFacts } from './format-facts.js';

/**
 * One format as the registry holds it: what it is (its facts, plain data), how a file of it is known, and how its
 * reader is loaded. Each format's folder declares it in its `index.ts`; the registry lists them, one line each.
 */
export interface AudioFormat extends FormatFacts {
  /**
   * Whether a file whose first bytes (up to HEAD_BYTES) are `head` is of this format: cheap, and without loading
   * the reader or its decoder. Only Dialogic VOX, which has no signature, looks at `options.name`.
   */
  recognizes(head: Uint8Array, options: OpenOptions): boolean;
  /**
   * Its reader, loaded the first time a file of the format is opened: importing every reader costs a conversion's
   * start ~10 ms (bundled), and their WebAssembly decoders (~85 ms for MP3, FLAC, Vorbis and Opus together) load
   * only then, so that checking headers, and converting WAV, never pay.
   */
  load(): Promise<AudioFormatReader>;
}
