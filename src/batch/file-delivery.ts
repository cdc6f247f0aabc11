import type { Delivery } from '../check/prepare.js';
import { isVoiceprepError } from '../errors.js';
import type { ByteSink, Conversion } from '../pipeline/conversion.js';
import type { StopSignal } from '../pipeline/output-rate-pass.js';
import type { ConvertReport } from '../pipeline/report.js';
import { writeFileAtomically } from '../node/atomic-file.js';
import { type FileSource, openFileSource } from '../node/file-source.js';
import { assertWholeInput } from '../node/whole-input.js';
import type { FileRecord } from '../check/file-record.js';

/** What reached the output file: 'unchanged' when it already held exactly these bytes, 'exists' when another file did. */
export type FileOutcome = 'written' | 'unchanged' | 'exists';

/** Where one job's output goes (a ConvertJob is one). */
export interface FileTarget {
  input: string;
  output: string;
  /** Staging path beside `output`, chosen by the batch so that it can remove it if the worker is stopped. */
  tempPath: string;
  force: boolean;
  removeInput: boolean;
}

/**
 * How the batch hands a prepared file on: into `job.output`, atomically (a temp file beside it, moved into place only
 * once whole, checked, and the input seen unchanged), never over a different file unless `job.force`. `onWritten`
 * is told when the bytes are written and start to be flushed (see writeFileAtomically). A kept file
 * is written by the conversion that measures it, which copies its samples into the layout it already has: its own
 * bytes, read once.
 */
export function fileDelivery(job: FileTarget, source: FileSource, signal: StopSignal | undefined, onWritten?: () => void): Delivery<FileOutcome> {
  /** Runs `conversion` into the output; `prove` (if given) judges the staged file before it may take its place. */
  async function write(conversion: Conversion, prove?: (written: FileSource) => Promise<FileRecord>) {
    let written: ConvertReport | undefined;
    let proved: FileRecord | undefined;
    const { value: report, outcome } = await writeFileAtomically(job.output, async (sink) => (written = await convertInto(conversion, sink, signal)), {
      replace: job.force,
      tempPath: job.tempPath,
      // a batch's thread only converts (the main thread hands out files between its own, see run-batch.ts)
      blocking: true,
      onWritten,
      // a file still being written is neither replaced (in place) nor stood for by the part read so far; one whose
      // writer paused looks unchanged, but still holds less than its header says
      beforeMove: async () => {
        await source.assertUnchanged();
        if (job.removeInput || job.output === job.input) assertWholeInput(written?.warnings ?? conversion.warnings);
        if (!prove) return;
        // the written file is checked where it is staged: one the check refuses never takes the output's place
        proved = await proveFile(job.tempPath, prove);
        if (!proved.ok) throw REFUSED;
      },
    }).catch((error: unknown) => {
      if (error === REFUSED && written) return { value: written, outcome: null };
      // what is neither the input's fault nor a write of the samples is the atomic writer's: its temp file, the move
      throw isVoiceprepError(error) || error instanceof ReadError || error instanceof WriteError ? error : new WriteError(error);
    });
    return { report, outcome, proved };
  }

  return {
    async keep(measure) {
      // converting in place a file that already complies: it is its own output, measured and left as it is
      if (job.output === job.input) return { report: await convertInto(measure, DISCARD, signal), delivered: 'unchanged' };
      const { report, outcome } = await write(measure);
      return { report, delivered: outcome ?? 'written' };
    },

    async convert(conversion, prove) {
      const { report, outcome, proved } = await write(conversion, prove);
      return { report, delivered: outcome, result: proved as FileRecord };
    },
  };
}

/** Where the measuring pass of a file kept in place writes: nowhere. */
const DISCARD: ByteSink = { write: () => undefined };

/** Thrown from beforeMove when the check of the written file refuses it: nothing is moved, the temp file removed. */
const REFUSED = Symbol('refused by the check of the result');

async function proveFile(path: string, prove: (written: FileSource) => Promise<FileRecord>): Promise<FileRecord> {
  const written = await openFileSource(path, { blocking: true });
  try {
    return await prove(written);
  } finally {
    await written.close();
  }
}

/** A failure of the output side (folder not writable, disk full), told apart from failures to read the input. */
export class WriteError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/** A failure to read or decode the input that is not a VoiceprepError (an I/O error, a decoder out of memory). */
export class ReadError extends Error {
  constructor(readonly reason: unknown) {
    super(reason instanceof Error ? reason.message : String(reason));
  }
}

/**
 * Runs the conversion into `sink`, telling a failure to write the output from a failure to read the input. A stop
 * is seen at every write too: the second pass may replay a recording rather than decode.
 */
async function convertInto(conversion: Conversion, sink: ByteSink, signal: StopSignal | undefined): Promise<ConvertReport> {
  const rewrite = sink.rewrite?.bind(sink);
  const marked: ByteSink = {
    write: (bytes) => {
      signal?.throwIfAborted();
      return asWrite(() => sink.write(bytes));
    },
    rewrite: rewrite && ((offset, bytes) => asWrite(() => rewrite(offset, bytes))),
  };
  try {
    return await conversion.run(marked);
  } catch (error) {
    throw isVoiceprepError(error) || error instanceof WriteError ? error : new ReadError(error);
  }
}

async function asWrite(write: () => void | Promise<void>): Promise<void> {
  try {
    await write();
  } catch (error) {
    throw new WriteError(error);
  }
}
