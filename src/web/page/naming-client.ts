import type { NamingRequest, NamingResponse } from '../protocol.js';

/**
 * The naming worker, seen from the page: it answers in the order asked; the ids only pair answers with questions.
 * The worker starts on `start()` or with the first names, whichever comes first.
 */
export class NamingWorker {
  private worker: Worker | null = null;
  private readonly waiting = new Map<number, (names: string[]) => void>();
  private nextId = 1;

  constructor(private readonly scriptUrl: string) {}

  /** Starts the worker, whose tables take a moment to set up, ahead of the first names. */
  start(): Worker {
    if (!this.worker) {
      this.worker = new Worker(this.scriptUrl);
      this.worker.onmessage = ({ data }: MessageEvent<NamingResponse>) => {
        this.waiting.get(data.id)?.(data.names);
        this.waiting.delete(data.id);
      };
    }
    return this.worker;
  }

  /** The names made compliant by the CLI's rules, in the order given (see compliant-names.ts). */
  compliantNames(names: string[]): Promise<string[]> {
    return new Promise((resolve) => {
      const request: NamingRequest = { id: this.nextId++, names };
      this.waiting.set(request.id, resolve);
      this.start().postMessage(request);
    });
  }
}
