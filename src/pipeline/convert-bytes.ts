import { type FileBytes, bytesArgument } from '../arguments.js';
import { type ConvertOptions, openConversion } from './conversion.js';
import type { ConvertReport } from './report.js';
import { GrowingBytes } from '../write/growing-bytes.js';

export interface ConvertResult {
  /** The finished playback file: the profile's canonical WAV (A-law, 8000 Hz, mono for Huawei). */
  bytes: Uint8Array;
  report: ConvertReport;
}

/**
 * Converts a file held in memory (a Uint8Array, a Buffer or an ArrayBuffer). Works anywhere (Node, browsers,
 * workers): no file system involved.
 */
export async function convertBytes(input: FileBytes, options: ConvertOptions = {}): Promise<ConvertResult> {
  const conversion = await openConversion(bytesArgument(input, 'input'), options);
  const output = new GrowingBytes(conversion.outputBytes);
  const report = await conversion.run(output);
  return { bytes: output.bytes(), report };
}
