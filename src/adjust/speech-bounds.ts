/**
 * Where speech begins and ends in a prompt, and so how much silence leads and trails it.
 *
 * The stream is cut into 10 ms frames and only their energies are kept (100 numbers a second, 1.4 MB an hour),
 * because the thresholds depend on the whole file: its noise floor and its active speech level are known only at
 * the end. A fixed threshold fails both ways: under a recording's hiss it finds speech everywhere, above a quiet
 * talker it finds none.
 *
 * The noise floor is the 10th percentile of the frame energies: in a prompt with any leading or trailing silence
 * or pauses, more than a tenth of the frames are noise (or digital silence). Speech is a run of frames at or above
 * an edge threshold that holds at least 30 ms at or above a speech threshold: the edge threshold, lower, lets the
 * run reach back over a soft onset and forward over a decay; the 30 ms keep a click out.
 *
 * The speech threshold is 30 dB below the active level, where that is not within 10 dB of the noise floor, and
 * otherwise 10 dB above the floor; but never closer than 6 dB to the active level, which the vowels of every word
 * reach (the active level is their mean power). That cap keeps speech found in a file with too little silence to
 * measure a floor by; and when noise and speech are too close to tell apart (10 dB apart or less), it puts the
 * threshold under the noise, the whole file reads as speech and nothing is trimmed: the safe way to fail. A steady
 * signal alone, a tone or idle noise, likewise reads as speech from end to end, as it does to P.56.
 */

const FRAME_SECONDS = 0.01;
/** A floor quieter than this is digital silence (zeros, or the odd lowest bit), not noise. */
const DIGITAL_SILENCE_DBOV = -100;
const NOISE_PERCENTILE = 0.1;
/** How far below the active level the speech threshold sits when the noise allows it, dB. */
const SPEECH_BELOW_ACTIVE_DB = 30;
/** How far above the noise floor the speech threshold must stay, dB. */
const SPEECH_ABOVE_NOISE_DB = 10;
/** The speech threshold never comes closer than this to the active level, dB. */
const SPEECH_CAP_BELOW_ACTIVE_DB = 6;
/** The edge threshold: this far below the speech threshold, but kept this far above the noise floor, dB. */
const EDGE_BELOW_SPEECH_DB = 10;
const EDGE_ABOVE_NOISE_DB = 3;
/** Frames at or above the speech threshold that make a run speech rather than a click. */
const SPEECH_FRAMES = 3;

export interface SpeechBounds {
  /** First sample of speech; 0 when no speech was found. */
  speechStart: number;
  /** One past the last sample of speech (a slice end); 0 when no speech was found. */
  speechEnd: number;
  /** Seconds before the speech; the whole duration when no speech was found. */
  leadingSilenceSeconds: number;
  /** Seconds after the speech; the whole duration when no speech was found. */
  trailingSilenceSeconds: number;
  /** The 10th percentile of the 10 ms frame energies, dBov; null when that is digital silence (below -100 dBov). */
  noiseFloorDbov: number | null;
}

/** Collects 10 ms frame energies of a stream; `result` then places the speech within it. */
export class SpeechBoundsFinder {
  private readonly frameLength: number;
  /** Mean square of each finished frame. */
  private energies = new Float32Array(1024);
  private frames = 0;
  private frameSum = 0;
  private frameFill = 0;
  private samples = 0;

  constructor(readonly sampleRate: number) {
    this.frameLength = Math.max(1, Math.round(sampleRate * FRAME_SECONDS));
  }

  push(block: Float32Array): void {
    let i = 0;
    while (i < block.length) {
      const frameEnd = Math.min(block.length, i + this.frameLength - this.frameFill);
      let sum = this.frameSum;
      for (let k = i; k < frameEnd; k++) sum += block[k] * block[k];
      this.frameFill += frameEnd - i;
      i = frameEnd;
      if (this.frameFill === this.frameLength) {
        this.addFrame(sum / this.frameLength);
        this.frameSum = 0;
        this.frameFill = 0;
      } else {
        this.frameSum = sum;
      }
    }
    this.samples += block.length;
  }

