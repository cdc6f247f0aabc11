import { type BlockCodec, type BlockFormat, checkRoom, framesInBlocks } from './block-codec.js';

/**
 * GSM 06.10 full-rate speech (format tag 0x0031, "WAV49"), decoded as ETSI EN 300 961 (GSM 06.10) specifies it, in
 * its 16-bit fixed-point arithmetic, so that the output is libgsm's to the bit, on speech and on random bits alike
 * (which reach every saturation). ffmpeg's own gsm_ms decoder agrees on speech but not on random bits.
 *
 * Microsoft's packing puts two 160-sample frames of 260 bits each into a block of 65 bytes, as one stream read
 * least significant bit first: the first frame takes bits 0 to 259 (so it ends in the middle of byte 32), the
 * second bits 260 to 519. Within a frame the parameters come in the specification's order, each with its least
 * significant bit first: the 8 log-area ratios, then per 40-sample subframe the lag, the gain, the grid position,
 * the block maximum and the 13 pulses.
 *
 * The decoder carries state from frame to frame (the long-term history, the filter memory, the previous
 * log-area ratios), so blocks must be decoded in order from the start.
 */

const BLOCK_BYTES = 65;
const FRAME_SAMPLES = 160;
const FRAMES_PER_BLOCK = 2;
/** The first frame ends in byte 32, so a block cut off after 33 bytes still holds it. */
const FIRST_FRAME_BYTES = 33;
const FRAME_BITS = 260;
const SUBFRAMES = 4;
const SUBFRAME_SAMPLES = 40;
const PULSES = 13;

/** Bits of each coded log-area ratio. */
const LAR_BITS = [6, 6, 5, 5, 4, 4, 3, 3];
/** The specification's quantizer constants of the log-area ratios (B, MIC and 1/A), used here to decode them. */
const LAR_B = [0, 0, 2048, -2560, 94, -1792, -341, -1144];
const LAR_MIC = [-32, -32, -16, -16, -8, -8, -4, -4];
const LAR_INVA = [13107, 13107, 13107, 13107, 19223, 17476, 31454, 29708];
/** The long-term prediction gains for the four coded values. */
const LTP_GAINS = [3277, 11469, 21299, 32767];
/** Normalized mantissas of the block maximum (the inverse quantizer of the RPE pulses). */
const MANTISSA_FACTORS = [18431, 20479, 22527, 24575, 26623, 28671, 30719, 32767];
/** Lags outside this range mean "no new lag": the previous one is kept. */
const MIN_LAG = 40;
const MAX_LAG = 120;
/** The de-emphasis filter's coefficient (0.86 in Q15). */
const DEEMPHASIS = 28180;
/** Where the interpolated log-area ratios change within a frame, and how old and new are weighted (in quarters). */
const INTERPOLATION_SEGMENTS = [
  { start: 0, end: 13, newQuarters: 1 },
  { start: 13, end: 27, newQuarters: 2 },
  { start: 27, end: 40, newQuarters: 3 },
  { start: 40, end: 160, newQuarters: 4 },
] as const;

/** The parameters of one frame as they come out of the bit stream. */
interface FrameParameters {
  lar: Int16Array;
  lag: Int16Array;
  gain: Int16Array;
  gridPosition: Int16Array;
  blockMaximum: Int16Array;
  pulses: Int16Array;
}

/** The codec for a GSM 6.10 fmt chunk; null for anything but mono in 65-byte blocks. */
export function createGsm610Codec(format: BlockFormat): BlockCodec | null {
  if (format.channels !== 1 || format.blockAlign !== BLOCK_BYTES) return null;
  const framesPerBlock = FRAMES_PER_BLOCK * FRAME_SAMPLES;
  const framesInPartialBlock = (bytes: number) => (bytes >= FIRST_FRAME_BYTES ? FRAME_SAMPLES : 0);
  const parameters: FrameParameters = {
    lar: new Int16Array(8),
    lag: new Int16Array(SUBFRAMES),
    gain: new Int16Array(SUBFRAMES),
    gridPosition: new Int16Array(SUBFRAMES),
    blockMaximum: new Int16Array(SUBFRAMES),
    pulses: new Int16Array(SUBFRAMES * PULSES),
  };
  let decoder = new Gsm610Decoder();

  return {
    channels: 1,
    bytesPerBlock: BLOCK_BYTES,
    framesPerBlock,
    // Every combination of bits is a valid frame: there is no header to find fault with.
    badBlockHeaders: 0,
    framesIn: (byteCount) => framesInBlocks(byteCount, BLOCK_BYTES, framesPerBlock, framesInPartialBlock),
    decode(bytes: Uint8Array, out: Int16Array): number {
      const frames = framesInBlocks(bytes.length, BLOCK_BYTES, framesPerBlock, framesInPartialBlock);
      checkRoom(out, frames);
      for (let written = 0; written < frames; written += FRAME_SAMPLES) {
        const frameIndex = written / FRAME_SAMPLES;
        const blockStart = Math.floor(frameIndex / FRAMES_PER_BLOCK) * BLOCK_BYTES;
        unpackFrame(bytes, blockStart * 8 + (frameIndex % FRAMES_PER_BLOCK) * FRAME_BITS, parameters);
        decoder.decodeFrame(parameters, out.subarray(written, written + FRAME_SAMPLES));
      }
      return frames;
    },
    reset() {
      decoder = new Gsm610Decoder();
    },
  };
}

