import pc from 'picocolors';

/** Where the CLI writes, so that commands can be run and tested without touching the real process streams. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean };
  stderr: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
  /** Colour on a terminal only, and never when NO_COLOR is set (picocolors checks both, and --no-color). */
  colors: boolean;
}

export function processIo(): CliIo {
  guardProcessStreams();
  return { stdout: process.stdout, stderr: process.stderr, colors: pc.isColorSupported && Boolean(process.stdout.isTTY) };
}

const WRITE_FAILURES: Record<string, string> = {
  ENOSPC: 'no space left on the device',
  EDQUOT: 'disk quota exceeded',
  EFBIG: 'the file size limit of this process (ulimit -f) was reached',
  EIO: 'an I/O error',
};
let guarded = false;

/**
 * Unhandled, a failed write to stdout is a stack trace. A reader that went away (`check | head`: EPIPE) wants no
 * more: the rest is dropped quietly, as Unix tools do. Anything else (`--json > /dev/full`: ENOSPC) loses the report:
 * one line on stderr says so, and the exit code is 1 even if every file complied. stderr's own failures are dropped.
 */
function guardProcessStreams(): void {
  if (guarded) return;
  guarded = true;
  let lost = false;
  process.stdout.on('error', (error: NodeJS.ErrnoException) => {
    // after a first failure the stream is destroyed, and every later write fails with ERR_STREAM_DESTROYED
    if (error.code === 'EPIPE' || lost) return;
    lost = true;
    const reason = WRITE_FAILURES[error.code ?? ''] ?? error.message.split('\n')[0];
    process.stderr.write(`voiceprep: could not write the report to standard output: ${reason}\n`);
  });
  process.stderr.on('error', () => undefined);
  process.on('exit', (code) => {
    if (lost && code === 0) process.exitCode = 1;
  });
}

export type Paint = (text: string) => string;

export function painter(io: CliIo) {
  const plain: Paint = (text) => text;
  return {
    good: io.colors ? pc.green : plain,
    bad: io.colors ? pc.red : plain,
    warn: io.colors ? pc.yellow : plain,
    dim: io.colors ? pc.dim : plain,
    bold: io.colors ? pc.bold : plain,
  };
}

const PRINTABLE_ASCII = /^[\x20-\x7e]*$/;
const CONTROL = /[\x00-\x1f\x7f]/g;
const COLOUR = /\x1b\[[0-9;]*m/g;

let wideWidth: ((text: string) => number) | null = null;

/**
 * string-width knows how many columns a terminal gives any character (CJK and emoji take two), but takes ~25 ms to
 * load, so it is loaded only when a table will hold more than ASCII. Call before formatTable.
 */
export async function prepareWidths(texts: readonly string[]): Promise<void> {
  if (wideWidth || texts.every((text) => PRINTABLE_ASCII.test(text))) return;
  wideWidth = (await import('string-width')).default;
}

/** Columns a cell takes: ASCII directly; the rest by string-width, or by code points if it was never loaded. */
function columns(cell: string): number {
  const text = cell.replace(COLOUR, '');
  if (PRINTABLE_ASCII.test(text)) return text.length;
  return wideWidth ? wideWidth(text) : [...text].length;
}

/**
 * A file name may hold a newline or an escape sequence; printed raw it would split a report line or drive the
 * terminal. Shown escaped instead, as JSON would (the --json output carries the name exactly).
 */
export function oneLine(text: string): string {
  return text.replace(CONTROL, (ch) => JSON.stringify(ch).slice(1, -1));
}

/** Lays out rows in aligned columns, measuring the width a terminal gives each character (CJK takes two). */
export function formatTable(header: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set()): string {
  const widths = header.map((title, column) => Math.max(columns(title), ...rows.map((row) => columns(row[column] ?? ''))));
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        const pad = ' '.repeat(widths[column] - columns(cell));
        return rightAligned.has(column) ? pad + cell : cell + pad;
      })
      .join('  ')
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

export function formatSeconds(seconds: number | null): string {
  return seconds === null ? '-' : `${seconds.toFixed(1)} s`;
}

export function formatBytes(bytes: number | null): string {
  if (bytes === null) return '-';
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
