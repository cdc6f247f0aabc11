import { dirname, relative } from 'node:path';
import type { SingleBar } from 'cli-progress';
import { searchedOutputFolder } from '../batch/batch-inputs.js';
import { type BatchResult, type RunningBatch, startBatch } from '../batch/run-batch.js';
import type { ConvertSettings } from '../pipeline/settings.js';
import { targetNamed } from '../profile/target-named.js';
import { EXIT_USAGE, type HeldSignal, type HeldSignals, SIGNAL_EXIT_CODES, takeHeldSignal } from './exit-codes.js';
import { defaultReviewFile, writeReview } from './review-file.js';
import { type CliIo, formatBytes, formatSeconds, formatTable, oneLine, painter, prepareWidths, tableWidth } from './output.js';

/**
 * The options commander parsed for `convert`, declared beside the code that reads them: the command, which loads this
 * module only when it runs, imports just their type, and no import runs back.
 */
export interface ConvertFlags {
  output?: string;
  inPlace?: boolean;
  keepNames?: boolean;
  force?: boolean;
  target?: string;
  maxSize?: number;
  trim?: boolean;
  normalize?: boolean;
  level?: number;
  trimSilence?: boolean;
  even?: boolean;
  pad?: number | [number, number];
  highpass?: boolean | number;
  voxRate?: number;
  jobs?: number;
  json?: boolean;
  quiet?: boolean;
  /** --review [file]: true for the default file (review.html in the output folder). */
  review?: string | boolean;
}