/** Reads one frame's 76 parameters from the least-significant-bit-first stream, starting at bit `bitOffset`. */
function unpackFrame(bytes: Uint8Array, bitOffset: number, parameters: FrameParameters): void {
  let position = bitOffset;
  const take = (bits: number): number => {
    let value = 0;
    for (let i = 0; i < bits; i++, position++) value |= ((bytes[position >> 3] >> (position & 7)) & 1) << i;
    return value;
  };
  for (let i = 0; i < 8; i++) parameters.lar[i] = take(LAR_BITS[i]);
  for (let subframe = 0; subframe < SUBFRAMES; subframe++) {
    parameters.lag[subframe] = take(7);
    parameters.gain[subframe] = take(2);
    parameters.gridPosition[subframe] = take(2);
    parameters.blockMaximum[subframe] = take(6);
    for (let i = 0; i < PULSES; i++) parameters.pulses[subframe * PULSES + i] = take(3);
  }
}

/** The decoder's memory, carried from frame to frame, and the stages of section 4.3 of the specification. */
class Gsm610Decoder {
  /**
   * The reconstructed long-term residual: 120 past samples (the longest lag), then the 40 of the subframe being
   * decoded.
   */
  private readonly residual = new Int16Array(MAX_LAG + SUBFRAME_SAMPLES);
  private previousLag = MIN_LAG;
  private previousLar = new Int16Array(8);
  private currentLar = new Int16Array(8);
  /** The short-term synthesis lattice filter's state. */
  private readonly lattice = new Int16Array(9);
  private deemphasisMemory = 0;
  private readonly excitation = new Int16Array(FRAME_SAMPLES);
  private readonly pulsesInGrid = new Int16Array(SUBFRAME_SAMPLES);
  private readonly reflection = new Int16Array(8);

  decodeFrame(parameters: FrameParameters, out: Int16Array): void {
    for (let subframe = 0; subframe < SUBFRAMES; subframe++) {
      this.decodeResidualPulses(parameters, subframe);
      this.longTermSynthesis(parameters.lag[subframe], parameters.gain[subframe], subframe);
    }
    this.decodeLar(parameters.lar);
    for (const segment of INTERPOLATION_SEGMENTS) {
      this.interpolateReflection(segment.newQuarters);
      this.shortTermSynthesis(segment.start, segment.end, out);
    }
    this.postprocess(out);
    [this.previousLar, this.currentLar] = [this.currentLar, this.previousLar];
  }

  /** RPE decoding: the 13 pulses, scaled by the block maximum, placed on every third sample from the grid position. */
  private decodeResidualPulses(parameters: FrameParameters, subframe: number): void {
    const { exponent, mantissa } = splitBlockMaximum(parameters.blockMaximum[subframe]);
    const factor = MANTISSA_FACTORS[mantissa];
    const shift = 6 - exponent;
    const rounding = shift >= 1 ? 1 << (shift - 1) : 0;
    this.pulsesInGrid.fill(0);
    const grid = parameters.gridPosition[subframe];
    for (let i = 0; i < PULSES; i++) {
      const level = ((parameters.pulses[subframe * PULSES + i] << 1) - 7) << 12;
      this.pulsesInGrid[grid + 3 * i] = add(multR(factor, level), rounding) >> shift;
    }
  }

