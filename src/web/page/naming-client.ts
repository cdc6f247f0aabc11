import type { NamingRequest, NamingResponse } from '../protocol.js';

/**
 * The naming worker, seen from the page: it answers in the order asked; the ids only pair answers with questions.
 * The worker starts on `start()` or with the first names, whichever comes first.
 */
export class NamingWorker {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, { resolve: (names: string[]) => void; reject: (reason: Error) => void }>();
  private nextId = 1;

  constructor(private readonly scriptUrl: string) {}

  /** Starts the worker, whose tables take a moment to set up, ahead of the first names. */
  start(): Worker {
    if (!this.worker) {
      this.worker = new Worker(this.scriptUrl);
      this.worker.onmessage = ({ data }: MessageEvent<NamingResponse>) => {
        this.waiting.get(data.id)?.resolve(data.names);
        this.waiting.delete(data.id);
      };
      // A worker that fails (its script, or out of memory) answers nothing more: every question still open fails,
      // and the next one starts a new worker.
      this.worker.onerror = (event) => {
        event.preventDefault();
        for (const { reject } of this.waiting.values()) reject(new Error(`the naming worker stopped: ${event.message}`));
        this.waiting.clear();
        this.worker?.terminate();
        this.worker = null;
      };
    }
    return this.worker;
  }

  /** The names made compliant by the CLI's rules, in the order given (see compliant-names.ts). */
  compliantNames(names: string[], target: string): Promise<string[]> {
    return new Promise((resolve, reject) => {
      const request: NamingRequest = { id: this.nextId++, names, target };
      this.waiting.set(request.id, { resolve, reject });
      this.start().postMessage(request);
    });
  }
}
