import type { PreparedFile } from '../prepared-file.js';
import { element } from './dom.js';
import { formatGain, formatPeak, formatSeconds, formatSize } from './format.js';
import type { Entry } from './session.js';
import type { Strings } from './strings.js';

const COLUMNS = ['input', 'output', 'duration', 'size', 'peak', 'verdict', 'save'] as const;
type Column = (typeof COLUMNS)[number];

/**
 * The table of files, one row per file, like the CLI's report: input, playback file name, duration, size, peak and
 * the verdict in plain words, with the codes and messages of `voiceprep check` under "Details".
 */
export class ResultsTable {
  private readonly rows = new Map<Entry, HTMLTableRowElement>();
  private readonly header: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;

  /** `table` has a thead with one empty row and an empty tbody. */
  constructor(
    table: HTMLTableElement,
    private readonly strings: () => Strings,
    private readonly save: (entry: Entry) => void,
  ) {
    this.header = (table.tHead as HTMLTableSectionElement).rows[0];
    this.body = table.tBodies[0];
  }

  show(entry: Entry): void {
    let row = this.rows.get(entry);
    if (!row) {
      row = element('tr');
      this.rows.set(entry, row);
      this.body.append(row);
    }
    row.className = entry.state; // not data-state: that attribute is the results element's, a contract with the tests
    row.replaceChildren(...this.cells(entry));
  }

  /** Words the header and every row again, in the language now chosen. */
  showAll(): void {
    const { columns } = this.strings();
    this.header.replaceChildren(...COLUMNS.map((column) => element('th', { scope: 'col', class: column }, columns[column])));
    for (const entry of this.rows.keys()) this.show(entry);
  }

  clear(): void {
    this.rows.clear();
    this.body.replaceChildren();
  }

  private cells(entry: Entry): HTMLTableCellElement[] {
    const strings = this.strings();
    const prepared = entry.prepared;
    const failed = prepared?.verdict === 'failed';
    const content: Record<Column, Array<Node | string | null>> = {
      input: [entry.picked.path],
      // As in the CLI's report: no output name for a file that gets no output.
      output: failed
        ? ['-']
        : [
            element('span', { class: 'name' }, entry.output.path),
            entry.output.renamed ? element('span', { class: 'note' }, strings.renamed) : null,
          ],
      duration: [formatSeconds(strings, prepared?.seconds ?? null)],
      size: [formatSize(prepared?.size ?? null)],
      peak: [formatPeak(prepared?.peakDbfs ?? null)],
      verdict: this.verdict(entry),
      save: [prepared?.bytes ? this.saveButton(entry) : null],
    };
    // class: the column, for the layout; data-column: its name, shown beside each value when rows become cards.
    return COLUMNS.map((column) =>
      column === 'input'
        ? element('th', { scope: 'row', class: column, 'data-column': strings.columns[column] }, ...content[column])
        : element('td', { class: column, 'data-column': strings.columns[column] }, ...content[column]),
    );
  }

  private verdict(entry: Entry): Node[] {
    const strings = this.strings();
    if (entry.state === 'waiting') return [element('span', { class: 'pending' }, strings.waiting)];
    const prepared = entry.prepared;
    if (entry.state === 'converting' || !prepared) {
      return [element('progress', { 'aria-label': strings.converting }), element('span', { class: 'pending' }, strings.converting)];
    }
    if (prepared.verdict === 'failed') return this.failure(prepared);
    return [
      element('span', { class: 'good' }, prepared.verdict === 'kept' ? strings.kept : strings.converted),
      ...this.notes(prepared).map((note) => element('span', { class: 'note' }, note)),
      ...(prepared.warnings.length > 0 ? [this.details(prepared.warnings)] : []),
    ];
  }

  private failure(prepared: PreparedFile): Node[] {
    const strings = this.strings();
    const facts = {
      seconds: formatSeconds(strings, prepared.seconds),
      fitSeconds: formatSeconds(strings, prepared.sizeLimit?.fitSeconds ?? null),
      limit: formatSize(prepared.sizeLimit?.bytes ?? null),
    };
    const words = [...new Set(prepared.problems.map((problem) => strings.problems[problem.code](facts)))];
    return [...words.map((text) => element('span', { class: 'bad' }, text)), this.details(prepared.problems)];
  }

  /** Codes and messages exactly as `voiceprep check` prints them (in English), folded away under "Details". */
  private details(items: ReadonlyArray<{ code: string; message: string }>): HTMLDetailsElement {
    return element(
      'details',
      {},
      element('summary', {}, this.strings().details),
      element('ul', {}, ...items.map(({ code, message }) => element('li', {}, element('code', {}, code), `: ${message}`))),
    );
  }

  /** What the conversion did that the person should know: a cut, clipping, a change of level. */
  private notes(prepared: PreparedFile): string[] {
    const strings = this.strings();
    const notes: string[] = [];
    if (prepared.trimmed) notes.push(strings.trimmed(formatSeconds(strings, prepared.inputSeconds), formatSeconds(strings, prepared.seconds)));
    if (prepared.clippedSamples > 0) notes.push(strings.clipped(prepared.clippedSamples));
    const warned = new Set(prepared.warnings.map((warning) => warning.code));
    if (warned.has('clipped-source')) notes.push(strings.clippedSource);
    for (const [code, words] of Object.entries(strings.promptFaults)) if (warned.has(code)) notes.push(words);
    if (warned.has('level-limited') && prepared.levelDbov?.after != null) notes.push(strings.levelLimited(prepared.levelDbov.after.toFixed(1)));
    if (prepared.levelDbov) {
      const shown = (dbov: number | null) => (dbov === null ? '-' : dbov.toFixed(1));
      notes.push(strings.level(shown(prepared.levelDbov.before), shown(prepared.levelDbov.after)));
    } else if (prepared.gainDb !== 0) {
      notes.push(strings.gain(formatGain(prepared.gainDb)));
    }
    return notes;
  }

  private saveButton(entry: Entry): HTMLButtonElement {
    const button = element('button', { type: 'button', class: 'save', 'aria-label': this.strings().saveOne(entry.output.name) }, this.strings().save);
    button.addEventListener('click', () => this.save(entry));
    return button;
  }
}
