import type { PrepareRequest, PrepareResponse } from '../protocol.js';
import { failedFile, type PageOptions, type PreparedFile } from '../prepared-file.js';
import { decodedByBrowser } from './browser-decode.js';

interface Job {
  id: number;
  file: Blob;
  /**
   * The file's size, read once: in Chromium a picked File's size is a blocking call to the browser process (about
   * 2 ms each in a trace of the bench's 40 files), and the room for files was reckoned at every dispatch.
   */
  size: number;
  outputName: string;
  options: PageOptions;
  started(): void;
  resolve(prepared: PreparedFile): void;
}

/**
 * Files a worker holds at once: one being converted and the next ones being read, so that reading files (in the
 * browser's own processes, about 110 MB/s on the 2-core machine of the bench, longer than converting them) goes on
 * while another converts. Four rather than two took the bench's 40 files from 957-981 ms to 872-967 ms.
 */
const MAX_FILES_PER_WORKER = 4;
/** But only while the files a worker holds stay within this, so that a folder of long recordings is not all in memory. */
const READ_AHEAD_BYTES = 32 * 1024 * 1024;

/**
 * Converts files in Web Workers, so that the page stays responsive. Workers are started from `scriptUrl` (a Blob
 * URL of the inlined worker code, which works from file:// too) as files arrive, up to `size`. The page reads each
 * file and hands its bytes over (transferred, not copied). A worker that dies (out of memory, a crash) fails the
 * files it held and is replaced; the rest go on.
 */
export class WorkerPool {
  /** Each worker, with the files it holds by id. */
  private readonly workers = new Map<Worker, Map<number, Job>>();
  private readonly waiting: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly scriptUrl: string,
    private readonly size: number,
  ) {}

  /**
   * Prepares one file; `started` is called when a worker takes it. Aborting `signal` takes a file that has not
   * started yet off the queue: its promise then rejects with the signal's reason. A file already taken finishes.
   */
  prepare(file: Blob, outputName: string, options: PageOptions, signal: AbortSignal, started: () => void): Promise<PreparedFile> {
    return new Promise((resolve, reject) => {
      const job: Job = { id: this.nextId++, file, size: file.size, outputName, options, started, resolve };
      signal.addEventListener('abort', () => {
        const at = this.waiting.indexOf(job);
        if (at < 0) return;
        this.waiting.splice(at, 1);
        reject(signal.reason);
      });
      this.waiting.push(job);
      this.dispatch();
    });
  }

  private dispatch(): void {
    for (let worker = this.workerWithRoom(); worker; worker = this.workerWithRoom()) {
      const job = this.waiting.shift() as Job;
      this.workers.get(worker)?.set(job.id, job);
      job.started();
      void this.send(worker, job);
    }
  }

  /**
   * For the next waiting file: an idle worker, else a new one while there are fewer than `size`, else the least busy
   * one with room for it; null when no file waits or none has room.
   */
  private workerWithRoom(): Worker | null {
    const next = this.waiting[0];
    if (!next) return null;
    let chosen: Worker | null = null;
    let held = Infinity;
    for (const [worker, jobs] of this.workers) {
      if (jobs.size < held && hasRoom(jobs, next)) [chosen, held] = [worker, jobs.size];
    }
    if (held > 0 && this.workers.size < this.size) return this.startWorker();
    return chosen;
  }

  private async send(worker: Worker, job: Job): Promise<void> {
    let bytes: ArrayBuffer;
    try {
      bytes = await job.file.arrayBuffer();
    } catch (error) {
      // Gone from the disk since it was picked, or no longer readable.
      this.finish(worker, job.id, failedFile([{ code: 'unreadable', message: error instanceof Error ? error.message : String(error) }]));
      return;
    }
    let inputName = job.file instanceof File ? job.file.name : job.outputName;
    const decoded = await decodedByBrowser(bytes);
    if (decoded) {
      // The converter reads the browser's WAV: by a .wav name, so that it does not warn that the name says otherwise.
      bytes = decoded;
      inputName = `${inputName.replace(/\.[^.]*$/, '')}.wav`;
    }
    const request: PrepareRequest = { id: job.id, bytes, inputName, outputName: job.outputName, options: job.options };
    worker.postMessage(request, [bytes]);
  }

  private startWorker(): Worker {
    const worker = new Worker(this.scriptUrl);
    this.workers.set(worker, new Map());
    worker.onmessage = ({ data }: MessageEvent<PrepareResponse>) => this.finish(worker, data.id, data.prepared);
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      const jobs = this.workers.get(worker) ?? new Map<number, Job>();
      this.workers.delete(worker);
      const message = `the converter stopped while it held this file: ${event.message || 'no reason given'}`;
      for (const job of jobs.values()) job.resolve(failedFile([{ code: 'unreadable', message }]));
      this.dispatch();
    };
    return worker;
  }

  private finish(worker: Worker, id: number, prepared: PreparedFile): void {
    const jobs = this.workers.get(worker);
    const job = jobs?.get(id);
    jobs?.delete(id);
    job?.resolve(prepared);
    this.dispatch();
  }
}

function hasRoom(jobs: ReadonlyMap<number, Job>, next: Job): boolean {
  return roomFor([...jobs.values()].map((job) => job.size), next.size);
}

/** Whether a worker holding files of `heldSizes` bytes may take one of `size` more: always when it holds none. */
export function roomFor(heldSizes: readonly number[], size: number): boolean {
  if (heldSizes.length === 0) return true;
  if (heldSizes.length >= MAX_FILES_PER_WORKER) return false;
  return heldSizes.reduce((sum, held) => sum + held, size) <= READ_AHEAD_BYTES;
}
