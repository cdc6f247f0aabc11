import type { PageOptions, PreparedFile } from '../prepared-file.js';
import { OutputNamer, type CompliantNames, type OutputName } from './output-names.js';
import type { PickedFile } from './pick-files.js';
import type { WorkerPool } from './worker-pool.js';

/** One file of the list: where it came from, what it will be called, and how far it has got. */
export interface Entry {
  readonly picked: PickedFile;
  /** Named again when the target changes. */
  output: OutputName;
  state: 'waiting' | 'converting' | 'done';
  /** The verdict, once the file is done. */
  prepared: PreparedFile | null;
}

/** Who is told what: one entry changed, or the list as a whole (files on their way in, the list emptied). */
export interface SessionListener {
  entryChanged(entry: Entry): void;
  listChanged(): void;
}

/**
 * The list of files on the page and their conversion with the current options. Changing an option converts every
 * file again, so that the table and the zip always match the options shown; results of the previous run that
 * arrive late are dropped.
 */
export class Session {
  readonly entries: Entry[] = [];
  private namer: OutputNamer;
  /** Aborted when the files must be converted again (new options) or no more (the list was cleared). */
  private run = new AbortController();
  /** Picks are named one after the other, in the order they came, as names depend on the names before them. */
  private naming = Promise.resolve();
  private picksBeingNamed = 0;

  constructor(
    private readonly pool: Pick<WorkerPool, 'prepare'>,
    private readonly compliantNames: CompliantNames,
    private options: PageOptions,
    private readonly listener: SessionListener,
  ) {
    this.namer = new OutputNamer(compliantNames, options.target);
  }

  /** Whether any file still lacks a verdict (files being named count: they are on their way into the list). */
  get busy(): boolean {
    return this.picksBeingNamed > 0 || this.entries.some((entry) => entry.state !== 'done');
  }

  add(files: readonly PickedFile[]): Promise<void> {
    const { namer } = this;
    this.picksBeingNamed++;
    this.listener.listChanged();
    this.naming = this.naming.then(async () => {
      const outputs = await namer.names(files.map((picked) => ({ folder: picked.folder, name: picked.file.name }))).finally(() => {
        this.picksBeingNamed--;
      });
      // Unless the list was cleared meanwhile: then these files went with it.
      if (namer === this.namer) {
        files.forEach((picked, index) => {
          const entry: Entry = { picked, output: outputs[index], state: 'waiting', prepared: null };
          this.entries.push(entry);
          void this.convert(entry, this.run.signal);
        });
      }
      this.listener.listChanged();
    });
    return this.naming;
  }

  /** Converts every file again with `options`; another target names them again first, by its own rules. */
  setOptions(options: PageOptions): Promise<void> {
    const renamed = options.target !== this.options.target;
    this.options = options;
    this.restart();
    const { signal } = this.run;
    if (!renamed) {
      for (const entry of this.entries) void this.convert(entry, signal);
      return Promise.resolve();
    }
    // names depend on the names before them: the whole list is named again, in its order, after any pick under way
    const namer = (this.namer = new OutputNamer(this.compliantNames, options.target));
    this.naming = this.naming.then(async () => {
      const entries = [...this.entries];
      const outputs = await namer.names(entries.map((entry) => ({ folder: entry.picked.folder, name: entry.picked.file.name })));
      if (namer !== this.namer || signal.aborted) return;
      entries.forEach((entry, index) => {
        entry.output = outputs[index];
        void this.convert(entry, signal);
      });
      this.listener.listChanged();
    });
    return this.naming;
  }

  /** Empties the list. Its names are free again: a new namer (which also tells picks still being named apart). */
  clear(): void {
    this.restart();
    this.entries.length = 0;
    this.namer = new OutputNamer(this.compliantNames, this.options.target);
    this.listener.listChanged();
  }

  /** Files with a verdict. */
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
    this.listener.entryChanged(entry);
  }
}
