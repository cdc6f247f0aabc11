import { closeSync, openSync, readSync, statSync } from 'node:fs';
import { unlink } from 'node:fs/promises';
import { availableParallelism, totalmem } from 'node:os';
import { dirname, resolve } from 'node:path';
import type { Piscina } from 'piscina';
import { makeFolderInside } from '../node/make-folder.js';
import { isVoiceprepError } from '../errors.js';
import type { ConvertSettings } from '../pipeline/settings.js';
import type { ProblemCode } from '../check/file-record.js';
import { DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';
import { canonicalLayout } from '../write/canonical-wave.js';
import { type ConvertJob, type ConvertedFile, emptyRecord, failedConversion, jobProblem, runConvertJob } from './convert-job.js';
import { findBatchInputs } from './batch-inputs.js';
import { committed, inFlight } from './in-flight.js';
import { batchTempPath, removeLeftovers } from '../node/temp-files.js';
import { mostWorkFirst } from './work-order.js';
import { type Lane, shareFiles } from './share-files.js';
import { type OutputMode, type PlannedOutput } from './plan-outputs.js';

export interface BatchOptions {
  /** Files, folders and globs, as given on the command line. */
  inputs: readonly string[];
  mode: OutputMode;
  keepNames?: boolean;
  force?: boolean;
  /** What each file's conversion is asked for, handed to every job unchanged. */
  settings?: ConvertSettings;
  /** Files converted at once, in this thread and worker threads; 1 converts in this thread. At most one per core. */
  jobs?: number;
  cwd?: string;
  onProgress?: (event: BatchProgress) => void;
}

export type BatchProgress =
  | { type: 'planned'; total: number; jobs: number }
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
  /** Temp files that runs which could not clean up (kill -9) had left in the output folders, removed by this one. */
  removedTempFiles: string[];
}

export interface RunningBatch {
  /** Resolves once every conversion has ended: finished, failed, or stopped (and its temp file removed). */
  readonly done: Promise<BatchResult>;
  /**
   * Asks the batch to stop, for a signal handler: no conversion starts after it, and those under way stop at their
   * next block, removing their temp files, unless they are already past their last write (then they finish and
   * are reported as finished). `done` then resolves with `interrupted: true` and every input not converted marked
   * interrupted. Nothing is left to do after `done`, so the process can let its output drain and end by itself.
   */
  stop(): void;
}

export function startBatch(options: BatchOptions): RunningBatch {
  const state = new BatchState(options);
  return { done: state.run(), stop: () => state.stop() };
}

class BatchState {
  private planned: PlannedOutput[] = [];
  private readonly finished = new Map<number, BatchFile>();
  /** Shared with every job (and so with the worker threads): non-zero once the batch is stopped. */
  private readonly stopFlag = new Int32Array(new SharedArrayBuffer(4));
  private stopped = false;
  private settled = false;
  private pool: Piscina | null = null;
  private readonly cwd: string;
  /** Each output folder's leftover temp files are looked for once, before the first file is written there. */
  private readonly swept = new Map<string, Promise<void>>();
  /** The output folders made (or that failed to be made), each once. */
  private readonly made = new Map<string, Promise<void>>();
  private readonly removedTempFiles: string[] = [];

  constructor(private readonly options: BatchOptions) {
    this.cwd = options.cwd ?? process.cwd();
  }

