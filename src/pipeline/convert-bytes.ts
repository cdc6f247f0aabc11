import { bytesSource } from '../read/byte-source.js';
import { type ConvertOptions, openConversion } from './conversion.js';
import type { ConvertReport } from './report.js';
import { GrowingBytes } from '../write/growing-bytes.js';

export interface ConvertResult {
  /** The finished playback file: canonical A-law, 8000 Hz, mono WAV. */
  bytes: Uint8Array;
  report: ConvertReport;
}

/** Converts a file held in memory. Works anywhere (Node, browsers, workers): no file system involved. */
export async function convertBytes(input: Uint8Array, options: ConvertOptions = {}): Promise<ConvertResult> {
  const conversion = await openConversion(bytesSource(input), options);
  const output = new GrowingBytes(conversion.outputBytes);
  const report = await conversion.run(output);
  return { bytes: output.bytes(), report };
}
