import type { AudioFormatReader, OpenOptions } from '../source/audio-source.js';
import { FORMATS, type FormatName } from './registry.js';
import { recognizesMatroska } from './refused/signature.js';
import { recognizesAac } from './aac/signature.js';
import { recognizesAmr } from './amr/signature.js';
import { recognizesMp4 } from './mp4/signature.js';
import type { FormatFacts } from './common/format-facts.js';
import { recognizesAiff } from './aiff/signature.js';
import { recognizesAu } from './au/signature.js';
import { recognizesCaf } from './caf/signature.js';
import { recognizesFlac } from './flac/signature.js';
import { recognizesMp3 } from './mp3/signature.js';
import { recognizesOgg } from './ogg/signature.js';
import { recognizesVox } from './vox/signature.js';
import { recognizesWave } from './wave/signature.js';
import { voxReader } from './vox/vox-reader.js';
import { waveReader } from './wave/wave-reader.js';

/** How a format of the registry is known and read. */
interface FormatReading {
  /**
   * Whether a file whose first bytes (up to HEAD_BYTES) are `head` is of this format: cheap, and without loading
   * the reader or its decoder. Only Dialogic VOX, which has no signature, looks at `options.name`.
   */
  recognizes(head: Uint8Array, options: OpenOptions): boolean;
  /** Its reader, loaded the first time a file of the format is opened. */
  load(): Promise<AudioFormatReader>;
}

export interface AudioFormat extends FormatFacts, FormatReading {}

/**
 * Each format's signature and reader, by its name in the registry (a format without its line here does not
 * compile). WAV's and VOX's readers are small and loaded with this module; the others are imported only when a
 * file of theirs is opened (importing them all costs a conversion's start ~10 ms, bundled), and load their
 * WebAssembly decoders (~85 ms for those of MP3, FLAC, Vorbis and Opus together) only then, so that checking
 * headers, and converting WAV, never pay.
 */
const READING: { readonly [name in FormatName]: FormatReading } = {
  WAV: { recognizes: recognizesWave, load: async () => waveReader },
  FLAC: { recognizes: recognizesFlac, load: async () => (await import('./flac/flac-reader.js')).flacReader },
  Ogg: { recognizes: recognizesOgg, load: async () => (await import('./ogg/ogg-reader.js')).oggReader },
  MP4: { recognizes: recognizesMp4, load: async () => (await import('./mp4/mp4-reader.js')).mp4Reader },
  AAC: { recognizes: recognizesAac, load: async () => (await import('./aac/aac-reader.js')).aacReader },
  AIFF: { recognizes: recognizesAiff, load: async () => (await import('./aiff/aiff-reader.js')).aiffReader },
  AU: { recognizes: recognizesAu, load: async () => (await import('./au/au-reader.js')).auReader },
  CAF: { recognizes: recognizesCaf, load: async () => (await import('./caf/caf-reader.js')).cafReader },
  AMR: { recognizes: recognizesAmr, load: async () => (await import('./amr/amr-reader.js')).amrReader },
  Matroska: { recognizes: recognizesMatroska, load: async () => (await import('./refused/matroska-reader.js')).matroskaReader },
  MP3: { recognizes: recognizesMp3, load: async () => (await import('./mp3/mp3-reader.js')).mp3Reader },
  VOX: { recognizes: recognizesVox, load: async () => voxReader },
};

/** The registry's formats, in its order (the order they are asked in), each with its signature and reader. */
export const AUDIO_FORMATS: readonly AudioFormat[] = FORMATS.map((facts) => ({ ...facts, ...READING[facts.name] }));
