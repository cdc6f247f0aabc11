import type { ConvertJob, ConvertedFile } from './convert-job.js';

/**
 * The pipeline, loaded as soon as the worker starts (the batch starts its workers while it looks for the files), so
 * that the first job does not wait for it.
 */
const pipeline = import('./convert-job.js');
// a worker ended before its first job never reads it: a failure to load is reported by the jobs that need it
pipeline.catch(() => undefined);

/**
 * Settles when the latest job handed to this worker has written all its output (or ended without): the next job
 * waits for that, not for the flush to disk and the move into place, which finish meanwhile (see convertInWorker).
 */
let previous: Promise<unknown> = Promise.resolve();

/**
 * The worker thread's entry: piscina calls this export for each job. The batch hands a worker its next job while it
 * converts one (so that it never waits for the main thread, busy converting too, to send it): jobs convert one
 * after the other, never side by side, each holding its memory alone; only a job's last steps (the flush of its
 * output to disk, the check and the move into place, which hold no samples) overlap the next job's start.
 *
 * It is CommonJS on purpose, and loads the pipeline with import(), not require(): piscina loads its entry with
 * require(), and Node 20 aborts the whole process (FATAL ERROR in InstantiateSync) when a worker is terminated while
 * require() is still instantiating an ES module graph, as happens when a batch ends, or is interrupted, before a
 * worker has finished starting.
 */
module.exports = function convertInWorker(job: ConvertJob): Promise<ConvertedFile> {
  let written = () => {};
  const outputWritten = new Promise<void>((resolve) => (written = resolve));
  const run = previous.then(async () => {
    const { runConvertJob } = await pipeline;
    return runConvertJob(job, written);
  });
  const ended = run.then(
    () => undefined,
    () => undefined,
  );
  previous = Promise.race([outputWritten, ended]);
  return run;
};
