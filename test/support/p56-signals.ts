/**
 * The signals whose P.56 figures the specs hold, as printed by the ITU-T G.191 reference tool `actlev`. Each is
 * quantized to 16 bits, as the tool reads it. To measure them again, write them as raw files and run the tool on
 * each at its rate:
 *
 *   npx vite-node test/support/write-p56-signals.ts /tmp/p56
 *   for f in /tmp/p56/*.raw; do rate=${f%.raw}; actlev -q -sf ${rate##*.} $f; done
 *
 * (`actlev` is built from src/sv56 of the openitu/STL repository: cc actlevel.c sv-p56.c ../utl/ugst-utl.c -lm.)
 */
import { seededRandom } from './mutate-wave.js';
import { bandLimitedNoise, quantize16, speechLikePrompt } from './speech-like.js';

export interface P56Signal {
  name: string;
  rate: number;
  /** The samples as 16-bit values in full-scale floats. */
  samples(): Float32Array;
}

const prompt = (name: string, options: Parameters<typeof speechLikePrompt>[0]): P56Signal => ({
  name,
  rate: options.sampleRate,
  samples: () => quantize16(speechLikePrompt(options).samples),
});

export const P56_SIGNALS: readonly P56Signal[] = [
  prompt('prompt-8k-16', { sampleRate: 8000, speechDbov: -16, seed: 2 }),
  prompt('prompt-8k-26', { sampleRate: 8000, speechDbov: -26, seed: 1 }),
  prompt('prompt-8k-45', { sampleRate: 8000, speechDbov: -45, seed: 3 }),
  prompt('prompt-16k-26', { sampleRate: 16000, speechDbov: -26, seed: 4 }),
  prompt('prompt-22k-30', { sampleRate: 22050, speechDbov: -30, seed: 5 }),
  prompt('prompt-44k-30', { sampleRate: 44100, speechDbov: -30, seed: 6 }),
  prompt('prompt-48k-20', { sampleRate: 48000, speechDbov: -20, seed: 7 }),
  prompt('noisy-8k-35', {
    sampleRate: 8000,
    speechDbov: -35,
    seed: 8,
    noiseFloorDbov: -65,
    leadingSilenceSeconds: 1.5,
    trailingSilenceSeconds: 2,
  }),
  prompt('noisy-8k-45', {
    sampleRate: 8000,
    speechDbov: -45,
    seed: 9,
    noiseFloorDbov: -65,
    leadingSilenceSeconds: 1.5,
    trailingSilenceSeconds: 2,
  }),
  ...[8000, 48000].map((sampleRate) =>
    prompt(`pauses-${sampleRate / 1000}k`, {
      sampleRate,
      speechDbov: -26,
      seed: 10,
      words: 5,
      pauseSeconds: [0.8, 1.5],
      leadingSilenceSeconds: 0.5,
      trailingSilenceSeconds: 1,
    }),
  ),
  { name: 'noise-8k-65', rate: 8000, samples: () => quantize16(bandLimitedNoise(16000, 8000, -65, seededRandom(11))) },
  {
    name: 'sine-8k-full-scale',
    rate: 8000,
    samples: () => quantize16(Float32Array.from({ length: 8000 }, (_, n) => Math.sin((2 * Math.PI * n) / 8 + 0.3))),
  },
  {
    name: 'short-8k',
    rate: 8000,
    // 10 ms from inside a word: too short for the envelope to rise, so no active speech.
    samples: () => {
      const word = speechLikePrompt({ sampleRate: 8000, speechDbov: -26, seed: 12, words: 1 });
      return quantize16(word.samples.slice(400, 480));
    },
  },
  { name: 'zeros-8k', rate: 8000, samples: () => new Float32Array(8000) },
];
