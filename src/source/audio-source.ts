import type { ByteSource } from './byte-source.js';
import type { FormatSummary } from './format-summary.js';

/**
 * The seam between reading a file and converting it. Every input format (WAV in all its encodings, AIFF, AU, CAF, MP3,
 * FLAC, Ogg Vorbis, Opus, Dialogic VOX) is one `AudioFormatReader` that turns a `ByteSource` into an `AudioSource`: PCM
 * blocks at the file's own rate and channel count. The pipeline (mix, resample, adjust, encode, write) sees only
 * that, so a new format is a new reader, never a branch in the pipeline.
 */

/** How the bytes of an `interleaved-bytes` block encode each sample. The mixer decodes them in the same pass. */
export type SampleFormat =
  | 'u8'
  | 's16le'
  | 's24le'
  | 's32le'
  | 'f32le'
  | 'f64le'
  | 's16be'
  | 's24be'
  | 's32be'
  | 'f32be'
  | 'f64be'
  | 'alaw'
  | 'mulaw';

/**
 * One block of audio. A block, and every array in it, is only valid until the source is asked for the next one
 * (sources reuse their buffers).
 * - `planar`: one full-scale float array per channel (-1.0 .. +1.0), as codec decoders produce them.
 * - `interleaved-bytes`: whole frames of sample bytes straight from the file (PCM, float and G.711 WAV), so that
 *   decoding and mixing to mono happen in one pass over them.
 */
export type PcmBlock =
  | { layout: 'planar'; channels: readonly Float32Array[]; frames: number }
  | { layout: 'interleaved-bytes'; bytes: Uint8Array; sampleFormat: SampleFormat; channels: number; frames: number };

/** An oddity the reader worked around; it does not stop the file from converting. */
export interface SourceWarning {
  code: string;
  message: string;
}

export interface BlockOptions {
  /** About how many frames each block holds. */
  blockFrames: number;
  /** Stop after this many frames (the rest of the file is not decoded). */
  maxFrames?: number;
  /**
   * Where the next block's sample bytes may be read to: the mixer's input, in the kernels' memory. A source that
   * reads samples as they are (PCM WAV) reads them there and saves a copy; others ignore it.
   */
  buffer?: (byteLength: number) => Uint8Array;
}

/** Samples as the file stores them (see `AudioSource.stored`). */
export interface StoredSamples {
  readonly sampleFormat: SampleFormat;
  /**
   * Yields the sample bytes in order, in blocks of whole frames, up to `maxFrames`; a block is valid until the next
   * one is asked for.
   */
  bytes(maxFrames?: number): AsyncIterable<Uint8Array>;
}

export interface AudioSource {
  /** What the file is, in the terms reports show. */
  readonly format: FormatSummary;
  readonly sampleRate: number;
  readonly channels: number;
  /**
   * Frames the file holds. Exact when `exactFrames` is true (the output length is then known before decoding);
   * otherwise the header's estimate (a bitrate and a file size), and the real count is what `blocks` yields.
   */
  readonly frames: number;
  readonly exactFrames: boolean;
  readonly warnings: SourceWarning[];
  /**
   * Present when the samples are stored plainly, one sample format for all (PCM, float or G.711 in WAV, AIFF, AU or
   * CAF): what they are, so that the pipeline can copy them as they are when they are already what the output
   * profile wants. A reader describes its samples; it never knows the output.
   */
  readonly stored?: StoredSamples;
  /**
   * A pass over the audio from its start. May be called again for another pass (level matching measures first,
   * then converts); each pass yields the same samples. Throws a VoiceprepError when the file turns out to be
   * broken beyond use; damage it can decode around (a bad frame, a cut-off end) becomes a warning instead.
   */
  blocks(options: BlockOptions): AsyncIterable<PcmBlock>;
  /** Frees what the decoder holds (WebAssembly memory). The source cannot be used afterwards. */
  close(): void;
}

/** What `check` learns of a file from its header alone, without decoding: cheap, a few KB read. */
export interface ProbedFormat {
  format: FormatSummary;
  /** Duration from the header (exact or estimated), or null when the header does not say. */
  seconds: number | null;
  /** Set when the header already shows that `open` would refuse the file: why, and what to do instead. */
  undecodable?: string;
}

export interface OpenOptions {
  /** The file's name, for the one format that has no signature (Dialogic VOX is known by its `.vox` extension). */
  name?: string;
  /**
   * The file's path as the user gave it (relative to where they ran voiceprep), for the commands that refusals
   * suggest: without it they name the file by `name` alone.
   */
  path?: string;
  /** Sample rate of headerless Dialogic VOX files (default 8000). */
  voxRate?: number;
  /**
   * The highest frequency (Hz) the caller will keep: a decoder that can (MP3) may leave out what lies above it.
   * Without it, everything is decoded.
   */
  bandwidthHz?: number;
  /**
   * The caller mixes the channels to their mean: a decoder that can (MP3) may do it itself and hand that mean over
   * as every channel, so that the mix changes nothing.
   */
  mono?: boolean;
}

/** One input format. */
export interface AudioFormatReader {
  /** How reports name the container: 'RIFF', 'MP3', 'FLAC', 'Ogg', 'VOX', ... */
  readonly name: string;
  /** False for a format that is recognized and described but not decoded (AAC, AMR, ...): `open` refuses it. */
  readonly decodes?: false;
  /**
   * Whether the file is in this format, judged from its content: `head` holds its first bytes (up to 4 KiB, fewer
   * when the file is shorter), and `options.name` is there only for formats that have no signature at all.
   */
  recognizes(head: Uint8Array, options: OpenOptions): boolean;
  probe(source: ByteSource, options: OpenOptions): Promise<ProbedFormat>;
  open(source: ByteSource, options: OpenOptions): Promise<AudioSource>;
}
