import type { PrepareRequest, PrepareResponse } from '../protocol.js';
import { failedFile, type PageOptions, type PreparedFile } from '../prepared-file.js';

interface Job {
  request: PrepareRequest;
  started(): void;
  resolve(prepared: PreparedFile): void;
}

/**
 * Converts files in Web Workers, one file per worker at a time, so that the page stays responsive. Workers are
 * started from `scriptUrl` (a Blob URL of the inlined worker code, which works from file:// too) as files arrive, up
 * to `size`. A worker that dies mid-file (out of memory, a crash) fails that file and is replaced; the rest go on.
 */
export class WorkerPool {
  private readonly idle: Worker[] = [];
  private readonly busy = new Map<Worker, Job>();
  private readonly waiting: Job[] = [];
  private nextId = 1;

  constructor(
    private readonly scriptUrl: string,
    private readonly size: number,
  ) {}

  /**
   * Prepares one file; `started` is called when a worker takes it. Aborting `signal` takes a file that has not
   * started yet off the queue: its promise then rejects with the signal's reason. A file already in a worker
   * finishes.
   */
  prepare(file: Blob, outputName: string, options: PageOptions, signal: AbortSignal, started: () => void): Promise<PreparedFile> {
    return new Promise((resolve, reject) => {
      const job: Job = { request: { id: this.nextId++, file, outputName, options }, started, resolve };
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
    while (this.waiting.length > 0) {
      const worker = this.idle.pop() ?? (this.busy.size < this.size ? this.startWorker() : null);
      if (!worker) return;
      const job = this.waiting.shift() as Job;
      this.busy.set(worker, job);
      worker.postMessage(job.request);
      job.started();
    }
  }

  private startWorker(): Worker {
    const worker = new Worker(this.scriptUrl);
    worker.onmessage = ({ data }: MessageEvent<PrepareResponse>) => this.finish(worker, data.prepared, true);
    worker.onerror = (event) => {
      event.preventDefault();
      worker.terminate();
      this.finish(worker, crashed(event.message), false);
    };
    return worker;
  }

  private finish(worker: Worker, prepared: PreparedFile, reusable: boolean): void {
    const job = this.busy.get(worker);
    this.busy.delete(worker);
    if (reusable) this.idle.push(worker);
    job?.resolve(prepared);
    this.dispatch();
  }
}

function crashed(message: string): PreparedFile {
  return failedFile([{ code: 'unreadable', message: `the converter stopped on this file: ${message || 'no reason given'}` }]);
}
