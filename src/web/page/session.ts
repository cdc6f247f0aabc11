import type { PageOptions, PreparedFile } from '../prepared-file.js';
import { OutputNamer, type OutputName } from './output-names.js';
import type { PickedFile } from './pick-files.js';
import type { WorkerPool } from './worker-pool.js';

/** One file of the list: where it came from, what it will be called, and how far it has got. */
export interface Entry {
  readonly picked: PickedFile;
  readonly output: OutputName;
  state: 'waiting' | 'converting' | 'done';
  /** The verdict, once the file is done. */
  prepared: PreparedFile | null;
}

/**
 * The list of files on the page and their conversion with the current options. Changing an option converts every
 * file again, so that the table and the zip always match the options shown; results of the previous run that
 * arrive late are dropped.
 */
export class Session {
  readonly entries: Entry[] = [];
  private namer = new OutputNamer();
  private run = new AbortController();

  /** `changed` is told of every entry that changes, and of the list emptied (with null). */
  constructor(
    private readonly pool: WorkerPool,
    private options: PageOptions,
    private readonly changed: (entry: Entry | null) => void,
  ) {}

  add(files: readonly PickedFile[]): void {
    for (const picked of files) {
      const entry: Entry = { picked, output: this.namer.name(picked.folder, picked.file.name), state: 'waiting', prepared: null };
      this.entries.push(entry);
      void this.convert(entry, this.run.signal);
    }
  }

  setOptions(options: PageOptions): void {
    this.options = options;
    this.restart();
    for (const entry of this.entries) void this.convert(entry, this.run.signal);
  }

  clear(): void {
    this.restart();
    this.entries.length = 0;
    this.namer = new OutputNamer();
    this.changed(null);
  }

  /** Files with a verdict, of all files. */
  get done(): number {
    return this.entries.filter((entry) => entry.state === 'done').length;
  }

  private restart(): void {
    this.run.abort();
    this.run = new AbortController();
  }

  private async convert(entry: Entry, signal: AbortSignal): Promise<void> {
    this.update(entry, 'waiting', null);
    const started = () => this.update(entry, 'converting', null);
    try {
      const prepared = await this.pool.prepare(entry.picked.file, entry.output.name, this.options, signal, started);
      if (!signal.aborted) this.update(entry, 'done', prepared);
    } catch (error) {
      if (!signal.aborted) throw error;
    }
  }

  private update(entry: Entry, state: Entry['state'], prepared: PreparedFile | null): void {
    entry.state = state;
    entry.prepared = prepared;
    this.changed(entry);
  }
}