  /** Long-term synthesis: the residual pulses plus the scaled residual of one lag ago. */
  private longTermSynthesis(codedLag: number, codedGain: number, subframe: number): void {
    const lag = codedLag < MIN_LAG || codedLag > MAX_LAG ? this.previousLag : codedLag;
    this.previousLag = lag;
    const gain = LTP_GAINS[codedGain];
    const residual = this.residual;
    for (let k = 0; k < SUBFRAME_SAMPLES; k++) {
      const sample = add(this.pulsesInGrid[k], multR(gain, residual[MAX_LAG + k - lag]));
      residual[MAX_LAG + k] = sample;
      this.excitation[subframe * SUBFRAME_SAMPLES + k] = sample;
    }
    residual.copyWithin(0, SUBFRAME_SAMPLES);
  }

  /** Decodes the coded log-area ratios of this frame into `currentLar`. */
  private decodeLar(coded: Int16Array): void {
    for (let i = 0; i < 8; i++) {
      let value = add(coded[i], LAR_MIC[i]) << 10;
      value = sub(value, LAR_B[i] << 1);
      value = multR(LAR_INVA[i], value);
      this.currentLar[i] = add(value, value);
    }
  }

  /**
   * Interpolates between the previous frame's log-area ratios and this frame's (in quarters of the new one, as the
   * specification does it, with its shifts), then turns them into reflection coefficients.
   */
  private interpolateReflection(newQuarters: number): void {
    for (let i = 0; i < 8; i++) {
      const previous = this.previousLar[i];
      const current = this.currentLar[i];
      let lar: number;
      if (newQuarters === 1) lar = add(add(previous >> 2, current >> 2), previous >> 1);
      else if (newQuarters === 2) lar = add(previous >> 1, current >> 1);
      else if (newQuarters === 3) lar = add(add(previous >> 2, current >> 2), current >> 1);
      else lar = current;
      this.reflection[i] = reflectionFromLar(lar);
    }
  }

  /** The short-term synthesis lattice filter over samples `start` to `end` of the frame. */
  private shortTermSynthesis(start: number, end: number, out: Int16Array): void {
    const state = this.lattice;
    const reflection = this.reflection;
    for (let k = start; k < end; k++) {
      let sample = this.excitation[k];
      for (let i = 7; i >= 0; i--) {
        sample = sub(sample, multR(reflection[i], state[i]));
        state[i + 1] = add(state[i], multR(reflection[i], sample));
      }
      state[0] = sample;
      out[k] = sample;
    }
  }

  /** De-emphasis, then the scaling to 16 bits that leaves the lowest 3 bits clear. */
  private postprocess(out: Int16Array): void {
    let memory = this.deemphasisMemory;
    for (let k = 0; k < FRAME_SAMPLES; k++) {
      memory = add(out[k], multR(memory, DEEMPHASIS));
      out[k] = add(memory, memory) & ~7;
    }
    this.deemphasisMemory = memory;
  }
}

/** The block maximum's code as a 3-bit mantissa and an exponent, normalized as the specification prescribes. */
function splitBlockMaximum(code: number): { exponent: number; mantissa: number } {
  let exponent = code > 15 ? (code >> 3) - 1 : 0;
  let mantissa = code - (exponent << 3);
  if (mantissa === 0) return { exponent: -4, mantissa: 7 };
  while (mantissa <= 7) {
    mantissa = (mantissa << 1) | 1;
    exponent--;
  }
  return { exponent, mantissa: mantissa - 8 };
}

/** A log-area ratio to a reflection coefficient, by the specification's piecewise-linear approximation. */
function reflectionFromLar(lar: number): number {
  const magnitude = lar < 0 ? (lar === -32768 ? 32767 : -lar) : lar;
  let reflection: number;
  if (magnitude < 11059) reflection = magnitude << 1;
  else if (magnitude < 20070) reflection = magnitude + 11059;
  else reflection = add(magnitude >> 2, 26112);
  return lar < 0 ? -reflection : reflection;
}

/** The specification's saturating 16-bit addition. */
function add(a: number, b: number): number {
  const sum = a + b;
  return sum > 32767 ? 32767 : sum < -32768 ? -32768 : sum;
}

function sub(a: number, b: number): number {
  const difference = a - b;
  return difference > 32767 ? 32767 : difference < -32768 ? -32768 : difference;
}

/** The specification's rounded Q15 multiplication; -1 x -1 saturates to the largest positive value. */
function multR(a: number, b: number): number {
  if (a === -32768 && b === -32768) return 32767;
  return (a * b + 16384) >> 15;
}