  async run(): Promise<BatchResult> {
    // A worker takes a few hundred milliseconds to start (a thread, the pipeline's modules): what names a folder, a
    // glob or several files starts the workers first, so that they start while this thread looks for the files.
    const likely = jobsFor(this.options.jobs, Infinity);
    const early = likely > 1 && looksLikeMany(this.options.inputs, this.cwd) ? this.startPool(likely) : null;
    const { planned, refused } = await findBatchInputs(this.options.inputs, this.options.mode, this.options.keepNames ?? false, this.cwd, this.options.settings?.profile);
    const missing = refused.map(({ path, problem }) => failed(path, problem.code, problem.message));
    this.planned = planned;
    // Inputs refused while planning (a bad name with --keep-names, say) need no worker.
    const toConvert = this.planned.filter((plan) => plan.output && !plan.problem).length;
    const jobs = jobsFor(this.options.jobs, toConvert);
    this.options.onProgress?.({ type: 'planned', total: this.planned.length, jobs });
    this.pool = await early;
    if (this.pool && (jobs < 2 || this.stopped)) {
      // started for files that turned out to be fewer: a single file converts in this thread
      await this.pool.destroy();
      this.pool = null;
    } else if (!this.pool && jobs > 1 && !this.stopped) this.pool = await this.startPool(jobs);
    try {
      // looked up while the workers start
      const order = await mostWorkFirst(this.planned, this.cwd);
      // This thread is one of the `jobs`: it converts from the start (it takes the first file, the most work),
      // while the workers are still starting up, which takes longer than converting a short prompt. It gives the
      // event loop a turn only every 20 ms while it converts, so a worker that waited for this thread to hand it
      // its next file would idle: each worker has a second lane that keeps a file queued there. Those stop queueing
      // once no more files are left than threads, so that no file waits in a worker's queue while a thread idles.
      // This thread's next file starts once a file's output is written, while it is flushed to disk (convert-worker.cts
      // does the same in each worker); the batch ends once every file has ended.
      const tails: Promise<void>[] = [];
      const inThisThread = (index: number) =>
        new Promise<void>((written) => {
          const done = this.convert(order[index], (job) => runConvertJob(job, written));
          tails.push(done);
          void done.then(written, written);
        });
      const lanes: Lane[] = [{ take: inThisThread, reserve: 0 }];
      const pool = this.pool;
      if (pool) {
        const inWorker = (index: number) => this.convert(order[index], async (job) => (await pool.run(job)) as ConvertedFile);
        for (let worker = 1; worker < jobs; worker++) lanes.push({ take: inWorker, reserve: 0 });
        for (let worker = 1; worker < jobs; worker++) lanes.push({ take: inWorker, reserve: jobs });
      }
      await shareFiles(order.length, lanes, () => this.stopped);
      await Promise.all(tails);
    } finally {
      this.settled = true;
      await this.pool?.destroy();
    }
    return this.result(missing, this.stopped);
  }

  /** `jobs - 1` worker threads: this thread is the other job. Loaded only for a pool (a single file never pays for it). */
  private async startPool(jobs: number): Promise<Piscina> {
    const { Piscina } = await import('piscina');
    return new Piscina({
      filename: new URL('./convert-worker.cjs', import.meta.url).href,
      minThreads: jobs - 1,
      maxThreads: jobs - 1,
      // each worker holds its next job while converting one (convert-worker.cts runs them one after the other)
      concurrentTasksPerWorker: 2,
    });
  }

  stop(): void {
    // Once every conversion has ended there is nothing to stop: the batch was not interrupted.
    if (this.settled) return;
    this.stopped = true;
    Atomics.store(this.stopFlag, 0, 1);
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
    // Recorded even after a stop: a conversion that ended, ended as its record says.
    this.finished.set(index, file);
    this.options.onProgress?.({ type: 'finished', file, done: this.finished.size, total: this.planned.length });
  }

  private async convertPlanned(index: number, output: string, convert: (job: ConvertJob) => Promise<ConvertedFile>) {
    const plan = this.planned[index];
    const inputPath = resolve(this.cwd, plan.input.path);
    try {
      await this.prepareFolder(output);
    } catch (error) {
      // the folder's own words say what stood in the way (-o out.wav is a file, ...)
      const reason = isVoiceprepError(error) ? error.message : `could not create the output folder: ${jobProblem(error).message}`;
      return failed(plan.input.path, 'write-failed', reason);
    }
    if (this.stopped) return failed(plan.input.path, 'interrupted', NOT_CONVERTED);
    const temp = batchTempPath(output);
    const job: ConvertJob = {
      input: inputPath,
      givenPath: plan.input.path,
      output,
      tempPath: temp,
      settings: this.options.settings ?? {},
      force: (this.options.force ?? false) || (this.options.mode.kind === 'in-place' && output === inputPath),
      removeInput: this.options.mode.kind === 'in-place' && output !== inputPath,
      stop: this.stopFlag,
    };
    const flight = inFlight(temp, output);
    try {
      const record = await convert(job);
      return { ...record, path: plan.input.path };
    } catch (error) {
      // runConvertJob reports every failure of its own: only a worker thread that died (out of memory, say) lands
      // here, and then the batch goes on without it. It may have died between putting its output in place and
      // telling us: then that output is complete, and stays.
      const done = committed(flight);
      await unlink(temp).catch(() => undefined);
      if (done) return finishedUnreported(plan.input.path, output, plan.renamed, this.options.settings?.profile ?? DEFAULT_PROFILE);
      return failed(plan.input.path, 'unreadable', `the conversion stopped: ${jobProblem(error).message}`);
    }
  }

