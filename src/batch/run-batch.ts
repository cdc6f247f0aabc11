import { closeSync, openSync, readSync, statSync, unlinkSync } from 'node:fs';
import { mkdir, realpath, unlink } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Piscina } from 'piscina';
import { tempPathFor } from '../node/atomic-file.js';
import { DEFAULT_MAX_FILE_BYTES } from '../platform-rules.js';
import { CANONICAL_HEADER_BYTES, OUTPUT_SAMPLE_RATE } from '../write/canonical-wave.js';
import { type ConvertJob, type ConvertedFile, emptyRecord, problemFrom, runConvertJob } from './convert-job.js';
import { CONVERTIBLE_EXTENSIONS, REPORTED_AUDIO_EXTENSIONS } from '../read/file-kinds.js';
import { type FoundInput, describeEmptySearch, findInputs } from './find-inputs.js';
import { type InFlight, committed, inFlight } from './in-flight.js';
import { type OutputMode, type PlannedOutput, isInside, planOutputs } from './plan-outputs.js';

export interface BatchOptions {
  /** Files, folders and globs, as given on the command line. */
  inputs: readonly string[];
  mode: OutputMode;
  keepNames?: boolean;
  force?: boolean;
  trim?: boolean;
  normalize?: boolean;
  level?: number;
  trimSilence?: boolean;
  voxRate?: number;
  maxBytes?: number;
  /** Worker threads; 1 converts in this thread. Default: one per core. */
  jobs?: number;
  cwd?: string;
  onProgress?: (event: BatchProgress) => void;
}

export type BatchProgress =
  | { type: 'planned'; total: number }
  | { type: 'started'; path: string }
  | { type: 'finished'; file: BatchFile; done: number; total: number };

/** One input's line in the report: the convert record plus where it was going and whether it was renamed. */
export interface BatchFile extends ConvertedFile {
  renamed: boolean;
}

export interface BatchResult {
  files: BatchFile[];
  summary: { checked: number; ok: number; failed: number; written: number; unchanged: number };
  interrupted: boolean;
}

export interface RunningBatch {
  readonly done: Promise<BatchResult>;
  /**
   * Stops at once, for a signal handler: removes the temp files of the conversions under way (synchronously, so it
   * is done before the process exits), and returns what was finished, with every other input marked interrupted.
   */
  interrupt(): BatchResult;
}

export function startBatch(options: BatchOptions): RunningBatch {
  const state = new BatchState(options);
  return { done: state.run(), interrupt: () => state.interrupt() };
}

class BatchState {
  private planned: PlannedOutput[] = [];
  private readonly finished = new Map<number, BatchFile>();
  private readonly inFlight = new Map<number, InFlight>();
  private stopped = false;
  private pool: Piscina | null = null;
  private readonly cwd: string;

  constructor(private readonly options: BatchOptions) {
    this.cwd = options.cwd ?? process.cwd();
  }

  async run(): Promise<BatchResult> {
    const discovery = await findInputs(this.options.inputs, { extensions: [...CONVERTIBLE_EXTENSIONS, ...REPORTED_AUDIO_EXTENSIONS] }, this.cwd);
    const missing: BatchFile[] = [
      ...discovery.missing.map((path) => failed(path, 'not-found', 'no such file, folder, or matching file')),
      ...discovery.empty.map((search) => failed(search.path, 'not-found', describeEmptySearch(search, 'audio files'))),
      ...discovery.skipped.map(({ path, reason }) => failed(path, 'unreadable', `${reason}: skipped, never read`)),
    ];
    this.planned = planOutputs(this.outsideOutput(discovery.inputs), this.options.mode, this.options.keepNames ?? false, this.cwd);
    this.options.onProgress?.({ type: 'planned', total: this.planned.length });

    // Inputs refused while planning (a bad name with --keep-names, say) need no worker.
    const toConvert = this.planned.filter((plan) => plan.output && !plan.problem).length;
    const jobs = Math.max(1, Math.min(this.options.jobs ?? availableParallelism(), toConvert));
    if (jobs > 1) {
      // Loaded only for a pool: a single file converts in this thread without paying for the import.
      const { Piscina } = await import('piscina');
      this.pool = new Piscina({
        filename: new URL('./convert-worker.cjs', import.meta.url).href,
        minThreads: jobs - 1,
        maxThreads: jobs - 1,
      });
    }
    try {
      let next = 0;
      const lane = async (convert: (job: ConvertJob) => Promise<ConvertedFile>) => {
        while (!this.stopped && next < this.planned.length) await this.convert(next++, convert);
      };
      // This thread is one of the `jobs`: it converts from the start, while the workers are still starting up
      // (which takes longer than converting a short prompt), instead of sitting idle beside them.
      const pool = this.pool;
      const workers = pool ? Array.from({ length: jobs - 1 }, () => lane(async (job) => (await pool.run(job)) as ConvertedFile)) : [];
      await Promise.all([lane(runConvertJob), ...workers]);
    } finally {
      await this.pool?.destroy();
    }
    return this.result(missing);
  }

  /** `convert . -o out` searches `.`, which holds out/: what an earlier run wrote there is output, not input. */
  private outsideOutput(inputs: FoundInput[]): FoundInput[] {
    const { mode } = this.options;
    if (mode.kind !== 'folder') return inputs;
    const folder = resolve(this.cwd, mode.folder);
    return inputs.filter((input) => !input.searched || !isInside(folder, resolve(this.cwd, input.path)));
  }