/** `signals`: those held while the command loaded (bin/voiceprep.js): one that came then starts the batch stopped. */
export async function runConvert(inputs: string[], flags: ConvertFlags, io: CliIo, signals?: HeldSignals): Promise<number> {
  const started = Date.now();
  // A signal stops the batch; its report is then printed as usual, and the process ends once stdout has drained (a
  // script reading --json through a pipe gets the whole document). A second signal ends it at once: the temp files
  // of conversions cut off then are removed by the next run into that folder.
  let signalled: HeldSignal | null = null;
  let bar: SingleBar | null = null;
  let batch: RunningBatch | null = null;
  const onSignal = (signal: HeldSignal) => {
    if (signalled) process.exit(SIGNAL_EXIT_CODES[signalled]);
    signalled = signal;
    bar?.stop();
    batch?.stop();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);
  // this run's handlers are in place: it takes over what was held while it loaded
  signalled = takeHeldSignal(signals);
  try {
    const searched = flags.output && !flags.inPlace ? await searchedOutputFolder(inputs, flags.output) : null;
    if (searched !== null) {
      io.stderr.write(
        `error: the output folder ${oneLine(flags.output as string)} is the folder ${oneLine(searched)} searched for inputs: ` +
          'give an output folder outside it, or --in-place to replace each file with its converted version\n',
      );
      return EXIT_USAGE;
    }
    bar = signalled ? null : await progressBar(io, flags);
    batch = startBatch({
      inputs,
      mode: flags.inPlace ? { kind: 'in-place' } : { kind: 'folder', folder: flags.output as string },
      keepNames: flags.keepNames,
      force: flags.force,
      settings: settingsOf(flags),
      jobs: flags.jobs,
      onProgress(event) {
        if (!bar || signalled) return;
        if (event.type === 'planned') bar.start(event.total, 0, { file: '' });
        if (event.type === 'started') bar.update({ file: event.path });
        if (event.type === 'finished') bar.update(event.done, { file: event.file.path });
      },
    });
    // signalled while the bar was loading
    if (signalled) batch.stop();
    const result = await batch.done;
    if (!signalled) bar?.stop();
    await prepareWidths(result.files.flatMap((file) => [file.path, file.output?.path ?? '']));
    const text = render(result, flags, io, Date.now() - started);
    io.stdout.write(text.stdout);
    io.stderr.write(text.stderr);
    if (result.removedTempFiles.length > 0) {
      const paths = result.removedTempFiles.map((path) => oneLine(shownPath(path))).join(', ');
      io.stderr.write(`voiceprep: removed ${result.removedTempFiles.length} temp file(s) left by a run that was killed: ${paths}\n`);
    }
    if (flags.review && !signalled) {
      const folders = flags.inPlace ? result.files.map((file) => dirname(file.output?.path ?? file.path)) : [flags.output as string];
      const wanted = typeof flags.review === 'string' ? flags.review : defaultReviewFile(folders);
      const written = await writeReview(result.files, wanted, settingsOf(flags).profile).catch((error: unknown) => {
        io.stderr.write(`voiceprep: the review page could not be written: ${oneLine(error instanceof Error ? error.message : String(error))}\n`);
        return null;
      });
      if (written === null) return 1;
      (flags.json ? io.stderr : io.stdout).write(`review page: ${oneLine(shownPath(written))}\n`);
    }
    if (result.interrupted && signalled) {
      io.stderr.write(`voiceprep: interrupted by ${signalled}: finished files were kept, partial ones removed\n`);
      return SIGNAL_EXIT_CODES[signalled];
    }
    return result.summary.failed === 0 ? 0 : 1;
  } finally {
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

/** The flags that ask something of each file's conversion, as settings: the one place the CLI maps them. */
export function settingsOf(flags: ConvertFlags): ConvertSettings {
  return {
    profile: flags.target === undefined ? undefined : targetNamed(flags.target),
    maxBytes: flags.maxSize,
    trim: flags.trim,
    normalize: flags.normalize,
    level: flags.level,
    trimSilence: flags.trimSilence,
    even: flags.even,
    pad: flags.pad,
    highpass: flags.highpass,
    voxRate: flags.voxRate,
  };
}

async function progressBar(io: CliIo, flags: ConvertFlags): Promise<SingleBar | null> {
  if (flags.quiet || !io.stderr.isTTY) return null;
  // Loaded only when a bar will be drawn: scripts and CI never pay for it.
  const { SingleBar: Bar } = await import('cli-progress');
  return new Bar({
    stream: io.stderr,
    format: 'converting [{bar}] {value}/{total} files | ETA {eta_formatted} | {file}',
    hideCursor: true,
    clearOnComplete: true,
    etaBuffer: 20,
  });
}

function render(result: BatchResult, flags: ConvertFlags, io: CliIo, elapsedMs: number): { stdout: string; stderr: string } {
  if (flags.json) {
    const document = { files: result.files, summary: result.summary, interrupted: result.interrupted, removedTempFiles: result.removedTempFiles };
    return { stdout: `${JSON.stringify(document, null, 2)}\n`, stderr: '' };
  }
  const paint = painter(io);
  // The level column appears when levels were measured: before -> after, in dBov.
  const showLevels = flags.level !== undefined || Boolean(flags.trimSilence);
  const rows = result.files.map((file) => [
    oneLine(file.path),
    file.output ? `${oneLine(shownPath(file.output.path))}${file.renamed ? ' (renamed)' : ''}` : '-',
    formatSeconds(file.output?.seconds ?? file.seconds),
    formatBytes(file.output?.bytes ?? null),
    file.conversion?.peakDbfs != null ? `${file.conversion.peakDbfs.toFixed(1)} dBFS` : '-',
    file.conversion ? String(file.conversion.clippedSamples) : '-',
    ...(showLevels ? [levelChange(file)] : []),
    verdict(file, paint),
  ]);
  const header = ['input', 'output', 'duration', 'size', 'peak', 'clipped', ...(showLevels ? ['level dBov'] : []), 'verdict'];
  const table = formatTable(header, rows, new Set(showLevels ? [2, 3, 4, 5, 6] : [2, 3, 4, 5]), { width: tableWidth(io), paths: new Set([0, 1]) });
  const lines: string[] = [];
  for (const file of result.files) {
    for (const problem of file.problems) lines.push(`${paint.bad('✗')} ${oneLine(`${file.path}: ${problem.message}`)}`);
    for (const warning of file.warnings) lines.push(`${paint.warn('!')} ${oneLine(`${file.path}: ${warning.message}`)}`);
  }
  const { summary } = result;
  const target = flags.inPlace ? 'in place' : `into ${flags.output}`;
  const summaryLine =
    `${summary.checked} file(s): ${summary.ok} converted ${target}` +
    (summary.unchanged ? ` (${summary.unchanged} already up to date)` : '') +
    `, ${summary.failed} failed, in ${(elapsedMs / 1000).toFixed(1)} s`;
  const colouredSummary = summary.failed ? paint.bad(summaryLine) : paint.good(summaryLine);
  return {
    stdout: `${table}\n\n${colouredSummary}\n`,
    stderr: lines.length ? `${lines.join('\n')}\n` : '',
  };
}

/** Outputs below the working folder are shown relative to it; elsewhere a climb of ../.. says less than the path. */
function shownPath(path: string): string {
  const below = relative(process.cwd(), path);
  return below && !below.startsWith('..') ? below : path;
}

function levelChange(file: BatchResult['files'][number]): string {
  const levels = file.conversion?.levels;
  if (!levels) return '-';
  const show = (dbov: number | null) => (dbov === null ? 'none' : dbov.toFixed(1));
  return `${show(levels.before.activeDbov)} -> ${show(levels.after.activeDbov)}`;
}

function verdict(file: BatchResult['files'][number], paint: ReturnType<typeof painter>): string {
  if (!file.ok) return paint.bad(file.problems[0]?.code ?? 'failed');
  if (file.output?.outcome === 'unchanged') return paint.good('up to date');
  if (file.conversion?.passThrough) return paint.good('copied');
  return paint.good('ok');
}
