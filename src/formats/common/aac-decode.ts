import { VoiceprepError } from '../../errors.js';
import type { DecodedChunk, PassContext } from '../common/decoded-source.js';

/**
 * AAC access units (raw, as an MP4 sample or an ADTS frame's payload holds them) decoded by FAAD2, compiled to
 * WebAssembly by @audio/decode-aac: AAC-LC, HE-AAC (SBR) and HE-AAC v2 (PS). The output is placed where FFmpeg's
 * decode places it, so that a conversion starts and ends where `ffmpeg -i` would:
 * - FAAD2 withholds its first frame (1024 samples of its output rate) and, when it runs SBR at twice the core rate,
 *   lags 962 samples more (both measured against FFmpeg 5.1 on ADTS files; the 962 is also @audio/decode-aac's);
 * - FFmpeg keeps every frame of an ADTS stream, and drops the encoder's priming that an MP4's edit list names.
 * So the output is FFmpeg's minus `WITHHELD` samples at the start: an ADTS stream gets them back as silence, an MP4
 * drops what is left of its priming; and the SBR lag's samples, which FAAD2 never lets out, end it as silence.
 */

const FRAME_SAMPLES = 1024;
const SBR_LAG = 962;
/** Undecodable units in a row after which the stream is taken to be past decoding (a file of garbage after a header). */
const MAX_ERRORS_IN_A_ROW = 64;

/**
 * What @audio/decode-aac's decoder (1.6.0, which the lock file pins) knows once its AudioSpecificConfig is read,
 * and its types leave out: the output rate (twice the core rate when SBR may be present) and channel count.
 */
interface FaadInternals {
  sr: number;
  ch: number;
}

export interface FaadDecoder {
  /** The output rate: the AudioSpecificConfig's, or twice it when FAAD2 runs SBR (HE-AAC, or possibly so). */
  readonly sampleRate: number;
  readonly channels: number;
  /** How many samples at the output rate FFmpeg's decode holds before FAAD2's first one. */
  readonly withheld: number;
  /** How many samples FFmpeg's decode holds after FAAD2's last one: the SBR lag, or none. */
  readonly heldBack: number;
  /** One access unit's samples, one array per channel; empty for a unit FAAD2 could not decode (it goes on). */
  decode(unit: Uint8Array): { channels: Float32Array[]; failed: boolean };
  free(): void;
}

type FaadModule = typeof import('@audio/decode-aac');

/** The words of a refusal when @audio/decode-aac is not installed: what to run, and why it is not there already. */
export const FAAD_MISSING =
  'decoding AAC needs the @audio/decode-aac package (FAAD2, licensed GPL-2.0, so voiceprep leaves the choice to you): install it with "npm install @audio/decode-aac", or export the recording as WAV or MP3';

/**
 * @audio/decode-aac, loaded when an AAC stream is first decoded. It is an optional peer dependency, not a dependency:
 * FAAD2 is GPL-2.0, and an MIT package that pulled it in would hand that licence to every script that installs
 * voiceprep. Installed beside it (`npm install @audio/decode-aac`), it is found; else the file is refused in words.
 */
export async function loadFaad(importer: () => Promise<FaadModule> = () => import('@audio/decode-aac')): Promise<FaadModule> {
  try {
    return await importer();
  } catch {
    throw new VoiceprepError('unsupported-encoding', FAAD_MISSING);
  }
}

