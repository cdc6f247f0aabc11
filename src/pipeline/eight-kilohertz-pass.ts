import { ALAW_RAIL, PeakMeter } from '../adjust/peak-meter.js';
import { MonoMixer } from '../mix/mix-to-mono.js';
import type { AudioSource } from '../read/audio-source.js';
import { createResampler } from '../resample/create-resampler.js';
import type { Kernels } from '../wasm/kernels.js';
import { OUTPUT_SAMPLE_RATE } from '../write/canonical-wave.js';
import type { Stage } from './stage.js';

/** Input decoded past the last output needed: more than any filter reads ahead (26 ms at 1000 Hz, the slowest rate). */
const LOOK_AHEAD_SECONDS = 0.05;
/** Small enough that a block and its float copies stay in the CPU's caches between stages. */
export const DEFAULT_BLOCK_SAMPLES = 1 << 16;

/**
 * One pass over an input: decoded, mixed to mono and resampled to 8000 Hz, block by block, in the kernels' memory.
 * When only the first `outputLimit` samples are wanted, only as much input is decoded as they need, plus the
 * filters' look-ahead. Conversion makes one pass (two when it measures first); `check --level` makes one.
 */
export class EightKilohertzPass {
  /** The largest block handed on from `flow` (the drain's last one may be larger). */
  readonly maxBlock: number;
  /** Input frames decoded. */
  frames = 0;
  /** Whether decoding stopped at the frames the wanted output needs (so the input's true length was not counted). */
  cutShort = false;
  /**
   * Flat tops in the input's own samples, at its own rate, mixed to mono (so a flat top in one channel of a stereo
   * file, the other moving, is not seen): whether the recording clipped is judged here, before resampling.
   */
  readonly sourcePeaks = new PeakMeter();
  private readonly mixer: MonoMixer;
  private readonly resampler: Stage;
  private readonly blockFrames: number;
  private readonly maxFrames: number;

  constructor(
    private readonly audio: AudioSource,
    private readonly kernels: Kernels,
    outputLimit = Infinity,
    blockSamples = DEFAULT_BLOCK_SAMPLES,
  ) {
    const rate = audio.sampleRate;
    this.blockFrames = Math.max(1, Math.floor(blockSamples / audio.channels));
    this.maxFrames = Number.isFinite(outputLimit)
      ? Math.ceil((outputLimit * rate) / OUTPUT_SAMPLE_RATE) + Math.ceil(rate * LOOK_AHEAD_SECONDS)
      : Infinity;
    this.mixer = new MonoMixer(kernels, audio.channels, this.blockFrames);
    this.resampler = createResampler(kernels, rate, OUTPUT_SAMPLE_RATE, this.blockFrames);
    this.maxBlock = EightKilohertzPass.maxBlock(audio, blockSamples);
  }

  /** The largest block a pass over `audio` hands on from `flow`. */
  static maxBlock(audio: AudioSource, blockSamples = DEFAULT_BLOCK_SAMPLES): number {
    const blockFrames = Math.max(1, Math.floor(blockSamples / audio.channels));
    return Math.max(blockFrames, Math.ceil((blockFrames * OUTPUT_SAMPLE_RATE) / audio.sampleRate) + 1024);
  }

  /** `mono` is a view of the kernels' memory (the mixer's output), where the peak kernel reads it. */
  private measureSource(mono: Float32Array): void {
    if (mono.length === 0) return;
    const peak = this.kernels.exports.peak_magnitude(mono.byteOffset, mono.length);
    if (peak < ALAW_RAIL) this.sourcePeaks.pushBelowRail(peak);
    else this.sourcePeaks.push(mono);
  }

  /** Hands every 8 kHz block to `consume`; a block is only valid until `consume` returns. */
  async run(consume: (block: Float32Array) => void | Promise<void>): Promise<void> {
    const buffer = (bytes: number) => this.mixer.input(bytes);
    for await (const block of this.audio.blocks({ blockFrames: this.blockFrames, maxFrames: this.maxFrames, buffer })) {
      for (const mono of this.mixer.mix(block)) {
        this.frames += mono.length;
        this.measureSource(mono);
        await consume(this.resampler.flow(mono));
      }
    }
    this.cutShort = this.frames >= this.maxFrames;
    await consume(this.resampler.drain());
  }
}
