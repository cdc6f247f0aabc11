import { type BlockCodec, type BlockFormat, blockByBlockCodec, checkHeaderFits, clamp16, framesPerBlockOf, readInt16LE } from './block-codec.js';

/**
 * Microsoft ADPCM in WAVE files (format tag 0x0002). Each block starts with a header of 7 bytes per channel, field
 * by field across the channels: the predictor index (into the coefficient table of the fmt chunk), the initial
 * delta, then the second and the first sample (both int16, sample 2 is played first). The rest are 4-bit codes,
 * high nibble first, taking the channels in turn.
 *
 * The prediction divides by 256 as Microsoft's description does (rounding toward zero), which is what ffmpeg's
 * adpcm_ms does: the output is ffmpeg's to the bit. sox shifts right by 8 instead (rounding down), so it differs
 * by one now and then on negative predictions, and the difference carries on through the block.
 */

/** The seven coefficient pairs every encoder writes, for a fmt chunk that lists none. */
const STANDARD_COEFFICIENTS = [256, 0, 512, -256, 0, 0, 192, 64, 240, 0, 460, -208, 392, -232];
/** How the delta scales after each code (256 = 1.0), by the code as an unsigned nibble. */
const ADAPTATION = [230, 230, 230, 230, 307, 409, 512, 614, 768, 614, 512, 409, 307, 230, 230, 230];
const MIN_DELTA = 16;
/**
 * ffmpeg caps the delta here so that the next scaling cannot overflow 32 bits. No encoder gets near it; damaged
 * blocks do, and capping them the same way keeps the output equal to ffmpeg's there too.
 */
const MAX_DELTA = Math.floor(0x7fffffff / 768);

const HEADER_BYTES_PER_CHANNEL = 7;
/** The two samples in the header. */
const HEADER_FRAMES = 2;

/** The codec for a Microsoft ADPCM fmt chunk; null for other than 4 bits per sample. */
export function createMsAdpcmCodec(format: BlockFormat): BlockCodec | null {
  if (format.bitsPerSample !== 4) return null;
  checkHeaderFits(format, HEADER_BYTES_PER_CHANNEL);
  const { channels, blockAlign } = format;
  const coefficients = format.adpcmCoefficients ?? STANDARD_COEFFICIENTS;
  const framesPerBlock = framesPerBlockOf(format, framesInBlock(blockAlign, channels));
  const framesInPartialBlock = (bytes: number) => Math.min(framesPerBlock, framesInBlock(bytes, channels));
  // One predictor state per channel; the header check above bounds the channel count by the 16-bit block align.
  const state = {
    coefficient1: new Int32Array(channels),
    coefficient2: new Int32Array(channels),
    delta: new Int32Array(channels),
    sample1: new Int32Array(channels),
    sample2: new Int32Array(channels),
  };
  return blockByBlockCodec(channels, blockAlign, framesPerBlock, framesInPartialBlock, (bytes, at, frames, out, outAt) => {
    const headerIsSound = readHeader(bytes, at, channels, coefficients, state);
    decodeBlock(bytes, at, channels, frames, state, out, outAt);
    return headerIsSound;
  });
}

interface ChannelStates {
  coefficient1: Int32Array;
  coefficient2: Int32Array;
  delta: Int32Array;
  sample1: Int32Array;
  sample2: Int32Array;
}

/** Frames a block of `bytes` bytes holds: the header's two, then one per channel's worth of whole nibbles. */
function framesInBlock(bytes: number, channels: number): number {
  const headerBytes = HEADER_BYTES_PER_CHANNEL * channels;
  if (bytes < headerBytes) return 0;
  return HEADER_FRAMES + Math.floor(((bytes - headerBytes) * 2) / channels);
}

/**
 * Loads each channel's state from the block header. Returns false when a predictor index is outside the table;
 * sox then uses the first pair, and so does this (ffmpeg refuses the block).
 */
function readHeader(bytes: Uint8Array, at: number, channels: number, coefficients: readonly number[], state: ChannelStates): boolean {
  const pairs = coefficients.length / 2;
  let allInRange = true;
  for (let channel = 0; channel < channels; channel++) {
    let predictor = bytes[at + channel];
    if (predictor >= pairs) {
      predictor = 0;
      allInRange = false;
    }
    state.coefficient1[channel] = coefficients[2 * predictor];
    state.coefficient2[channel] = coefficients[2 * predictor + 1];
    state.delta[channel] = readInt16LE(bytes, at + channels + 2 * channel);
    state.sample1[channel] = readInt16LE(bytes, at + 3 * channels + 2 * channel);
    state.sample2[channel] = readInt16LE(bytes, at + 5 * channels + 2 * channel);
  }
  return allInRange;
}

function decodeBlock(
  bytes: Uint8Array,
  at: number,
  channels: number,
  frames: number,
  state: ChannelStates,
  out: Int16Array,
  outAt: number,
): void {
  for (let channel = 0; channel < channels; channel++) {
    if (frames > 0) out[outAt + channel] = state.sample2[channel];
    if (frames > 1) out[outAt + channels + channel] = state.sample1[channel];
  }
  const data = at + HEADER_BYTES_PER_CHANNEL * channels;
  const codes = Math.max(0, frames - HEADER_FRAMES) * channels;
  // The codes come in the order of the interleaved output: code n is output sample n after the header's frames.
  const firstCodeAt = outAt + HEADER_FRAMES * channels;
  let channel = 0;
  for (let n = 0; n < codes; n++) {
    const byte = bytes[data + (n >> 1)];
    const code = (n & 1) === 0 ? byte >> 4 : byte & 0x0f;
    const signedCode = code >= 8 ? code - 16 : code;

    const delta = state.delta[channel];
    const sample1 = state.sample1[channel];
    const prediction = Math.trunc((sample1 * state.coefficient1[channel] + state.sample2[channel] * state.coefficient2[channel]) / 256);
    const sample = clamp16(prediction + signedCode * delta);
    state.sample2[channel] = sample1;
    state.sample1[channel] = sample;
    state.delta[channel] = Math.min(MAX_DELTA, Math.max(MIN_DELTA, (ADAPTATION[code] * delta) >> 8));
    out[firstCodeAt + n] = sample;
    channel = channel + 1 === channels ? 0 : channel + 1;
  }
}
