/**
 * Deterministic speech-like prompts for level and silence tests: words of voiced syllables (a fundamental with
 * harmonics shaped by three formants, an attack and a decay on every syllable), some words opening with a soft
 * fricative, pauses between words, optional leading and trailing silence and an optional noise floor.
 *
 * Everything sits below 3.4 kHz at every sample rate, so a prompt keeps its level when it is resampled to 8 kHz:
 * the same options at 8 and 48 kHz give the same levels after conversion.
 */
import { seededRandom, type Random } from './mutate-wave.js';

export interface SpeechLikeOptions {
  sampleRate: number;
  /**
   * Level in dBov (1.0 = full scale; a full-scale sine is -3.01 dBov): the RMS over each word and the 0.2 s after it
   * (up to the next word), which is about what P.56 counts as active, so P.56 reads within 0.3 dB of it. Peaks
   * stay 2 dB or more below full scale at -16 dBov.
   */
  speechDbov: number;
  seed?: number;
  words?: number;
  /** Shortest and longest pause between words, seconds. Pauses over about 0.35 s are silence to P.56. */
  pauseSeconds?: readonly [number, number];
  leadingSilenceSeconds?: number;
  trailingSilenceSeconds?: number;
  /** RMS of a Gaussian noise, band-limited to 3.4 kHz, over the whole prompt (dBov); digital silence without it. */
  noiseFloorDbov?: number;
}

export interface SpeechLikePrompt {
  samples: Float32Array;
  sampleRate: number;
  /** First sample of the first word, its soft onset included. */
  speechStart: number;
  /** One past the last sample of the last word, its decay included. */
  speechEnd: number;
}

const TOP_FREQUENCY = 3400;
/** Fricatives are this much below the vowels that follow them (a soft /s/ or /h/ onset). */
const FRICATIVE_DB = -12;
const P56_HANGOVER_SECONDS = 0.2;
/** The last syllable fades over this long: a soft decay that a trim must keep. */
const FINAL_DECAY_SECONDS = 0.2;

interface Span {
  start: number;
  length: number;
}

interface Syllable extends Span {
  attack: number;
  decay: number;
  f0Start: number;
  f0End: number;
  formants: [number, number, number];
  /** Level of the syllable's steady part relative to the others, dB (stress). */
  stressDb: number;
}

export function speechLikePrompt(options: SpeechLikeOptions): SpeechLikePrompt {
  const rate = options.sampleRate;
  const random = seededRandom(options.seed ?? 1);
  const [shortestPause, longestPause] = options.pauseSeconds ?? [0.15, 0.45];
  const wordCount = options.words ?? 4;
  const toSamples = (seconds: number) => Math.round(seconds * rate);

  const syllables: Syllable[] = [];
  const fricatives: Span[] = [];
  const words: Span[] = [];
  let at = toSamples(options.leadingSilenceSeconds ?? 0);
  for (let word = 0; word < wordCount; word++) {
    if (word > 0) at += toSamples(between(random, shortestPause, longestPause));
    const wordStart = at;
    // The first word always opens softly, so that every prompt tests the onset a trim must not cut.
    if (word === 0 || random() < 0.4) {
      const length = toSamples(between(random, 0.05, 0.09));
      fricatives.push({ start: at, length });
      at += Math.round(length * 0.8); // the vowel starts under the end of the fricative
    }
    const f0 = between(random, 95, 230);
    const syllableCount = 1 + Math.floor(random() * 3);
    for (let s = 0; s < syllableCount; s++) {
      if (s > 0) at += toSamples(between(random, 0.02, 0.07));
      const last = word === wordCount - 1 && s === syllableCount - 1;
      const length = toSamples(between(random, 0.12, 0.26) + (last ? FINAL_DECAY_SECONDS : 0));
      syllables.push({
        start: at,
        length,
        attack: toSamples(between(random, 0.015, 0.045)),
        decay: last ? toSamples(FINAL_DECAY_SECONDS) : toSamples(between(random, 0.04, 0.09)),
        f0Start: f0 * between(random, 0.92, 1.1),
        f0End: f0 * between(random, 0.8, 1.02),
        formants: [between(random, 300, 800), between(random, 900, 2200), between(random, 2300, 3000)],
        stressDb: between(random, -4, 0),
      });
      at += length;
    }
    words.push({ start: wordStart, length: at - wordStart });
  }
  const speechEnd = at;
  const total = at + toSamples(options.trailingSilenceSeconds ?? 0);

  const speech = new Float64Array(total);
  for (const syllable of syllables) addSyllable(speech, syllable, rate);
  const fricativeRms = rmsOver(speech, syllables) * 10 ** (FRICATIVE_DB / 20);
  for (const fricative of fricatives) addFricative(speech, fricative, rate, fricativeRms, random);
  scaleToLevel(speech, countedByP56(words, toSamples(P56_HANGOVER_SECONDS), total), options.speechDbov);

  const samples = Float32Array.from(speech);
  if (options.noiseFloorDbov !== undefined) {
    const noise = bandLimitedNoise(total, rate, options.noiseFloorDbov, random);
    for (let n = 0; n < total; n++) samples[n] += noise[n];
  }
  return { samples, sampleRate: rate, speechStart: words[0].start, speechEnd };
}

