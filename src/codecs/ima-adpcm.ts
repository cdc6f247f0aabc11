import { type BlockCodec, type BlockFormat, blockByBlockCodec, checkHeaderFits, clamp16, framesPerBlockOf, readInt16LE } from './block-codec.js';

/**
 * IMA/DVI ADPCM in WAVE files (format tag 0x0011), as Microsoft lays it out: each block starts with a 4-byte header
 * per channel (the first sample as a little-endian int16, the step index, a reserved byte), then the channels take
 * turns with 4 bytes each, 8 samples of 4 bits, low nibble first. Blocks are independent, so any block decodes on
 * its own.
 *
 * The arithmetic is the IMA recommendation's (1992): the difference is built from shifted copies of the step
 * (step/8, plus step/4, step/2 and step for the bits of the code), as sox does it; the output is sox's to the bit.
 * ffmpeg's adpcm_ima_wav multiplies instead ((2 x code + 1) x step / 8), which rounds differently: on speech its
 * samples are a few units, at most a few dozen, away from these.
 */

/** IMA's 89 quantizer step sizes. */
const STEP_SIZES = [
  7, 8, 9, 10, 11, 12, 13, 14, 16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107,
  118, 130, 143, 157, 173, 190, 209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963,
  1060, 1166, 1282, 1411, 1552, 1707, 1878, 2066, 2272, 2499, 2749, 3024, 3327, 3660, 4026, 4428, 4871, 5358, 5894,
  6484, 7132, 7845, 8630, 9493, 10442, 11487, 12635, 13899, 15289, 16818, 18500, 20350, 22385, 24623, 27086, 29794,
  32767,
];
const MAX_STEP_INDEX = STEP_SIZES.length - 1;
/** How the step index moves after each code, by the code's magnitude (its low 3 bits). */
const STEP_INDEX_CHANGES = [-1, -1, -1, -1, 2, 4, 6, 8];

const HEADER_BYTES_PER_CHANNEL = 4;
/** Each channel's turn in the data: 4 bytes, 8 samples. */
const GROUP_BYTES = 4;
const SAMPLES_PER_GROUP = 8;

/** The codec for an IMA ADPCM fmt chunk; null for other than 4 bits per sample (3-bit IMA exists, rarely). */
export function createImaAdpcmCodec(format: BlockFormat): BlockCodec | null {
  if (format.bitsPerSample !== 4) return null;
  checkHeaderFits(format, HEADER_BYTES_PER_CHANNEL);
  const { channels, blockAlign } = format;
  const framesPerBlock = framesPerBlockOf(format, framesInBlock(blockAlign, channels));
  const framesInPartialBlock = (bytes: number) => Math.min(framesPerBlock, framesInBlock(bytes, channels));
  return blockByBlockCodec(channels, blockAlign, framesPerBlock, framesInPartialBlock, (bytes, at, frames, out, outAt) => {
    let headerIsSound = true;
    for (let channel = 0; channel < channels; channel++) {
      if (!decodeChannel(bytes, at, channel, channels, frames, out, outAt)) headerIsSound = false;
    }
    return headerIsSound;
  });
}

/** Frames a block of `bytes` bytes holds: the header's sample, then 8 per whole group of 4 bytes per channel. */
function framesInBlock(bytes: number, channels: number): number {
  const headerBytes = HEADER_BYTES_PER_CHANNEL * channels;
  if (bytes < headerBytes) return 0;
  return 1 + Math.floor((bytes - headerBytes) / (GROUP_BYTES * channels)) * SAMPLES_PER_GROUP;
}

/**
 * Decodes one channel of the block at `at` into every `channels`-th sample of `out` from `outAt`. Returns false
 * when the header's step index was out of range (sox then starts from index 0, and so does this).
 */
function decodeChannel(
  bytes: Uint8Array,
  at: number,
  channel: number,
  channels: number,
  frames: number,
  out: Int16Array,
  outAt: number,
): boolean {
  const header = at + HEADER_BYTES_PER_CHANNEL * channel;
  let predictor = readInt16LE(bytes, header);
  const declaredIndex = bytes[header + 2];
  let stepIndex = declaredIndex > MAX_STEP_INDEX ? 0 : declaredIndex;
  out[outAt + channel] = predictor;

  const data = at + HEADER_BYTES_PER_CHANNEL * channels + GROUP_BYTES * channel;
  const groupStride = GROUP_BYTES * channels;
  for (let frame = 1; frame < frames; frame++) {
    // 8 samples per group of 4 bytes: the group is position >> 3, the byte in it (position & 7) >> 1
    const position = frame - 1;
    const byte = bytes[data + (position >> 3) * groupStride + ((position & 7) >> 1)];
    const code = (position & 1) === 0 ? byte & 0x0f : byte >> 4;

    const step = STEP_SIZES[stepIndex];
    let difference = step >> 3;
    if (code & 4) difference += step;
    if (code & 2) difference += step >> 1;
    if (code & 1) difference += step >> 2;
    predictor = clamp16(code & 8 ? predictor - difference : predictor + difference);
    stepIndex = Math.min(MAX_STEP_INDEX, Math.max(0, stepIndex + STEP_INDEX_CHANGES[code & 7]));
    out[outAt + frame * channels + channel] = predictor;
  }
  return declaredIndex <= MAX_STEP_INDEX;
}