/** A decoder for the stream that `asc` (ISO/IEC 14496-3 AudioSpecificConfig) describes; refuses one FAAD2 cannot take. */
export async function openFaad(asc: Uint8Array): Promise<FaadDecoder> {
  const { decoder: createFaad } = await loadFaad();
  const faad = await createFaad({ asc }).catch((error: unknown) => {
    throw new VoiceprepError('unsupported-encoding', `its AAC configuration cannot be decoded (${error instanceof Error ? error.message : String(error)})`);
  });
  const { sr: sampleRate, ch: channels } = faad as unknown as FaadInternals;
  const coreRate = coreRateOf(asc);
  const sbr = coreRate > 0 && sampleRate > coreRate * 1.5;
  return {
    sampleRate,
    channels,
    withheld: sbr ? 2 * FRAME_SAMPLES - SBR_LAG : FRAME_SAMPLES,
    heldBack: sbr ? SBR_LAG : 0,
    decode(unit) {
      const result = faad.decode(unit) as { channelData: Float32Array[]; errors?: number };
      return { channels: result.channelData, failed: (result.errors ?? 0) > 0 };
    },
    free: () => faad.free(),
  };
}

/** Where FFmpeg's decode starts. */
export interface AacPlacement {
  /** The encoder's priming that FFmpeg drops (an MP4 edit list's start), at the output rate; 0 for ADTS. */
  priming: number;
  /**
   * The length the container declares, at the output rate (an MP4's media duration), when it declares one: a
   * pass that falls short of it by more than two frames met the end of a file cut short.
   */
  declaredFrames?: number;
}

/**
 * One pass over `units`, placed as FFmpeg's decode is. `context.own` frees the decoder however the pass ends.
 */
export async function* decodeAac(
  asc: Uint8Array,
  units: AsyncIterable<Uint8Array>,
  placement: AacPlacement,
  context: PassContext,
): AsyncGenerator<DecodedChunk> {
  const faad = await openFaad(asc);
  context.own(faad);
  let skip = Math.max(0, placement.priming - faad.withheld);
  const lead = Math.max(0, faad.withheld - placement.priming);
  if (lead > 0) yield silence(faad.channels, lead);
  let decodedAny = false;
  let damaged = 0;
  let errorsInARow = 0;
  let produced = lead;
  for await (const unit of units) {
    const { channels, failed } = faad.decode(unit);
    if (failed) {
      damaged++;
      if (++errorsInARow >= MAX_ERRORS_IN_A_ROW && !decodedAny) break;
      continue;
    }
    errorsInARow = 0;
    const length = channels[0]?.length ?? 0;
    if (length === 0) continue;
    decodedAny = true;
    produced += length;
    const dropped = Math.min(skip, length);
    skip -= dropped;
    if (dropped < length) yield channels.map((samples) => samples.subarray(dropped));
  }
  if (!decodedAny) {
    throw new VoiceprepError('malformed', damaged > 0 ? 'not one frame of its AAC audio could be decoded' : 'it holds no AAC audio');
  }
  if (damaged > 0) context.warn('damaged-frames', `${damaged} damaged AAC frame(s) were skipped`);
  if (faad.heldBack > 0) yield silence(faad.channels, faad.heldBack);
  const declared = placement.declaredFrames ?? 0;
  if (produced - placement.priming + faad.heldBack < declared - 2 * faad.withheld) {
    const seconds = (frames: number) => (frames / faad.sampleRate).toFixed(1);
    context.warn('truncated', `the file is cut short: ${seconds(produced - placement.priming)} s of the ${seconds(declared)} s it declares are there, and converted`);
  }
}

function silence(channels: number, frames: number): DecodedChunk {
  return Array.from({ length: channels }, () => new Float32Array(frames));
}

const AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** The rate an AudioSpecificConfig gives its core (the samplingFrequencyIndex, or an explicit 24-bit rate). */
function coreRateOf(asc: Uint8Array): number {
  if (asc.length < 2) return 0;
  const objectType = asc[0] >> 3;
  // An escaped object type (31) moves the fields by six bits: rare, and then the rate is taken as unknown.
  if (objectType === 31) return 0;
  const index = ((asc[0] & 0x07) << 1) | (asc[1] >> 7);
  if (index < AAC_RATES.length) return AAC_RATES[index];
  if (index === 15 && asc.length >= 5) return ((asc[1] & 0x7f) << 17) | (asc[2] << 9) | (asc[3] << 1) | (asc[4] >> 7);
  return 0;
}
