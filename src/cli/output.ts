import pc from 'picocolors';

/** Where the CLI writes, so that commands can be run and tested without touching the real process streams. */
export interface CliIo {
  stdout: NodeJS.WritableStream & { isTTY?: boolean; columns?: number };
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

/**
 * How wide a report's table may be: the terminal's width when stdout is one. Written to a file or a pipe it is not
 * cut at all: scripts grep it and `less -S` scrolls it, and either wants every name whole (--json is never cut).
 */
export function tableWidth(io: CliIo): number {
  return io.stdout.isTTY ? io.stdout.columns || 80 : Infinity;
}

/**
 * What may give way when a table is wider than `width`: the `paths` columns, by taking out the middle of a name
 * (its folder's start and its file name's end stay), and the `lists` columns (problem codes), by their end. Names
 * give way first, widest first, down to SHORT_PATH_COLUMNS; then the lists, down to their header; then the names
 * again, down to MIN_PATH_COLUMNS. The lines below the table give every name and every problem whole.
 */
export interface TableFit {
  width: number;
  paths: ReadonlySet<number>;
  lists?: ReadonlySet<number>;
}

const GAP = 2;
const SHORT_PATH_COLUMNS = 20;
const MIN_PATH_COLUMNS = 10;
const ELLIPSIS = '…';

/** Lays out rows in aligned columns, measuring the width a terminal gives each character (CJK takes two). */
export function formatTable(header: string[], rows: string[][], rightAligned: ReadonlySet<number> = new Set(), fit?: TableFit): string {
  const natural = header.map((title, column) => Math.max(columns(title), ...rows.map((row) => columns(row[column] ?? ''))));
  const widths = fit ? fitWidths(natural, header, fit) : natural;
  const line = (cells: string[]) =>
    cells
      .map((cell, column) => {
        const shown = widths[column] < natural[column] ? cut(cell, widths[column], fit?.paths.has(column) ? 'middle' : 'end') : cell;
        const pad = ' '.repeat(widths[column] - columns(shown));
        return rightAligned.has(column) ? pad + shown : shown + pad;
      })
      .join(' '.repeat(GAP))
      .trimEnd();
  return [line(header), ...rows.map(line)].join('\n');
}

/** The widths that bring the table within `fit.width`, or as near as the floors allow (a very narrow terminal). */
function fitWidths(natural: readonly number[], header: readonly string[], fit: TableFit): number[] {
  const widths = [...natural];
  let excess = widths.reduce((sum, width) => sum + width, GAP * (widths.length - 1)) - fit.width;
  const steps: Array<[ReadonlySet<number>, number]> = [
    [fit.paths, SHORT_PATH_COLUMNS],
    [fit.lists ?? new Set(), 0],
    [fit.paths, MIN_PATH_COLUMNS],
  ];
  for (const [shrinking, least] of steps) {
    const floor = (column: number) => Math.max(columns(header[column]), least);
    while (excess > 0) {
      const widest = [...shrinking].filter((column) => widths[column] > floor(column)).sort((a, b) => widths[b] - widths[a])[0];
      if (widest === undefined) break;
      widths[widest]--;
      excess--;
    }
  }
  return widths;
}

const LEADING_COLOUR = /^(?:\x1b\[[0-9;]*m)*/;
const TRAILING_COLOUR = /(?:\x1b\[[0-9;]*m)*$/;

/** A note after a name, as in "out/a.wav (renamed)": cutting a name in the middle leaves it whole. */
const NOTE = / \([^()]*\)$/;

/** `cell` in at most `width` columns, an ellipsis where text was taken out; its colour, if any, kept. */
function cut(cell: string, width: number, where: 'middle' | 'end'): string {
  const before = LEADING_COLOUR.exec(cell)?.[0] ?? '';
  const after = TRAILING_COLOUR.exec(cell.slice(before.length))?.[0] ?? '';
  const text = cell.slice(before.length, cell.length - after.length);
  if (columns(text) <= width) return cell;
  const note = where === 'middle' ? (NOTE.exec(text)?.[0] ?? '') : '';
  // the note stays only where it leaves the name a few characters
  if (note && width - columns(note) >= MIN_PATH_COLUMNS / 2) {
    return `${before}${cut(text.slice(0, -note.length), width - columns(note), where)}${note}${after}`;
  }
  // whole characters only: a CJK character, an emoji or a letter with its accent is never split
  const characters = [...new Intl.Segmenter(undefined, { granularity: 'grapheme' }).segment(text)].map((part) => part.segment);
  const room = Math.max(0, width - columns(ELLIPSIS));
  const head = fitting(characters, where === 'middle' ? Math.floor(room / 2) : room);
  const tail = where === 'middle' ? fitting([...characters].reverse(), room - columns(head.join(''))).reverse() : [];
  return `${before}${head.join('')}${ELLIPSIS}${tail.join('')}${after}`;
}

/** The first of `characters` that fit in `limit` columns. */
function fitting(characters: readonly string[], limit: number): string[] {
  const kept: string[] = [];
  let used = 0;
  for (const character of characters) {
    used += columns(character);
    if (used > limit) break;
    kept.push(character);
  }
  return kept;
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