/** Band-limited (below 3.4 kHz) Gaussian noise of the given RMS level in dBov, `length` samples long. */
export function bandLimitedNoise(length: number, rate: number, levelDbov: number, random: Random): Float32Array {
  const taps = lowPassTaps(rate);
  const white = new Float64Array(length + taps.length);
  for (let n = 0; n < white.length; n++) white[n] = gaussian(random);
  const filtered = new Float64Array(length);
  for (let n = 0; n < length; n++) {
    let sum = 0;
    for (let k = 0; k < taps.length; k++) sum += taps[k] * white[n + k];
    filtered[n] = sum;
  }
  let energy = 0;
  for (let n = 0; n < length; n++) energy += filtered[n] * filtered[n];
  const gain = length > 0 && energy > 0 ? 10 ** (levelDbov / 20) / Math.sqrt(energy / length) : 0;
  return Float32Array.from(filtered, (value) => value * gain);
}

/** Rounds to 16-bit steps, as a 16-bit file (and so sv56) sees the signal. */
export function quantize16(samples: Float32Array): Float32Array {
  return Float32Array.from(samples, (value) => Math.max(-32768, Math.min(32767, Math.round(value * 32768))) / 32768);
}

/** 16-bit little-endian raw bytes, the input format of the G.191 tools. */
export function raw16(samples: Float32Array): Uint8Array {
  const bytes = new Uint8Array(samples.length * 2);
  const view = new DataView(bytes.buffer);
  for (let n = 0; n < samples.length; n++) {
    view.setInt16(2 * n, Math.max(-32768, Math.min(32767, Math.round(samples[n] * 32768))), true);
  }
  return bytes;
}

function addSyllable(out: Float64Array, syllable: Syllable, rate: number): void {
  const harmonics = Math.floor(TOP_FREQUENCY / Math.min(syllable.f0Start, syllable.f0End));
  // The formants shape the harmonics as they are at the start of the syllable; the glide moves them a little.
  const amplitudes = Array.from({ length: harmonics }, (_, i) =>
    formantWeight((i + 1) * syllable.f0Start, syllable.formants),
  );
  const phases = schroederPhases(amplitudes.map((amplitude) => amplitude * amplitude));
  // Every syllable gets the same steady level but for its stress, whatever its formants make of the spectrum.
  const steadyPower = amplitudes.reduce((sum, amplitude) => sum + (amplitude * amplitude) / 2, 0);
  const gain = 10 ** (syllable.stressDb / 20) / Math.sqrt(steadyPower);
  // sin(h·phase + phases[h]) is the imaginary part of e^(i·h·phase) · e^(i·phases[h]): one complex rotation per
  // harmonic instead of a sine.
  const cosines = amplitudes.map((amplitude, i) => gain * amplitude * Math.cos(phases[i]));
  const sines = amplitudes.map((amplitude, i) => gain * amplitude * Math.sin(phases[i]));
  let phase = 0;
  for (let i = 0; i < syllable.length; i++) {
    const f0 = syllable.f0Start + ((syllable.f0End - syllable.f0Start) * i) / syllable.length;
    phase += (2 * Math.PI * f0) / rate;
    const stepRe = Math.cos(phase);
    const stepIm = Math.sin(phase);
    let re = stepRe;
    let im = stepIm;
    let sum = 0;
    for (let h = 0; h < harmonics; h++) {
      const frequency = (h + 1) * f0;
      if (frequency >= TOP_FREQUENCY) break;
      sum += bandEdge(frequency) * (im * cosines[h] + re * sines[h]);
      const nextRe = re * stepRe - im * stepIm;
      im = re * stepIm + im * stepRe;
      re = nextRe;
    }
    out[syllable.start + i] += sum * envelope(i, syllable.length, syllable.attack, syllable.decay);
  }
}

