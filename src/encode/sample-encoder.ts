/** What an encoder saw: the basis of the report's peak level and clipping count. */
export interface EncoderStats {
  /** Largest absolute sample before clipping, in full-scale units (1.0 = 0 dBFS; may exceed 1). */
  peak: number;
  /** Samples that were outside the 16-bit range and were clipped to it. */
  clippedSamples: number;
  samples: number;
}

/** The last step before the bytes: full-scale floats become the output encoding's samples. */
export interface SampleEncoder {
  /** Encodes `block` (at most the `maxBlock` it was made for); the bytes returned are valid until the next call. */
  encode(block: Float32Array): Uint8Array;
  stats(): EncoderStats;
}
