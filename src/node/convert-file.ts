import { stat } from 'node:fs/promises';
import { basename, dirname, resolve } from 'node:path';
import { VoiceprepError, isVoiceprepError } from '../errors.js';
import { type ConvertOptions, openConversion } from '../pipeline/conversion.js';
import { type ConvertResult, convertBytes } from '../pipeline/convert-bytes.js';
import { type FileBytes, checkConvertArguments, checkConvertFileArguments } from '../pipeline/convert-options.js';
import { GrowingBytes } from '../write/growing-bytes.js';
import type { ConvertReport } from '../pipeline/report.js';
import { writeFileAtomically } from './atomic-file.js';
import { assertWholeInput } from './whole-input.js';
import { type FileSource, openFileSource } from './file-source.js';
import { makeFolder, writeFailure } from './make-folder.js';

export interface ConvertFileOptions extends ConvertOptions {
  /**
   * Replace a different file already at the output path (the CLI's `--force`), or the input itself
   * (`convertFile(a, a)`). Without it such a file is left as it is and a VoiceprepError ('exists') is thrown. Only
   * regular files are ever replaced: a FIFO, device, socket or folder at the output path is refused whatever this says.
   */
  overwrite?: boolean;
}

/**
 * Converts an audio file given as bytes or as a path, returning the finished file's bytes and the report. For
 * large inputs prefer `convertFile`, which streams to disk instead of holding the output in memory.
 */
export async function convert(input: FileBytes | string, options: ConvertOptions = {}): Promise<ConvertResult> {
  checkConvertArguments(input, options);
  if (typeof input !== 'string') return convertBytes(input, options);
  const source = await openInput(input);
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
 * Converts the file at `inputPath` into `outputPath`, streaming in bounded memory, and creates the output's folder
 * if it is missing. The output appears whole or not at all (temp file, flushed to disk, rename), so `outputPath`
 * may even be `inputPath` itself, with `overwrite`: the input is only replaced once its conversion is complete, and
 * not at all if it changed meanwhile or is shorter than its header says (a file still being written). Every
 * expected failure is a VoiceprepError.
 */
export async function convertFile(inputPath: string, outputPath: string, options: ConvertFileOptions = {}): Promise<ConvertReport> {
  checkConvertFileArguments(inputPath, outputPath, options);
  const { overwrite = false, ...convertOptions } = options;
  const source = await openInput(inputPath);
  try {
    // the bar is that no input is overwritten unless asked, and through a link to it is no exception
    const replacesInput = await sameFile(inputPath, outputPath);
    if (replacesInput && !overwrite) {
      throw new VoiceprepError('exists', `${outputPath} is the input itself: pass { overwrite: true } to replace it with its conversion`);
    }
    const conversion = await openConversion(source, { name: basename(inputPath), ...convertOptions });
    // resolved, so that the folder of a bare name is '.', never a path whose parent is itself
    await makeFolder(dirname(resolve(outputPath)));
    let report: ConvertReport | undefined;
    const { value, outcome } = await writeFileAtomically(outputPath, async (sink) => (report = await conversion.run(sink)), {
      replace: overwrite,
      beforeMove: async () => {
        await source.assertUnchanged();
        if (replacesInput) assertWholeInput(report?.warnings ?? conversion.warnings);
      },
    }).catch((error: unknown) => {
      // the input's reads fail as VoiceprepErrors (see openFileSource): anything else is the output's
      throw isVoiceprepError(error) ? error : writeFailure(error, outputPath);
    });
    if (outcome === 'exists') {
      throw new VoiceprepError('exists', `a different file is already at ${outputPath}: pass { overwrite: true } to replace it`);
    }
    return value;
  } finally {
    await source.close();
  }
}

/** Opens an input, putting a failure in plain words that name it. */
async function openInput(path: string): Promise<FileSource> {
  try {
    return await openFileSource(path);
  } catch (error) {
    if (isVoiceprepError(error)) throw new VoiceprepError(error.code, `${path}: ${error.message}`);
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR') throw new VoiceprepError('not-found', `${path}: no such file`);
    if (code === 'EACCES' || code === 'EPERM') throw new VoiceprepError('io', `${path}: permission denied`);
    const message = error instanceof Error ? error.message : String(error);
    throw new VoiceprepError('io', `${path}: cannot be opened (${message.split('\n')[0]})`);
  }
}

async function sameFile(a: string, b: string): Promise<boolean> {
  const [left, right] = await Promise.all([stat(a).catch(() => null), stat(b).catch(() => null)]);
  return left !== null && right !== null && left.dev === right.dev && left.ino === right.ino;
}