  /**
   * Creates the output's folder below the output folder, refusing a link that leads elsewhere before anything is
   * created through it (in place, the folder is the input's own and is already there), and removes the temp files
   * that a run which was killed left there.
   */
  private async prepareFolder(output: string): Promise<void> {
    const { mode } = this.options;
    const folder = dirname(output);
    if (mode.kind === 'folder') {
      // once per folder, not per file: this thread prepares the workers' files between blocks of its own conversion,
      // and each step of it waits for a turn of the event loop, while the worker may be waiting for its next file
      if (!this.made.has(folder)) this.made.set(folder, makeFolderInside(resolve(this.cwd, mode.folder), folder, `-o ${mode.folder}`));
      await this.made.get(folder);
    }
    // only in a folder this run writes to, once it is known to be one; the whole output folder, as a run killed
    // while writing into out/sub leaves its temp file there even if this run writes only into out/
    const swept = mode.kind === 'folder' ? resolve(this.cwd, mode.folder) : folder;
    if (!this.swept.has(swept)) {
      this.swept.set(swept, removeLeftovers(swept, mode.kind === 'folder').then((removed) => void this.removedTempFiles.push(...removed)));
    }
    await this.swept.get(swept);
  }

  private result(extra: BatchFile[], interrupted = false): BatchResult {
    const files: BatchFile[] = [...extra];
    this.planned.forEach((plan, index) => {
      files.push(this.finished.get(index) ?? failed(plan.input.path, 'interrupted', NOT_CONVERTED));
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
      removedTempFiles: this.removedTempFiles.slice().sort(),
    };
  }
}

const NOT_CONVERTED = 'not converted: the batch was interrupted';

/**
 * What one conversion may hold at its peak: a worker thread's own heap, its WebAssembly decoders and kernels, blocks
 * of samples, and the first pass of a prompt of up to 8.7 minutes kept for the second (16 MB).
 */
const JOB_MEMORY_BYTES = 128 * 1024 * 1024;

/**
 * How many files to convert at once: what was asked (by default one per core), but never more than the cores, which
 * more threads would only share while each holds its memory (-j 256 on 2 cores took 3 GB), nor more than half the
 * memory (the container's limit, if it has one) holds, nor more than there are files.
 */
export function jobsFor(requested: number | undefined, files: number): number {
  const cores = availableParallelism();
  const memory = Math.min(totalmem(), process.constrainedMemory?.() || Infinity);
  const byMemory = Math.floor(memory / 2 / JOB_MEMORY_BYTES);
  return Math.max(1, Math.min(requested ?? cores, cores, byMemory, files));
}

/** Whether the inputs name more than one file: several paths, a glob, or a folder. */
function looksLikeMany(inputs: readonly string[], cwd: string): boolean {
  if (inputs.length > 1) return true;
  const [input] = inputs;
  if (input === undefined) return false;
  if (/[*?[\]{}]/.test(input)) return true;
  try {
    return statSync(resolve(cwd, input), { throwIfNoEntry: false })?.isDirectory() ?? false;
  } catch {
    return false; // planning says why it cannot be read
  }
}

function finishedUnreported(path: string, output: string, renamed: boolean, profile: OutputProfile): BatchFile {
  const bytes = statSync(output, { throwIfNoEntry: false })?.size ?? 0;
  return {
    ...emptyRecord(path),
    ok: true,
    warnings: [{ code: 'unreported', message: 'converted, but its worker thread ended before it sent the details' }],
    output: { path: output, bytes, seconds: samplesIn(output, profile) / profile.sampleRate, outcome: 'written' },
    renamed,
  };
}

/** The samples of a file this batch wrote: in the profile's canonical layout, the data size is the header's last field. */
function samplesIn(output: string, profile: OutputProfile): number {
  const layout = canonicalLayout(profile);
  const header = Buffer.alloc(layout.headerBytes);
  const fd = openSync(output, 'r');
  try {
    readSync(fd, header, 0, header.length, 0);
  } finally {
    closeSync(fd);
  }
  return header.readUInt32LE(layout.headerBytes - 4) / layout.bytesPerSample;
}

function failed(path: string, code: ProblemCode, message: string): BatchFile {
  return { ...failedConversion(path, code, message), renamed: false };
}