  /** `activeDbov` is the stream's P.56 active level (null when it has no active speech). */
  result(activeDbov: number | null): SpeechBounds {
    const energies = this.allEnergies();
    const noiseFloorDbov = noiseFloor(energies);
    const seconds = this.samples / this.sampleRate;
    const noSpeech = {
      speechStart: 0,
      speechEnd: 0,
      leadingSilenceSeconds: seconds,
      trailingSilenceSeconds: seconds,
      noiseFloorDbov,
    };
    if (activeDbov === null) return noSpeech;

    const noise = noiseFloorDbov ?? DIGITAL_SILENCE_DBOV;
    const speechDb = Math.min(
      activeDbov - SPEECH_CAP_BELOW_ACTIVE_DB,
      Math.max(activeDbov - SPEECH_BELOW_ACTIVE_DB, noise + SPEECH_ABOVE_NOISE_DB),
    );
    const edgeDb = Math.min(speechDb, Math.max(speechDb - EDGE_BELOW_SPEECH_DB, noise + EDGE_ABOVE_NOISE_DB));
    const thresholds = { speech: powerOf(speechDb), edge: powerOf(edgeDb) };
    const first = firstSpeechFrame(energies, thresholds);
    if (first < 0) return noSpeech;
    const last = lastSpeechFrame(energies, thresholds);

    const speechStart = first * this.frameLength;
    const speechEnd = Math.min(this.samples, (last + 1) * this.frameLength);
    return {
      speechStart,
      speechEnd,
      leadingSilenceSeconds: speechStart / this.sampleRate,
      trailingSilenceSeconds: (this.samples - speechEnd) / this.sampleRate,
      noiseFloorDbov,
    };
  }

  private addFrame(meanSquare: number): void {
    if (this.frames === this.energies.length) {
      const grown = new Float32Array(this.energies.length * 2);
      grown.set(this.energies);
      this.energies = grown;
    }
    this.energies[this.frames++] = meanSquare;
  }

  /** The finished frames and, when the stream ends inside one, the part frame as a frame of its own. */
  private allEnergies(): Float32Array {
    const finished = this.energies.subarray(0, this.frames);
    if (this.frameFill === 0) return finished;
    const all = new Float32Array(this.frames + 1);
    all.set(finished);
    all[this.frames] = this.frameSum / this.frameFill;
    return all;
  }
}

interface Thresholds {
  speech: number;
  edge: number;
}

function firstSpeechFrame(energies: Float32Array, thresholds: Thresholds): number {
  let runStart = -1;
  let loudFrames = 0;
  for (let i = 0; i < energies.length; i++) {
    if (energies[i] < thresholds.edge) {
      runStart = -1;
      continue;
    }
    if (runStart < 0) {
      runStart = i;
      loudFrames = 0;
    }
    if (energies[i] >= thresholds.speech && ++loudFrames === SPEECH_FRAMES) return runStart;
  }
  return -1;
}

function lastSpeechFrame(energies: Float32Array, thresholds: Thresholds): number {
  let runEnd = -1;
  let loudFrames = 0;
  for (let i = energies.length - 1; i >= 0; i--) {
    if (energies[i] < thresholds.edge) {
      runEnd = -1;
      continue;
    }
    if (runEnd < 0) {
      runEnd = i;
      loudFrames = 0;
    }
    if (energies[i] >= thresholds.speech && ++loudFrames === SPEECH_FRAMES) return runEnd;
  }
  return -1;
}

function noiseFloor(energies: Float32Array): number | null {
  if (energies.length === 0) return null;
  const sorted = Float32Array.from(energies).sort();
  const floor = sorted[Math.floor(NOISE_PERCENTILE * (sorted.length - 1))];
  return floor > powerOf(DIGITAL_SILENCE_DBOV) ? 10 * Math.log10(floor) : null;
}

function powerOf(dbov: number): number {
  return 10 ** (dbov / 10);
}
