import type { PreparedFile } from '../prepared-file.js';
import { timeAt, waveformSvg } from '../../review/waveform-svg.js';
import { warningWordings, wordsOf } from '../../review/words.js';
import { element } from './dom.js';
import { formatGain, formatPeak, formatSeconds, formatSize } from './format.js';
import type { Sounding, SoundKind } from './player.js';
import type { Entry } from './session.js';
import type { Language, Strings } from './strings.js';

const COLUMNS = ['input', 'output', 'listen', 'duration', 'size', 'verdict', 'save'] as const;
type Column = (typeof COLUMNS)[number];

/** What the table asks of the player: a player's press, and a click on a waveform. */
export interface Listening {
  toggle(entry: Entry, kind: SoundKind): void;
  playFrom(entry: Entry, seconds: number): void;
}

/**
 * The table of files, one row per file: input, playback file name, its players and waveform, duration, size and the
 * verdict in plain words (what needs a person's ear first), with the figures and the codes and messages of
 * `voiceprep check` under "Details".
 */
export class ResultsTable {
  private readonly rows = new Map<Entry, HTMLTableRowElement>();
  private readonly header: HTMLTableRowElement;
  private readonly body: HTMLTableSectionElement;
  private sounding: Sounding | null = null;
  private readonly unplayable = new WeakSet<File>();
  /** Each row's id for its file name, which its players point to as their description (aria-describedby). */
  private readonly ids = new WeakMap<Entry, string>();
  private nextId = 0;

  /** `table` has a thead with one empty row and an empty tbody. */
  constructor(
    table: HTMLTableElement,
    private readonly strings: () => Strings,
    private readonly language: () => Language,
    private readonly save: (entry: Entry) => void,
    private readonly listening: Listening,
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
    this.showSounding(this.sounding);
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

  /** Marks the row that sounds (data-playing: 'original' or 'converted') and its pressed player; none when null. */
  showSounding(now: Sounding | null): void {
    this.sounding = now;
    for (const [entry, row] of this.rows) {
      const kind = now?.entry === entry ? now.kind : null;
      if (kind) row.dataset.playing = kind;
      else row.removeAttribute('data-playing');
      for (const button of row.querySelectorAll<HTMLButtonElement>('button[data-play]')) button.setAttribute('aria-pressed', String(button.dataset.play === kind));
      if (!kind) row.querySelector('svg')?.removeAttribute('data-position');
    }
  }

  /** Moves the sounding row's playhead to `seconds` into the file. */
  showPosition(now: Sounding, seconds: number): void {
    const drawing = this.rows.get(now.entry)?.querySelector<SVGSVGElement>('svg[data-role="waveform"]');
    const head = drawing?.querySelector('.playhead');
    if (!drawing || !head || now.kind !== 'converted') return;
    const x = ((Number(drawing.dataset.lead) + seconds) / Number(drawing.dataset.total)) * drawing.viewBox.baseVal.width;
    drawing.dataset.position = seconds.toFixed(2);
    head.setAttribute('x1', x.toFixed(1));
    head.setAttribute('x2', x.toFixed(1));
  }

  /** Says, in the row, that the browser cannot decode this original. */
  cannotPlay(entry: Entry): void {
    this.unplayable.add(entry.picked.file);
    this.show(entry);
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
      listen: this.listen(entry),
      duration: [formatSeconds(strings, prepared?.seconds ?? null)],
      size: [formatSize(prepared?.size ?? null)],
      verdict: this.verdict(entry),
      save: [prepared?.bytes ? this.saveButton(entry) : null],
    };
    // class: the column, for the layout; data-column: its name, shown beside each value when rows become cards.
    return COLUMNS.map((column) =>
      column === 'input'
        ? element('th', { scope: 'row', id: this.idOf(entry), class: column, 'data-column': strings.columns[column] }, ...content[column])
        : element('td', { class: column, 'data-column': strings.columns[column] }, ...content[column]),
    );
  }

