/**
 * Prompts made to have one fault each (issue 22): a second half quieter than the first, mains hum in the pauses, a DC
 * offset; and clean ones, which must show none. Built on the speech-like generator, so deterministic and quick.
 */
import { seededRandom } from './mutate-wave.js';
import { bandLimitedNoise, speechLikePrompt } from './speech-like.js';

export interface Made {
  samples: Float32Array;
  sampleRate: number;
  /** The clean speech alone (no noise, no hum): zero in the pauses. */
  speech: Float32Array;
}

/** A clean prompt: speech-like words at `speechDbov` over a noise floor, with a little silence at the ends. */
export function cleanPrompt(seed: number, sampleRate = 8000, speechDbov = -26, words = 8, noiseFloorDbov = -65): Made {
  const { samples: speech } = speechLikePrompt({ sampleRate, speechDbov, seed, words, leadingSilenceSeconds: 0.3, trailingSilenceSeconds: 0.3 });
  const noise = bandLimitedNoise(speech.length, sampleRate, noiseFloorDbov, seededRandom(seed + 1000));
  return { samples: Float32Array.from(speech, (x, n) => x + noise[n]), sampleRate, speech };
}

/** Two clean prompts end to end, the second `dropDb` quieter, over one noise floor. */
export function unevenPrompt(seed: number, dropDb = 12, sampleRate = 8000, speechDbov = -20, noiseFloorDbov = -65): Made & { half: number } {
  const first = speechLikePrompt({ sampleRate, speechDbov, seed, words: 8, leadingSilenceSeconds: 0.3, trailingSilenceSeconds: 0.4 });
  const second = speechLikePrompt({ sampleRate, speechDbov: speechDbov - dropDb, seed: seed + 1, words: 8, trailingSilenceSeconds: 0.3 });
  const speech = new Float32Array(first.samples.length + second.samples.length);
  speech.set(first.samples);
  speech.set(second.samples, first.samples.length);
  const noise = bandLimitedNoise(speech.length, sampleRate, noiseFloorDbov, seededRandom(seed + 1000));
  return { samples: Float32Array.from(speech, (x, n) => x + noise[n]), sampleRate, speech, half: first.samples.length };
}

/**
 * `made` with a sine of `hz` at `levelDbov` (a sine's level) added throughout, and its 3rd and 5th harmonics at
 * `harmonics` and its square relative to it (0: a pure tone).
 */
export function withHum(made: Made, hz = 50, levelDbov = -50, harmonics = 0.5): Made {
  const amplitude = Math.SQRT2 * 10 ** (levelDbov / 20);
  const rate = made.sampleRate;
  const samples = Float32Array.from(made.samples, (x, n) => {
    const t = (2 * Math.PI * hz * n) / rate;
    return x + amplitude * (Math.sin(t) + harmonics * Math.sin(3 * t) + harmonics ** 2 * Math.sin(5 * t));
  });
  return { ...made, samples };
}

/** `made` off centre by `offset` (full scale = 1). */
export function withDc(made: Made, offset = 0.02): Made {
  return { ...made, samples: Float32Array.from(made.samples, (x) => x + offset) };
}
