import type { Entry } from './session.js';

/** Which sound of a row: the file as picked, or the playback file (decoded: what the phone will play). */
export type SoundKind = 'original' | 'converted';

export interface Sounding {
  entry: Entry;
  kind: SoundKind;
}

/** Who is told what the player does: what sounds now (null: nothing), and where it is, every frame. */
export interface PlayerListener {
  changed(now: Sounding | null): void;
  position(now: Sounding, seconds: number): void;
  /** The browser could not decode this row's original (a format only voiceprep reads, such as VOX). */
  cannotPlay(entry: Entry): void;
}

/** Play all leaves this much silence between prompts, so that each one's start and end are heard. */
const GAP_SECONDS = 0.5;

/**
 * One sound at a time, through Web Audio. The converted file is played from the samples the worker decoded with the
 * encoding's own codec, at the profile's rate, so every browser plays exactly what the phone will (none needs to
 * know A-law, mu-law or an 8 kHz file); the original is decoded by the browser itself. Pressing what plays stops it;
 * Play all plays the converted files in list order, GAP_SECONDS apart.
 */
export class Player {
  private context: AudioContext | null = null;
  private source: AudioBufferSourceNode | null = null;
  private now: Sounding | null = null;
  private queue: Entry[] | null = null;
  private gap: ReturnType<typeof setTimeout> | undefined;
  private frame = 0;
  private readonly buffers = new WeakMap<object, Promise<AudioBuffer | null>>();

  constructor(private readonly listener: PlayerListener) {}

  get sounding(): Sounding | null {
    return this.now;
  }

  get playingAll(): boolean {
    return this.queue !== null;
  }

  /** A player's press: plays that sound from `from` seconds, or stops it if it is the one sounding. */
  async toggle(entry: Entry, kind: SoundKind, from = 0): Promise<void> {
    const again = this.now?.entry === entry && this.now.kind === kind;
    this.stop();
    if (!again) await this.play(entry, kind, from);
  }

  /** Plays the converted file from `from` seconds (a click on its waveform), whatever was sounding. */
  async playFrom(entry: Entry, from: number): Promise<void> {
    this.stop();
    await this.play(entry, 'converted', from);
  }

  /** Plays the converted files of `entries` one after another, or stops if that is under way. */
  async playAll(entries: readonly Entry[]): Promise<void> {
    const wasPlayingAll = this.playingAll;
    this.stop();
    if (wasPlayingAll) return;
    this.queue = entries.filter((entry) => entry.prepared?.playback);
    this.listener.changed(null);
    await this.next();
  }

  stop(): void {
    clearTimeout(this.gap);
    const wasPlayingAll = this.queue !== null;
    this.queue = null;
    this.silence();
    // Play all ended (its last prompt, or a press) in a gap, when nothing sounded: say so too
    if (wasPlayingAll) this.listener.changed(null);
  }

  private async next(): Promise<void> {
    const entry = this.queue?.shift();
    if (!entry) {
      this.stop();
      return;
    }
    await this.play(entry, 'converted', 0);
  }

  private async play(entry: Entry, kind: SoundKind, from: number): Promise<void> {
    // created on a press: browsers start an AudioContext only in answer to one
    this.context ??= new AudioContext();
    const context = this.context;
    await context.resume();
    const sounding = { entry, kind };
    this.now = sounding;
    this.listener.changed(sounding);
    const buffer = await this.bufferOf(entry, kind);
    if (this.now !== sounding) return; // stopped, or another press, while decoding
    if (!buffer) {
      this.listener.cannotPlay(entry);
      this.finished(sounding);
      return;
    }
    const source = context.createBufferSource();
    source.buffer = buffer;
    source.connect(context.destination);
    const offset = Math.min(Math.max(0, from), buffer.duration);
    const startedAt = context.currentTime - offset;
    source.onended = () => {
      if (this.source === source) this.finished(sounding);
    };
    this.source = source;
    source.start(0, offset);
    const tick = () => {
      if (this.now !== sounding) return;
      this.listener.position(sounding, Math.min(context.currentTime - startedAt, buffer.duration));
      this.frame = requestAnimationFrame(tick);
    };
    tick();
  }

  /** A sound came to its end: the next of Play all after the gap, or nothing. */
  private finished(sounding: Sounding): void {
    if (this.now !== sounding) return;
    this.silence();
    if (this.queue) this.gap = setTimeout(() => void this.next(), GAP_SECONDS * 1000);
  }

  private silence(): void {
    cancelAnimationFrame(this.frame);
    const source = this.source;
    this.source = null;
    if (source) {
      source.onended = null;
      source.stop();
    }
    if (this.now) {
      this.now = null;
      this.listener.changed(null);
    }
  }

  /** The sound as an AudioBuffer, decoded once per file (and per conversion: new options make new samples). */
  private bufferOf(entry: Entry, kind: SoundKind): Promise<AudioBuffer | null> {
    const context = this.context as AudioContext;
    const key = kind === 'original' ? entry.picked.file : (entry.prepared as object);
    let buffer = this.buffers.get(key);
    if (!buffer) {
      buffer = kind === 'original' ? decodeOriginal(context, entry.picked.file) : Promise.resolve(convertedBuffer(entry));
      this.buffers.set(key, buffer);
    }
    return buffer;
  }
}

function convertedBuffer(entry: Entry): AudioBuffer | null {
  const prepared = entry.prepared;
  if (!prepared?.playback || prepared.playback.length === 0) return null;
  const buffer = new AudioBuffer({ length: prepared.playback.length, numberOfChannels: 1, sampleRate: prepared.playbackRate });
  buffer.copyToChannel(prepared.playback as Float32Array<ArrayBuffer>, 0);
  return buffer;
}

async function decodeOriginal(context: AudioContext, file: File): Promise<AudioBuffer | null> {
  try {
    return await context.decodeAudioData(await file.arrayBuffer());
  } catch {
    return null;
  }
}
