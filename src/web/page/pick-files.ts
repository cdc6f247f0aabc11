import { CONVERTIBLE_EXTENSIONS, REPORTED_AUDIO_EXTENSIONS, extensionOf } from '../../formats/file-kinds.js';

/** A file the person picked or dropped, with where it sat. */
export interface PickedFile {
  file: File;
  /** As the person knows it: its name, or its path from the picked folder's name down. */
  path: string;
  /** Its folder below the picked or dropped folder ('' for a file picked by itself), mirrored in the zip. */
  folder: string;
}

/**
 * Which files a folder search takes: the audio files `voiceprep convert` searches folders for (src/formats/file-kinds.ts),
 * in any case. Files picked or dropped by themselves are all taken, whatever their names.
 */
const SEARCHED_EXTENSIONS = new Set([...CONVERTIBLE_EXTENSIONS, ...REPORTED_AUDIO_EXTENSIONS]);
const isSearched = (name: string) => SEARCHED_EXTENSIONS.has(extensionOf(name)) && !name.startsWith('._');

/** Files from `<input type="file" multiple>`, in the order given. */
export function pickedFiles(files: FileList): PickedFile[] {
  return [...files].map((file) => ({ file, path: file.name, folder: '' }));
}

/** Files from `<input type="file" webkitdirectory>`: each carries its path from the picked folder down. */
export function pickedFolder(files: FileList): PickedFile[] {
  return fromFolder([...files].map((file) => ({ file, path: file.webkitRelativePath || file.name })));
}

/**
 * What was dropped: files as they are, folders searched (recursively) like a picked folder. Entries must be taken
 * from the DataTransfer before the drop handler returns, so they are collected first and read afterwards.
 */
export async function droppedFiles(transfer: DataTransfer): Promise<PickedFile[]> {
  const entries = [...transfer.items].map((item) => item.webkitGetAsEntry?.() ?? null);
  if (entries.includes(null)) return pickedFiles(transfer.files); // a browser without entries: files only
  const picked: PickedFile[] = [];
  for (const entry of entries as FileSystemEntry[]) {
    if (isFile(entry)) picked.push({ file: await fileOf(entry), path: entry.name, folder: '' });
    else if (isDirectory(entry)) picked.push(...fromFolder(await searchDirectory(entry)));
  }
  return picked;
}

/**
 * Files found below one folder (paths starting with that folder's name): the audio files, in the CLI's order (its
 * plain `sort()`, by UTF-16 code units), which decides who gets '-2' when two names collide.
 */
function fromFolder(found: Array<{ file: File; path: string }>): PickedFile[] {
  return found
    .filter(({ file }) => isSearched(file.name))
    .sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0))
    .map(({ file, path }) => ({ file, path, folder: path.split('/').slice(1, -1).join('/') }));
}

async function searchDirectory(directory: FileSystemDirectoryEntry): Promise<Array<{ file: File; path: string }>> {
  const found: Array<{ file: File; path: string }> = [];
  const pending: FileSystemDirectoryEntry[] = [directory];
  for (let folder = pending.pop(); folder; folder = pending.pop()) {
    for (const entry of await readAllEntries(folder)) {
      if (isDirectory(entry)) pending.push(entry);
      else if (isFile(entry)) found.push({ file: await fileOf(entry), path: entry.fullPath.replace(/^\//, '') });
    }
  }
  return found;
}

/**
 * A directory reader hands out its entries in batches (100 at a time in Chromium) until it returns none. A folder
 * that cannot be read is passed over, so that it does not hide the rest (the CLI gives such a folder a line).
 */
async function readAllEntries(directory: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = directory.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve) => reader.readEntries(resolve, () => resolve([])));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

function fileOf(entry: FileSystemFileEntry): Promise<File> {
  return new Promise((resolve, reject) => entry.file(resolve, reject));
}

function isFile(entry: FileSystemEntry): entry is FileSystemFileEntry {
  return entry.isFile;
}

function isDirectory(entry: FileSystemEntry): entry is FileSystemDirectoryEntry {
  return entry.isDirectory;
}
