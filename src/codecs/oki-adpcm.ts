import { type BlockCodec, checkRoom, clamp16 } from './block-codec.js';

/**
 * Dialogic/OKI 4-bit ADPCM, the encoding of headerless `.vox` files: one mono stream, two codes per byte, high
 * nibble first, decoded by a 12-bit ADPCM decoder that starts from 0 with the smallest step and never resets. A
 * "block" is one byte; the state runs on from one `decode` call to the next, so a file decodes in pieces of any size.
 *
 * The output is sox's (`sox -t vox -r 8000 in.vox -t s16 out.raw`) to the bit: like sox, the difference is
 * (2 x magnitude + 1) x step / 8, rounded down, in 12-bit units, and the running value is kept at 16-bit scale
 * (12-bit units times 16) and clamped to the 16-bit range.
 *
 * How the others differ:
 * - ffmpeg's `adpcm_ima_oki` computes the same differences but clamps the running value to 12 bits (-2048..2047)
 *   before scaling by 16. The two agree until the signal first reaches the top: ffmpeg then stops at 32752, sox
 *   at 32767, and sox's samples stay 15 above ffmpeg's until the signal next reaches the bottom, where both clamp
 *   to -32768 (on a clipped test file: 4490 of 20124 samples 15 apart, the rest equal).
 * - Dialogic's own description of the algorithm builds the difference from shifted copies of the step
 *   (step/8, plus step/4, step/2 and step for the bits of the code, as IMA does), which rounds differently from
 *   the product for some steps and codes; sox, ffmpeg and this decoder all use the product.
 */

/** The 49 step sizes of the 12-bit decoder. */
const STEP_SIZES = [
  16, 17, 19, 21, 23, 25, 28, 31, 34, 37, 41, 45, 50, 55, 60, 66, 73, 80, 88, 97, 107, 118, 130, 143, 157, 173, 190,
  209, 230, 253, 279, 307, 337, 371, 408, 449, 494, 544, 598, 658, 724, 796, 876, 963, 1060, 1166, 1282, 1411, 1552,
];
const MAX_STEP_INDEX = STEP_SIZES.length - 1;
/** How the step index moves after each code, by the code's magnitude (its low 3 bits). */
const STEP_INDEX_CHANGES = [-1, -1, -1, -1, 2, 4, 6, 8];
/** 12-bit units to 16-bit samples. */
const SCALE_TO_16_BITS = 16;

export function createOkiAdpcmCodec(): BlockCodec {
  let sample = 0;
  let stepIndex = 0;

  const decodeCode = (code: number): number => {
    const magnitude = code & 7;
    const difference = ((STEP_SIZES[stepIndex] * (2 * magnitude + 1)) >> 3) * SCALE_TO_16_BITS;
    sample = clamp16(code & 8 ? sample - difference : sample + difference);
    stepIndex = Math.min(MAX_STEP_INDEX, Math.max(0, stepIndex + STEP_INDEX_CHANGES[magnitude]));
    return sample;
  };

  return {
    channels: 1,
    bytesPerBlock: 1,
    framesPerBlock: 2,
    badBlockHeaders: 0,
    framesIn: (byteCount) => 2 * byteCount,
    decode(bytes: Uint8Array, out: Int16Array): number {
      checkRoom(out, 2 * bytes.length);
      for (let i = 0; i < bytes.length; i++) {
        out[2 * i] = decodeCode(bytes[i] >> 4);
        out[2 * i + 1] = decodeCode(bytes[i] & 0x0f);
      }
      return 2 * bytes.length;
    },
    reset() {
      sample = 0;
      stepIndex = 0;
    },
  };
}
