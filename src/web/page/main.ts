import { byId } from './dom.js';
import { showStaticTexts } from './language.js';
import { OptionsPanel } from './options-panel.js';
import { Player } from './player.js';
import { NamingWorker } from './naming-client.js';
import { droppedFiles, pickedFiles, pickedFolder, type PickedFile } from './pick-files.js';
import { ResultsTable } from './results-table.js';
import { zipFiles, saveBytes } from './save-files.js';
import { Session, type Entry } from './session.js';
import { STRINGS, preferredLanguage, type Language } from './strings.js';
import { WorkerPool } from './worker-pool.js';

/** The page: wires the pickers, the options, the worker pool and the table together. */

let language: Language = preferredLanguage(navigator.languages);
const strings = () => STRINGS[language];

// Workers from Blob URLs of their code, inlined in the page as base64 text (see build-page.mjs): a file:// page
// may not start workers from files beside it.
const workerUrl = (id: string) => URL.createObjectURL(new Blob([bytesOfBase64(byId(id).textContent as string)], { type: 'text/javascript' }));
const pool = new WorkerPool(workerUrl('convert-worker'), Math.max(1, navigator.hardwareConcurrency || 1));
const naming = new NamingWorker(workerUrl('naming-worker'));
// Started once the page is up, so that its tables are set up by the time the first files are picked. (Safari has
// no requestIdleCallback.)
if ('requestIdleCallback' in window) requestIdleCallback(() => naming.start());
else setTimeout(() => naming.start(), 500);

const results = byId<HTMLElement>('results');
const overall = byId<HTMLProgressElement>('overall');
const overallText = byId<HTMLElement>('overall-text');
const announcement = byId<HTMLElement>('announcement');
const downloadAll = byId<HTMLButtonElement>('download-all');
const clearList = byId<HTMLButtonElement>('clear');

const playAll = byId<HTMLButtonElement>('play-all');
const player = new Player({
  changed(now) {
    table.showSounding(now);
    playAll.setAttribute('aria-pressed', String(player.playingAll));
  },
  position: (now, seconds) => table.showPosition(now, seconds),
  cannotPlay: (entry) => table.cannotPlay(entry),
});
const table = new ResultsTable(byId('result-table'), strings, () => language, saveOne, {
  toggle: (entry, kind) => void player.toggle(entry, kind),
  playFrom: (entry, seconds) => void player.playFrom(entry, seconds),
});
const options = new OptionsPanel(byId('options'), (chosen) => session.setOptions(chosen));
const session = new Session(pool, (names, target) => naming.compliantNames(names, target), options.options, {
  entryChanged(entry) {
    table.show(entry);
    showProgress();
  },
  listChanged() {
    if (session.entries.length === 0) {
      player.stop();
      table.clear();
    }
    showProgress();
  },
});

function showProgress(): void {
  const total = session.entries.length;
  const done = session.done;
  const state = session.busy ? 'working' : total === 0 ? 'idle' : 'done';
  const finishing = state === 'done' && results.dataset.state !== 'done';
  results.dataset.state = state;
  results.setAttribute('aria-busy', String(state === 'working'));
  overall.max = Math.max(total, 1);
  overall.value = done;
  overallText.textContent = total === 0 ? strings().noFiles : strings().progress(done, total);
  downloadAll.disabled = state !== 'done' || readyFiles().length === 0;
  playAll.disabled = !session.entries.some((entry) => entry.prepared?.playback);
  clearList.disabled = total === 0;
  // Screen readers hear the outcome once, not every file's progress.
  if (finishing) announcement.textContent = finishedText();
  if (state !== 'done') announcement.textContent = '';
}

function finishedText(): string {
  const ready = readyFiles().length;
  return strings().finished(ready, session.entries.length - ready);
}

function readyFiles(): Array<{ path: string; bytes: Uint8Array }> {
  return session.entries.flatMap((entry) => (entry.prepared?.bytes ? [{ path: entry.output.path, bytes: entry.prepared.bytes }] : []));
}

function saveOne(entry: Entry): void {
  if (entry.prepared?.bytes) saveBytes(entry.prepared.bytes, entry.output.name, 'audio/wav');
}

const languageSwitch = byId<HTMLButtonElement>('language');

function showLanguage(): void {
  showStaticTexts(language, strings());
  // The switch is worded in the other language, and says so for screen readers' pronunciation.
  languageSwitch.lang = language === 'en' ? 'zh-CN' : 'en';
  options.showTexts(strings());
  table.showAll();
  showProgress();
  if (results.dataset.state === 'done') announcement.textContent = finishedText();
}

function add(files: PickedFile[]): void {
  if (files.length > 0) void session.add(files);
}

const fileInput = byId<HTMLInputElement>('file-input');
const folderInput = byId<HTMLInputElement>('folder-input');
byId('choose-files').addEventListener('click', () => fileInput.click());
byId('choose-folder').addEventListener('click', () => folderInput.click());
fileInput.addEventListener('change', () => {
  add(pickedFiles(fileInput.files as FileList));
  fileInput.value = ''; // so that picking the same files again is a change too
});
folderInput.addEventListener('change', () => {
  add(pickedFolder(folderInput.files as FileList));
  folderInput.value = '';
});

// Files can be dropped anywhere on the page; the overlay says that they will be added.
const overlay = byId<HTMLElement>('drop-overlay');
const carriesFiles = (event: DragEvent) => event.dataTransfer?.types.includes('Files') ?? false;
document.addEventListener('dragover', (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  overlay.hidden = false;
});
document.addEventListener('dragleave', (event) => {
  if (event.relatedTarget === null) overlay.hidden = true;
});
document.addEventListener('drop', (event) => {
  if (!carriesFiles(event)) return;
  event.preventDefault();
  overlay.hidden = true;
  void droppedFiles(event.dataTransfer as DataTransfer).then(add);
});

downloadAll.addEventListener('click', () => saveBytes(zipFiles(readyFiles()), strings().zipName, 'application/zip'));
clearList.addEventListener('click', () => session.clear());
playAll.addEventListener('click', () => void player.playAll(session.entries));
// Escape stops whatever sounds, wherever the focus is.
document.addEventListener('keydown', (event) => {
  if (event.key === 'Escape') player.stop();
});
languageSwitch.addEventListener('click', () => {
  language = language === 'en' ? 'zh-CN' : 'en';
  showLanguage();
});

showLanguage();

function bytesOfBase64(text: string): Uint8Array<ArrayBuffer> {
  const binary = atob(text.trim());
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
