/** What the reader learns from a WAVE file's chunks, before any sample is decoded. */

/** The sample encodings voiceprep decodes. Anything else is reported by name and format tag. */
export type Encoding = 'pcm' | 'float' | 'alaw' | 'mulaw';

export interface WaveFormat {
  /** The format tag as declared in `fmt ` (0xFFFE for WAVE_FORMAT_EXTENSIBLE). */
  formatTag: number;
  /** The effective tag: the sub-format's tag inside WAVE_FORMAT_EXTENSIBLE, else `formatTag`. */
  effectiveTag: number;
  /** The decodable encoding, or null when the encoding is not one we decode (see `encodingName`). */
  encoding: Encoding | null;
  /** A human name for the encoding: 'PCM', 'IEEE float', 'A-law', 'mu-law', 'IMA ADPCM', 'MPEG Layer 3', ... */
  encodingName: string;
  extensible: boolean;
  channels: number;
  sampleRate: number;
  /** wBitsPerSample: the bits each sample occupies in its container. */
  bitsPerSample: number;
  /** wValidBitsPerSample for WAVE_FORMAT_EXTENSIBLE, else equal to bitsPerSample. */
  validBitsPerSample: number;
  blockAlign: number;
  byteRate: number;
  /** Size of the fmt chunk body as declared (16, 18, 20, 40, ...). */
  fmtSize: number;
  /** cbSize when the fmt chunk carries one, else null. */
  extraSize: number | null;
  /**
   * Sizes, fmt fields and multi-byte samples are big-endian: a RIFX file. The fields below are optional so that a
   * WaveFormat built by hand for a little-endian sample format need not mention them.
   */
  bigEndian?: boolean;
  /**
   * wSamplesPerBlock, the first word of the fmt extension of IMA ADPCM, Microsoft ADPCM and GSM 6.10; absent for
   * other encodings and when the extension is missing (the block codecs then compute it from the block align).
   */
  samplesPerBlock?: number;
  /**
   * Microsoft ADPCM's predictor coefficients as the fmt extension lists them, the pairs flattened (coef1, coef2,
   * coef1, coef2, ...); absent for other encodings and when the chunk lists none (the standard seven pairs apply).
   */
  adpcmCoefficients?: readonly number[];
}

export interface ChunkInfo {
  /** Four-character id as read (may contain any bytes; non-printable ones are shown as '?'). */
  id: string;
  /** Offset of the chunk header (the id) in the file. */
  offset: number;
  /** Size as declared in the header (for RF64 chunks, the 64-bit size from ds64 where it applies). */
  declaredSize: number;
  /** Bytes of the body the file really holds: the declared size clamped to the end of the file. */
  size: number;
  /** Whether a pad byte follows an odd-sized body in the file. */
  padded: boolean;
}

/**
 * Oddities the reader works around. The first five mean the file's sizes disagree with its bytes (the checker
 * treats those as `malformed`); the rest do not stop a file from working anywhere.
 */
export type WaveWarningCode =
  | 'data-size-unset' // data size 0 or 0xFFFFFFFF: read as "the rest of the file"
  | 'data-truncated' // the data chunk declares more bytes than the file holds
  | 'chunk-truncated' // another chunk declares more bytes than the file holds
  | 'riff-size' // the RIFF size disagrees with the file's length
  | 'partial-frame' // the data ends inside a frame; the partial frame is ignored
  | 'missing-pad' // an odd-sized chunk is not followed by its pad byte
  | 'trailing-bytes' // bytes after the last chunk that are too few to be one
  | 'duplicate-chunk' // a second fmt or data chunk; the first one is used
  | 'byte-rate' // the fmt chunk's byte rate is not rate x block align
  | 'block-align' // the fmt chunk's block align is 0 (ffmpeg and sox compute it); recovered from channels and bits
  | 'too-many-chunks'; // the walk stopped early, so a file of tiny chunks cannot keep the reader busy

export interface WaveWarning {
  code: WaveWarningCode;
  message: string;
}

export interface WaveHeader {
  /** BW64 is the EBU's name for RF64 with the same layout; RIFX is RIFF with every number big-endian. */
  container: 'RIFF' | 'RF64' | 'BW64' | 'RIFX';
  fileSize: number;
  /** The RIFF (or ds64) size as declared: bytes after the 8-byte RIFF header. */
  declaredRiffSize: number;
  format: WaveFormat;
  /** Absolute offset of the first data byte. */
  dataOffset: number;
  /** Bytes of sample data really available (clamped to the file, after the rules for 0 and 0xFFFFFFFF). */
  dataSize: number;
  /** The data chunk's size as declared (after ds64 for RF64). */
  declaredDataSize: number;
  /**
   * Frames the available data decodes to: floor(dataSize / blockAlign) for sample formats; for the block codecs
   * (ADPCM, GSM) the whole blocks times their frames per block, plus what a final partial block holds.
   */
  frames: number;
  /** Sample count from the `fact` chunk, when there is one. */
  factSamples: number | null;
  /** Every chunk in file order, including unknown ones. */
  chunks: ChunkInfo[];
  /** Oddities that did not stop reading: clamped sizes, a missing pad byte, data size 0 read as "rest of file". */
  warnings: WaveWarning[];
}
