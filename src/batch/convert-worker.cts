import type { ConvertJob, ConvertedFile } from './convert-job.js';

/**
 * The worker thread's entry: piscina calls this export with one job at a time. It is CommonJS on purpose, and loads
 * the pipeline with import() on the first job: piscina loads its entry with require(), and Node 20 aborts the whole
 * process (FATAL ERROR in InstantiateSync) when a worker is terminated while require() is still instantiating an
 * ES module graph, as happens when a batch ends, or is interrupted, before a worker has finished starting.
 */
module.exports = async function convertInWorker(job: ConvertJob): Promise<ConvertedFile> {
  const { runConvertJob } = await import('./convert-job.js');
  return runConvertJob(job);
};
