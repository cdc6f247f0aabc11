import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { PassThrough } from 'node:stream';
import stringWidth from 'string-width';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { waveFile } from '../../test/support/wav-builder.js';
import { main } from './main.js';
import { type CliIo, formatTable, prepareWidths } from './output.js';

const LONG = `${'very_long_prompt_name_'.repeat(10)}end.wav`;
const CJK = `${'欢迎致电_'.repeat(8)}结束.wav`;

describe('formatTable fitted to a width', () => {
  const header = ['input', 'output', 'size', 'verdict'];
  const rows = [
    ['in/ok.wav', 'out/ok.wav', '2.4 KiB', 'ok'],
    [`in/${LONG}`, `out/${LONG} (renamed)`, '2.4 KiB', 'ok'],
    [`in/${CJK}`, 'out/huanyingzhidian.wav (renamed)', '2.4 KiB', '\x1b[31mname,encoding,sample-rate\x1b[39m'],
  ];

  it('cuts names in the middle (whole characters, a note kept) and lists at their end, to fit', async () => {
    await prepareWidths(rows.flat());
    for (const width of [100, 80, 60]) {
      const lines = formatTable(header, rows, new Set([2]), { width, paths: new Set([0, 1]), lists: new Set([3]) }).split('\n');
      for (const line of lines) expect(stringWidth(line)).toBeLessThanOrEqual(width);
      // the start of the folder and the end of the file name stay, either side of the ellipsis
      expect(lines[2]).toMatch(/^in\/very\S*…\S*end\.wav +out\/\S*…\S*\.wav \(renamed\) /);
      expect(lines[3]).toMatch(/^in\/欢\S*…\S*结束\.wav +out\//);
      // the codes give way only once the names are short; the colour of a cut cell still ends
      expect(lines[3]).toMatch(width < 80 ? /\x1b\[31mname,\S*…\x1b\[39m$/ : /\x1b\[31mname,encoding,sample-rate\x1b\[39m$/);
    }
  });

  it('cuts nothing without a width, or when the table fits', () => {
    const table = formatTable(header, rows, new Set([2]));
    expect(table).toContain(LONG);
    expect(formatTable(header, rows, new Set([2]), { width: Infinity, paths: new Set([0, 1]) })).toBe(table);
    expect(formatTable(header, rows.slice(0, 1), new Set([2]), { width: 60, paths: new Set([0, 1]) })).toBe(formatTable(header, rows.slice(0, 1), new Set([2])));
  });
});

describe('the report table', () => {
  let root: string;
  beforeAll(async () => {
    root = await mkdtemp(join(tmpdir(), 'voiceprep-table-'));
    await mkdir(join(root, 'in'));
    const wav = waveFile({ format: 's16', channels: 1, sampleRate: 16000, samples: Float32Array.from({ length: 1600 }, (_, i) => 0.3 * Math.sin(i / 5)) });
    for (const name of [LONG, CJK, 'ok.wav']) await writeFile(join(root, 'in', name), wav);
  });
  afterAll(() => rm(root, { recursive: true, force: true }));

  /** Runs the command in this process, stdout a terminal of `columns` columns, or a pipe when null. */
  async function run(args: string[], columns: number | null): Promise<string> {
    const stdout = Object.assign(new PassThrough(), { isTTY: columns !== null, columns: columns ?? undefined });
    let text = '';
    stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    const io: CliIo = { stdout, stderr: new PassThrough(), colors: false };
    await main(args, io);
    return text;
  }
  const tableOf = (text: string) => text.split('\n\n')[0].split('\n');

  it.each([['check'], ['convert']])('%s: fits a terminal of 100 or 80 columns', async (command) => {
    const args = command === 'check' ? ['check', join(root, 'in')] : ['convert', join(root, 'in'), '-o', join(root, 'out'), '--force', '-j', '1'];
    for (const columns of [100, 80]) {
      const table = tableOf(await run(args, columns));
      expect(table).toHaveLength(4);
      for (const line of table) expect(stringWidth(line)).toBeLessThanOrEqual(columns);
    }
  });

  it('written to a pipe, gives every name whole, as before; --json too', async () => {
    const piped = await run(['check', join(root, 'in')], null);
    expect(tableOf(piped).some((line) => line.startsWith(join(root, 'in', LONG)))).toBe(true);
    expect(tableOf(piped).some((line) => line.startsWith(join(root, 'in', CJK)))).toBe(true);
    const json = JSON.parse(await run(['check', join(root, 'in'), '--json'], 80));
    expect(json.files.map((file: { path: string }) => file.path)).toContain(join(root, 'in', LONG));
  });
});
