import { ActiveSpeechLevelMeter } from '../adjust/active-speech-level.js';
import { type FileBytes, bytesArgument, invalidArgument } from '../arguments.js';
import { QUIETEST_SPEECH_DBOV } from '../adjust/level-gain.js';
import { codecFor } from '../encode/encoder.js';
import { readWaveHeader } from '../formats/wave/read-wave-header.js';
import { DEFAULT_PROFILE, encodingOf, isOutputProfile, type OutputProfile } from '../profile/profile.js';

/**
 * What a person sees of a playback file before hearing it: its envelope, the parts of the input that were cut
 * away, where it clipped and its speech level. Plain data (a few hundred numbers), so that it crosses from a worker
 * to the page, and a review page of a thousand files stays light.
 */
export interface Waveform {
  /** Seconds the file plays. */
  seconds: number;
  /** Seconds of the input cut away before and after what the file holds (silence trimming, --trim): drawn shaded. */
  cut: { leadingSeconds: number; trailingSeconds: number };
  /** The largest magnitude in each column, in thousandths of full scale (0-1000). */
  peaks: number[];
  /** The columns that hold clipped samples: two or more in a row at the encoding's rail. */
  clipped: number[];
  /**
   * The ITU-T P.56 active speech level, dBov; null when no speech is active, or nothing is louder than the quietest
   * speech a level is set by (A-law's idle codes read at -72 dBov: silence, not speech).
   */
  activeDbov: number | null;
}

/** The written file's samples as they will sound: decoded with the codec of the profile's encoding. */
export interface Playback {
  samples: Float32Array;
  sampleRate: number;
}

/** Columns of a waveform: enough to see words and pauses at a glance, few enough for 1000 files in one page. */
export const WAVEFORM_COLUMNS = 120;

const NO_CUT = { leadingSeconds: 0, trailingSeconds: 0 };

/**
 * Decodes a playback file of `profile` (a WAV in its encoding, rate and channel count) to full-scale floats with
 * the encoding's own codec: exactly what the platform will play. null for any other file (it is not a playback
 * file of this profile, and is not what the phone plays).
 */
export async function decodePlayback(bytes: FileBytes, profile: OutputProfile = DEFAULT_PROFILE): Promise<Playback | null> {
  const view = bytesArgument(bytes, 'bytes');
  profileArgument(profile);
  const header = await readWaveHeader(view).catch(() => null);
  const spec = encodingOf(profile);
  if (!header || header.format.formatTag !== spec.waveTag || header.format.channels !== profile.channels || header.format.sampleRate !== profile.sampleRate) {
    return null;
  }
  const encoded = view.subarray(header.dataOffset, header.dataOffset + header.frames * spec.bytesPerSample);
  const samples = new Float32Array(header.frames);
  codecFor(profile.encoding).decode(encoded, samples);
  return { samples, sampleRate: profile.sampleRate };
}

/** The waveform of decoded samples; `cut` says what the conversion left out (the report's `cut`). */
export function waveformOf(playback: Playback, profile: OutputProfile = DEFAULT_PROFILE, cut = NO_CUT): Waveform {
  const { samples, sampleRate } = playbackArgument(playback);
  profileArgument(profile);
  const seconds = (value: unknown) => typeof value === 'number' && value >= 0 && Number.isFinite(value);
  if (typeof cut !== 'object' || cut === null || !seconds(cut.leadingSeconds) || !seconds(cut.trailingSeconds)) {
    throw invalidArgument('cut', 'the seconds cut before and after, { leadingSeconds, trailingSeconds } (a report\'s cut)', cut);
  }
  const rail = encodingOf(profile).rail;
  const peaks: number[] = [];
  const clipped: number[] = [];
  const columns = Math.min(WAVEFORM_COLUMNS, samples.length);
  for (let column = 0; column < columns; column++) {
    const start = Math.floor((column * samples.length) / columns);
    const end = Math.floor(((column + 1) * samples.length) / columns);
    let peak = 0;
    let flat = false;
    for (let i = start; i < end; i++) {
      const magnitude = Math.abs(samples[i]);
      if (magnitude > peak) peak = magnitude;
      // a flat top: this sample and the one before held at one value at the rail (as the peak meter counts them)
      if (magnitude >= rail && i > 0 && samples[i - 1] === samples[i]) flat = true;
    }
    peaks.push(Math.min(1000, Math.round(peak * 1000)));
    if (flat) clipped.push(column);
  }
  const meter = new ActiveSpeechLevelMeter(sampleRate);
  meter.push(samples);
  const { activeDbov } = meter.result();
  const speech = activeDbov !== null && activeDbov >= QUIETEST_SPEECH_DBOV ? activeDbov : null;
  return { seconds: samples.length / sampleRate, cut: { ...cut }, peaks, clipped, activeDbov: speech };
}

function profileArgument(profile: unknown): void {
  if (!isOutputProfile(profile)) throw invalidArgument('profile', 'an output profile such as HUAWEI_VOICECALL', profile);
}

function playbackArgument(playback: unknown): Playback {
  const given = playback as Partial<Playback> | null;
  const rate = given?.sampleRate;
  if (typeof given !== 'object' || given === null || !(given.samples instanceof Float32Array) || typeof rate !== 'number' || !(rate > 0) || !Number.isFinite(rate)) {
    throw invalidArgument('playback', 'decoded samples, { samples: Float32Array, sampleRate } (what decodePlayback returns)', playback);
  }
  return given as Playback;
}
