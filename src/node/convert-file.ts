import { basename } from 'node:path';
import { type ConvertOptions, openConversion } from '../pipeline/conversion.js';
import { type ConvertResult, convertBytes } from '../pipeline/convert-bytes.js';
import { type FileBytes, checkConvertArguments, checkConvertFileArguments } from '../pipeline/convert-options.js';
import { GrowingBytes } from '../write/growing-bytes.js';
import type { ConvertReport } from '../pipeline/report.js';
import { writeFileAtomically } from './atomic-file.js';
import { openFileSource } from './file-source.js';

/**
 * Converts an audio file given as bytes or as a path, returning the finished file's bytes and the report. For
 * large inputs prefer `convertFile`, which streams to disk instead of holding the output in memory.
 */
export async function convert(input: FileBytes | string, options: ConvertOptions = {}): Promise<ConvertResult> {
  checkConvertArguments(input, options);
  if (typeof input !== 'string') return convertBytes(input, options);
  const source = await openFileSource(input);
  try {
    const conversion = await openConversion(source, { name: basename(input), ...options });
    const output = new GrowingBytes(conversion.outputBytes);
    const report = await conversion.run(output);
    return { bytes: output.bytes(), report };
  } finally {
    await source.close();
  }
}

/**
 * Converts the file at `inputPath` into `outputPath`, streaming in bounded memory. The output appears whole or not
 * at all (temp file, flushed to disk, rename), so `outputPath` may even be `inputPath` itself: the input is only replaced
 * once its conversion is complete.
 */
export async function convertFile(inputPath: string, outputPath: string, options: ConvertOptions = {}): Promise<ConvertReport> {
  checkConvertFileArguments(inputPath, outputPath, options);
  const source = await openFileSource(inputPath);
  try {
    const conversion = await openConversion(source, { name: basename(inputPath), ...options });
    const { value } = await writeFileAtomically(outputPath, (sink) => conversion.run(sink), { replace: true });
    return value;
  } finally {
    await source.close();
  }
}