  /** Both players and the waveform of a file that has a playback file. */
  private listen(entry: Entry): Node[] {
    const prepared = entry.prepared;
    if (entry.state !== 'done' || !prepared?.playback || !prepared.waveform) return [];
    const strings = this.strings();
    const player = (kind: SoundKind, label: string) => {
      // named as the contract says; a screen reader also hears which file (the row's name) as its description
      const button = element('button', { type: 'button', class: 'play', 'data-play': kind, 'aria-pressed': 'false', 'aria-describedby': this.idOf(entry) }, label);
      button.addEventListener('click', () => this.listening.toggle(entry, kind));
      return button;
    };
    const { waveform } = prepared;
    const level = waveform.activeDbov === null ? strings.noSpeech : `${waveform.activeDbov.toFixed(1)} dBov`;
    const holder = element('div', { class: 'waveform' });
    holder.innerHTML = waveformSvg(waveform, strings.waveform(formatSeconds(strings, waveform.seconds), level, waveform.clipped.length));
    const drawing = holder.firstElementChild as SVGSVGElement;
    const head = document.createElementNS('http://www.w3.org/2000/svg', 'line');
    head.setAttribute('class', 'playhead');
    head.setAttribute('y1', '0');
    head.setAttribute('y2', String(drawing.viewBox.baseVal.height));
    drawing.append(head);
    drawing.addEventListener('click', (event) => {
      const box = drawing.getBoundingClientRect();
      const fraction = (event.clientX - box.left) / box.width;
      this.listening.playFrom(entry, timeAt(fraction, waveform.cut.leadingSeconds, waveform.seconds, Number(drawing.dataset.total)));
    });
    return [
      element('div', { class: 'players' }, player('original', strings.playOriginal), player('converted', strings.playConverted)),
      holder,
      this.unplayable.has(entry.picked.file) ? element('span', { class: 'note' }, strings.cannotPlayOriginal) : null,
    ].filter((node): node is HTMLElement => node !== null);
  }

  private idOf(entry: Entry): string {
    let id = this.ids.get(entry);
    if (!id) {
      id = `file-${++this.nextId}`;
      this.ids.set(entry, id);
    }
    return id;
  }

  private verdict(entry: Entry): Node[] {
    const strings = this.strings();
    if (entry.state === 'waiting') return [element('span', { class: 'pending' }, strings.waiting)];
    const prepared = entry.prepared;
    if (entry.state === 'converting' || !prepared) {
      return [element('progress', { 'aria-label': strings.converting }), element('span', { class: 'pending' }, strings.converting)];
    }
    if (prepared.verdict === 'failed') return this.failure(prepared);
    // plain words first: what needs an ear, then what merely happened; figures and codes folded away below
    const wordings = warningWordings(
      prepared.warnings.map((warning) => warning.code),
      prepared.waveform !== null && prepared.waveform.activeDbov === null,
    );
    const listen = [...(prepared.clippedSamples > 0 ? [strings.clipped(prepared.clippedSamples)] : []), ...wordings.filter((w) => w.listen).map((w) => wordsOf(w, this.language()))];
    const notes = [
      ...(prepared.trimmed ? [strings.trimmed(formatSeconds(strings, prepared.inputSeconds), formatSeconds(strings, prepared.seconds))] : []),
      ...wordings.filter((w) => !w.listen).map((w) => wordsOf(w, this.language())),
    ];
    const kept = prepared.verdict === 'kept';
    const headline = listen.length > 0 ? (kept ? strings.keptListen : strings.convertedListen) : kept ? strings.kept : strings.converted;
    return [
      element('span', { class: listen.length > 0 ? 'hear-first' : 'good' }, headline),
      ...listen.map((words) => element('span', { class: 'note attention' }, words)),
      ...notes.map((words) => element('span', { class: 'note' }, words)),
      this.details(prepared.warnings, this.figures(prepared)),
    ];
  }

  private failure(prepared: PreparedFile): Node[] {
    const strings = this.strings();
    const facts = {
      format: prepared.format ?? '?',
      seconds: formatSeconds(strings, prepared.seconds),
      fitSeconds: formatSeconds(strings, prepared.sizeLimit?.fitSeconds ?? null),
      limit: formatSize(prepared.sizeLimit?.bytes ?? null),
    };
    const words = [...new Set(prepared.problems.map((problem) => strings.problems[problem.code](facts)))];
    return [...words.map((text) => element('span', { class: 'bad' }, text)), this.details(prepared.problems, [])];
  }

  /** The figures (peak, P.56 level, gain) and the codes and messages as `voiceprep check` prints them, under "Details". */
  private details(items: ReadonlyArray<{ code: string; message: string }>, figures: string[]): HTMLDetailsElement {
    return element(
      'details',
      {},
      element('summary', {}, this.strings().details),
      figures.length > 0 ? element('p', { class: 'figures' }, figures.join(' · ')) : null,
      items.length > 0 ? element('ul', {}, ...items.map(({ code, message }) => element('li', {}, element('code', {}, code), `: ${message}`))) : null,
    );
  }

  private figures(prepared: PreparedFile): string[] {
    const strings = this.strings();
    const figures = [strings.peak(formatPeak(prepared.peakDbfs))];
    if (prepared.levelDbov) {
      const shown = (dbov: number | null) => (dbov === null ? '-' : dbov.toFixed(1));
      figures.push(strings.level(shown(prepared.levelDbov.before), shown(prepared.levelDbov.after)));
    } else if (prepared.gainDb !== 0) {
      figures.push(strings.gain(formatGain(prepared.gainDb)));
    }
    return figures;
  }

  private saveButton(entry: Entry): HTMLButtonElement {
    const button = element('button', { type: 'button', class: 'save', 'aria-label': this.strings().saveOne(entry.output.name) }, this.strings().save);
    button.addEventListener('click', () => this.save(entry));
    return button;
  }
}
