import { bytesSource } from '../read/byte-source.js';
import { type ConvertOptions, openConversion } from './conversion.js';
import type { ConvertReport } from './report.js';

export interface ConvertResult {
  /** The finished playback file: canonical A-law, 8000 Hz, mono WAV. */
  bytes: Uint8Array;
  report: ConvertReport;
}

/** Converts a WAV held in memory. Works anywhere (Node, browsers, workers): no file system involved. */
export async function convertBytes(input: Uint8Array, options: ConvertOptions = {}): Promise<ConvertResult> {
  const conversion = await openConversion(bytesSource(input), options);
  const bytes = new Uint8Array(conversion.outputBytes);
  let offset = 0;
  const report = await conversion.run({
    write(chunk) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    },
  });
  return { bytes, report };
}
