import { dirname } from 'node:path';
import { checkPaths } from '../node/check-paths.js';
import { defaultReviewFile, writeReview } from './review-file.js';
import { targetNamed } from '../profile/target-named.js';
import type { FileRecord } from '../check/file-record.js';
import { type CliIo, formatBytes, formatSeconds, formatTable, oneLine, painter, prepareWidths, tableWidth } from './output.js';

/**
 * The options commander parsed for `check`, declared beside the code that reads them: the command, which loads this
 * module only when it runs, imports just their type, and no import runs back.
 */
export interface CheckFlags {
  target?: string;
  maxSize?: number;
  level?: number;
  levelTolerance?: number;
  voxRate?: number;
  json?: boolean;
  quiet?: boolean;
  /** --review [file]: true for the default file (review.html beside the checked files). */
  review?: string | boolean;
}

export async function runCheck(inputs: string[], flags: CheckFlags, io: CliIo): Promise<number> {
  const result = await checkPaths(inputs, {
    target: flags.target,
    maxBytes: flags.maxSize,
    level: flags.level,
    levelTolerance: flags.levelTolerance,
    voxRate: flags.voxRate,
  });
  if (flags.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    await prepareWidths(result.files.map((file) => file.path));
    io.stdout.write(render(result.files, flags, io));
    const { checked, ok, failed } = result.summary;
    const paint = painter(io);
    const line = `${checked} file(s) checked: ${ok} comply, ${failed} with problems`;
    io.stdout.write(`${failed ? paint.bad(line) : paint.good(line)}\n`);
  }
  if (flags.review) {
    const wanted = typeof flags.review === 'string' ? flags.review : defaultReviewFile(result.files.map((file) => dirname(file.path)));
    const written = await writeReview(result.files, wanted, flags.target === undefined ? undefined : targetNamed(flags.target)).catch((error: unknown) => {
      io.stderr.write(`voiceprep: the review page could not be written: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
      return null;
    });
    if (written === null) return 1;
    (flags.json ? io.stderr : io.stdout).write(`review page: ${oneLine(written)}\n`);
  }
  return result.summary.failed === 0 ? 0 : 1;
}

function render(files: FileRecord[], flags: CheckFlags, io: CliIo): string {
  const paint = painter(io);
  const shown = flags.quiet ? files.filter((file) => !file.ok) : files;
  if (shown.length === 0) return '';
  const withLevels = flags.level !== undefined;
  const rows = shown.map((file) => [
    oneLine(file.path),
    describeFormat(file),
    formatSeconds(file.seconds),
    formatBytes(file.bytes),
    ...(withLevels ? [describeLevel(file)] : []),
    file.ok ? paint.good('ok') : paint.bad(file.problems.map((problem) => problem.code).join(',')),
  ]);
  const header = ['file', 'format', 'duration', 'size', ...(withLevels ? ['active level'] : []), 'verdict'];
  const fit = { width: tableWidth(io), paths: new Set([0]), lists: new Set([header.length - 1]) };
  const lines = [formatTable(header, rows, new Set(withLevels ? [2, 3, 4] : [2, 3]), fit), ''];
  for (const file of shown) {
    for (const problem of file.problems) lines.push(`${paint.bad('✗')} ${oneLine(`${file.path}: ${problem.code}: ${problem.message}`)}`);
    if (!flags.quiet) for (const warning of file.warnings) lines.push(`${paint.warn('!')} ${oneLine(`${file.path}: ${warning.message}`)}`);
  }
  return `${lines.join('\n')}\n${lines.length > 2 ? '\n' : ''}`;
}

function describeLevel(file: FileRecord): string {
  const active = file.levels?.activeDbov;
  if (file.levels === null || file.levels === undefined) return '-';
  return active === null || active === undefined ? 'no speech' : `${active.toFixed(1)} dBov`;
}

function describeFormat(file: FileRecord): string {
  const format = file.format;
  if (!format) return '-';
  const channels = format.channels === 1 ? 'mono' : format.channels === 2 ? 'stereo' : `${format.channels} ch`;
  const bits = format.encoding === 'PCM' || format.encoding === 'IEEE float' ? ` ${format.bitsPerSample}-bit` : '';
  // a rate or channel count of 0 is one the header did not give (a WebM's, say): left out rather than shown as 0
  const rate = format.sampleRate > 0 ? ` ${format.sampleRate} Hz` : '';
  return `${format.encoding}${bits}${rate}${format.channels > 0 ? ` ${channels}` : ''}`;
}