  interrupt(): BatchResult {
    this.stopped = true;
    for (const [index, job] of this.inFlight) {
      // A job may have moved its output into place without having told us yet: then that output is complete and
      // stays, and the report must say so rather than call it interrupted.
      if (committed(job)) {
        const plan = this.planned[index];
        this.finished.set(index, finishedUnreported(plan.input.path, job.output, plan.renamed));
      }
      try {
        unlinkSync(job.temp);
      } catch {
        // never created, or already moved into place
      }
    }
    this.inFlight.clear();
    return this.result([], true);
  }

  private async convert(index: number, convert: (job: ConvertJob) => Promise<ConvertedFile>): Promise<void> {
    const plan = this.planned[index];
    this.options.onProgress?.({ type: 'started', path: plan.input.path });
    let file: BatchFile;
    if (plan.problem || !plan.output) {
      file = failed(plan.input.path, plan.problem?.code ?? 'exists', plan.problem?.message ?? 'no output path');
    } else {
      const converted = await this.convertPlanned(index, plan.output, convert);
      // a file that got no output was not renamed: nothing was written under the new name
      file = { ...converted, renamed: plan.renamed && converted.output !== null };
    }
    if (this.stopped) return;
    this.finished.set(index, file);
    this.options.onProgress?.({ type: 'finished', file, done: this.finished.size, total: this.planned.length });
  }

  private async convertPlanned(index: number, output: string, convert: (job: ConvertJob) => Promise<ConvertedFile>) {
    const plan = this.planned[index];
    const inputPath = resolve(this.cwd, plan.input.path);
    try {
      await this.prepareFolder(output);
    } catch (error) {
      return { ...failed(plan.input.path, 'write-failed', `could not create the output folder: ${problemFrom(error).message}`) };
    }
    const temp = tempPathFor(output);
    const job: ConvertJob = {
      input: inputPath,
      givenPath: plan.input.path,
      output,
      tempPath: temp,
      maxBytes: this.options.maxBytes ?? DEFAULT_MAX_FILE_BYTES,
      trim: this.options.trim ?? false,
      normalize: this.options.normalize ?? false,
      level: this.options.level,
      trimSilence: this.options.trimSilence ?? false,
      voxRate: this.options.voxRate,
      force: (this.options.force ?? false) || (this.options.mode.kind === 'in-place' && output === inputPath),
      removeInput: this.options.mode.kind === 'in-place' && output !== inputPath,
    };
    this.inFlight.set(index, inFlight(temp, output));
    try {
      const record = await convert(job);
      return { ...record, path: plan.input.path };
    } catch (error) {
      // runConvertJob reports every failure of its own: only a worker thread that died (out of memory, say) lands
      // here, and then the batch goes on without it.
      await unlink(temp).catch(() => undefined);
      return failed(plan.input.path, 'unreadable', `the conversion stopped: ${problemFrom(error).message}`);
    } finally {
      this.inFlight.delete(index);
    }
  }

  /** Creates the output's folder and makes sure that, links resolved, it is still inside the output folder. */
  private async prepareFolder(output: string): Promise<void> {
    const folder = dirname(output);
    await mkdir(folder, { recursive: true });
    if (this.options.mode.kind !== 'folder') return;
    const root = await realpath(resolve(this.cwd, this.options.mode.folder));
    const real = await realpath(folder);
    if (!isInside(root, real)) {
      throw Object.assign(new Error(`${folder} leads outside the output folder (a symbolic link?)`), { code: 'EESCAPE' });
    }
  }

  private result(extra: BatchFile[], interrupted = false): BatchResult {
    const files: BatchFile[] = [...extra];
    this.planned.forEach((plan, index) => {
      files.push(this.finished.get(index) ?? failed(plan.input.path, 'interrupted', 'not converted: the batch was interrupted'));
    });
    const ok = files.filter((file) => file.ok).length;
    return {
      files,
      summary: {
        checked: files.length,
        ok,
        failed: files.length - ok,
        written: files.filter((file) => file.output?.outcome === 'written').length,
        unchanged: files.filter((file) => file.output?.outcome === 'unchanged').length,
      },
      interrupted,
    };
  }
}

function finishedUnreported(path: string, output: string, renamed: boolean): BatchFile {
  const bytes = statSync(output, { throwIfNoEntry: false })?.size ?? 0;
  return {
    ...emptyRecord(path),
    ok: true,
    warnings: [{ code: 'interrupted', message: 'converted as the batch was interrupted; its details were not collected' }],
    output: { path: output, bytes, seconds: samplesIn(output) / OUTPUT_SAMPLE_RATE, outcome: 'written' },
    renamed,
  };
}

/** The data size of a file this batch wrote: in the canonical layout, the last field of the header. */
function samplesIn(output: string): number {
  const header = Buffer.alloc(CANONICAL_HEADER_BYTES);
  const fd = openSync(output, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32LE(CANONICAL_HEADER_BYTES - 4);
}

function failed(path: string, code: BatchFile['problems'][number]['code'], message: string): BatchFile {
  return { ...emptyRecord(path), problems: [{ code, message }], renamed: false };
}
