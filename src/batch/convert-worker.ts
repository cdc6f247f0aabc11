import { type ConvertJob, type ConvertedFile, runConvertJob } from './convert-job.js';

/** The worker thread's entry: piscina calls the default export with one job at a time. */
export default function convertInWorker(job: ConvertJob): Promise<ConvertedFile> {
  return runConvertJob(job);
}