/**
 * Schroeder's phases for a harmonic complex of the given powers: they spread each period's energy evenly in time,
 * which keeps the peaks low (a crest factor near a sine's, as in real vowels at telephone bandwidth) so that prompts
 * at -16 dBov do not clip.
 */
function schroederPhases(powers: readonly number[]): number[] {
  const total = powers.reduce((sum, p) => sum + p, 0);
  const phases: number[] = [];
  for (let n = 1; n <= powers.length; n++) {
    let sum = 0;
    for (let l = 1; l < n; l++) sum += ((n - l) * powers[l - 1]) / total;
    phases.push(-2 * Math.PI * sum);
  }
  return phases;
}

function addFricative(out: Float64Array, fricative: Span, rate: number, rms: number, random: Random): void {
  const noise = bandLimitedNoise(fricative.length, rate, 20 * Math.log10(rms), random);
  // Rises over most of its length and falls away under the vowel: the onset is as soft as the fricative allows.
  const rise = Math.round(fricative.length * 0.7);
  const fall = fricative.length - rise;
  for (let i = 0; i < fricative.length; i++) {
    out[fricative.start + i] += noise[i] * envelope(i, fricative.length, rise, fall);
  }
}

function rmsOver(signal: Float64Array, spans: readonly Span[]): number {
  let energy = 0;
  let count = 0;
  for (const { start, length } of spans) {
    for (let n = start; n < start + length; n++) energy += signal[n] * signal[n];
    count += length;
  }
  return Math.sqrt(energy / count);
}

/** A spectral envelope of three formant peaks over a -6 dB/octave slope. */
function formantWeight(frequency: number, formants: readonly number[]): number {
  let peaks = 0;
  for (let i = 0; i < formants.length; i++) {
    const offset = (frequency - formants[i]) / (80 + 40 * i); // higher formants are wider and weaker
    peaks += 1 / ((i + 1) * (1 + offset * offset));
  }
  return ((0.15 + peaks) * 100) / frequency;
}

/** Fades harmonics out between 3 and 3.4 kHz, so that none switches on or off as the pitch glides. */
function bandEdge(frequency: number): number {
  if (frequency <= 3000) return 1;
  return 0.5 * (1 + Math.cos((Math.PI * (frequency - 3000)) / (TOP_FREQUENCY - 3000)));
}

/** Raised-cosine attack and decay: the envelope starts and ends at zero without a corner. */
function envelope(i: number, length: number, attack: number, decay: number): number {
  if (i < attack) return 0.5 * (1 - Math.cos((Math.PI * (i + 0.5)) / attack));
  const fromEnd = length - i;
  if (fromEnd <= decay) return 0.5 * (1 - Math.cos((Math.PI * (fromEnd - 0.5)) / decay));
  return 1;
}

/** Each word and the hangover after it (up to the next word): roughly the samples P.56 counts as active. */
function countedByP56(words: readonly Span[], hangover: number, total: number): Span[] {
  return words.map((word, i) => {
    const end = Math.min(word.start + word.length + hangover, i + 1 < words.length ? words[i + 1].start : total);
    return { start: word.start, length: end - word.start };
  });
}

function scaleToLevel(speech: Float64Array, words: readonly Span[], levelDbov: number): void {
  const gain = 10 ** (levelDbov / 20) / rmsOver(speech, words);
  for (let n = 0; n < speech.length; n++) speech[n] *= gain;
}

/** Windowed-sinc low-pass at 3.4 kHz (Blackman window, about 1 kHz of transition at any rate). */
function lowPassTaps(rate: number): Float64Array {
  const cutoff = Math.min(TOP_FREQUENCY, 0.45 * rate) / rate;
  const length = 2 * Math.ceil((2.75 * rate) / 1000) + 1;
  const middle = (length - 1) / 2;
  const taps = new Float64Array(length);
  for (let k = 0; k < length; k++) {
    const x = k - middle;
    const sinc = x === 0 ? 2 * cutoff : Math.sin(2 * Math.PI * cutoff * x) / (Math.PI * x);
    const turn = (2 * Math.PI * k) / (length - 1);
    const window = 0.42 - 0.5 * Math.cos(turn) + 0.08 * Math.cos(2 * turn);
    taps[k] = sinc * window;
  }
  return taps;
}

function gaussian(random: Random): number {
  // Box-Muller; 1 - random() keeps the logarithm away from zero.
  return Math.sqrt(-2 * Math.log(1 - random())) * Math.cos(2 * Math.PI * random());
}

function between(random: Random, low: number, high: number): number {
  return low + (high - low) * random();
}
