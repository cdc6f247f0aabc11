import { PeakMeter } from '../adjust/peak-meter.js';
import { MonoMixer } from '../mix/mix-to-mono.js';
import type { AudioSource } from '../source/audio-source.js';
import { createResampler } from '../resample/create-resampler.js';
import type { Kernels } from '../wasm/kernels.js';
import type { Stage } from '../stage/stage.js';

/** Input decoded past the last output needed: more than any filter reads ahead (97 ms at 1000 Hz, the slowest rate). */
const LOOK_AHEAD_SECONDS = 0.125;
/** Small enough that a block and its float copies stay in the CPU's caches between stages. */
export const DEFAULT_BLOCK_SAMPLES = 1 << 16;

/** How to stop a conversion under way: an AbortSignal, or anything with its `aborted` and `throwIfAborted`. */
export interface StopSignal {
  readonly aborted: boolean;
  throwIfAborted(): void;
}

/**
 * A pass reads with blocking reads and decodes in one chain of promises, which never lets Node's event loop turn: a
 * signal handler (Ctrl-C), or a worker's finished job, would wait for the whole file. So in Node a pass gives the
 * loop a turn this often: a batch's main thread converts too, and between its blocks it takes the workers' results
 * and hands them their next files (a turn costs a few microseconds; at 20 ms a worker's queue could run dry while it
 * waited). Browsers convert in workers, where nothing waits on the loop, and get no such turns.
 */
const YIELD_MS = 2;
const nextTurn = typeof setImmediate === 'function' ? () => new Promise<void>((resolve) => setImmediate(resolve)) : null;

/** What a pass produces: the output's rate, and its encoding's rail (src/profile/encodings.ts). */
export interface PassOutput {
  readonly rate: number;
  readonly rail: number;
}

/**
 * One pass over an input: decoded, mixed to mono and resampled to the output's rate, block by block, in the kernels'
 * memory.
 * When only the first `outputLimit` samples are wanted, only as much input is decoded as they need, plus the
 * filters' look-ahead. Conversion makes one pass (two when it measures first); `check --level` makes one.
 */
export class OutputRatePass {
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
  readonly sourcePeaks: PeakMeter;
  /** Where the output encoding cannot tell a sample from full scale: the source's flat tops are judged there. */
  private readonly rail: number;
  private readonly mixer: MonoMixer;
  private readonly resampler: Stage;
  private readonly blockFrames: number;
  private readonly maxFrames: number;

  constructor(
    private readonly audio: AudioSource,
    private readonly kernels: Kernels,
    output: PassOutput,
    outputLimit = Infinity,
    blockSamples = DEFAULT_BLOCK_SAMPLES,
    private readonly signal?: StopSignal,
  ) {
    const rate = audio.sampleRate;
    const outputRate = output.rate;
    this.rail = output.rail;
    this.sourcePeaks = new PeakMeter(output.rail);
    this.blockFrames = Math.max(1, Math.floor(blockSamples / audio.channels));
    this.maxFrames = Number.isFinite(outputLimit)
      ? Math.ceil((outputLimit * rate) / outputRate) + Math.ceil(rate * LOOK_AHEAD_SECONDS)
      : Infinity;
    this.mixer = new MonoMixer(kernels, audio.channels, this.blockFrames);
    this.resampler = createResampler(kernels, rate, outputRate, this.blockFrames);
    this.maxBlock = OutputRatePass.maxBlock(audio, outputRate, blockSamples);
  }

  /** The largest block a pass over `audio` hands on from `flow`. */
  static maxBlock(audio: AudioSource, outputRate: number, blockSamples = DEFAULT_BLOCK_SAMPLES): number {
    const blockFrames = Math.max(1, Math.floor(blockSamples / audio.channels));
    return Math.max(blockFrames, Math.ceil((blockFrames * outputRate) / audio.sampleRate) + 1024);
  }

  /** `mono` is a view of the kernels' memory (the mixer's output), where the peak kernel reads it. */
  private measureSource(mono: Float32Array): void {
    if (mono.length === 0) return;
    const peak = this.kernels.exports.peak_magnitude(mono.byteOffset, mono.length);
    if (peak < this.rail) this.sourcePeaks.pushBelowRail(peak);
    else this.sourcePeaks.push(mono);
  }

  /** Hands every block at the output rate to `consume`; a block is only valid until `consume` returns. */
  async run(consume: (block: Float32Array) => void | Promise<void>): Promise<void> {
    const buffer = (bytes: number) => this.mixer.input(bytes);
    let yielded = Date.now();
    for await (const block of this.audio.blocks({ blockFrames: this.blockFrames, maxFrames: this.maxFrames, buffer })) {
      this.signal?.throwIfAborted();
      for (const mono of this.mixer.mix(block)) {
        this.frames += mono.length;
        this.measureSource(mono);
        await consume(this.resampler.flow(mono));
      }
      if (nextTurn && Date.now() - yielded > YIELD_MS) {
        await nextTurn();
        yielded = Date.now();
      }
    }
    this.cutShort = this.frames >= this.maxFrames;
    await consume(this.resampler.drain());
  }
}
