import { zipSync, type Zippable } from 'fflate';

/**
 * Each entry is "made by Unix" (APPNOTE 4.4.2: 3), a regular file of mode rw-r--r--. fflate's default, MS-DOS,
 * makes Info-ZIP's unzip on Linux read the names as a DOS code page despite their UTF-8 flag, garbling Chinese
 * folder names; with Unix it takes the bytes as they are.
 */
const UNIX = { os: 3, attrs: (0o100644 << 16) >>> 0 };

/**
 * One zip of the playback files, each at its path (folders mirrored). Stored, not deflated: A-law barely
 * compresses, and storing keeps a zip of hundreds of files instant.
 */
export function zipFiles(files: ReadonlyArray<{ path: string; bytes: Uint8Array }>): Uint8Array {
  const tree: Zippable = {};
  for (const { path, bytes } of files) tree[path] = [bytes, { level: 0, ...UNIX }];
  return zipSync(tree);
}

/** Saves bytes as a download named `name`, from a Blob URL: nothing is sent anywhere. */
export function saveBytes(bytes: Uint8Array, name: string, type: string): void {
  // Never a SharedArrayBuffer here (the page is not cross-origin isolated), which is what Blob's type excludes.
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type }));
  const link = document.createElement('a');
  link.href = url;
  link.download = name;
  link.click();
  // The download reads the Blob after click() returns; revoking at once can cancel it in some browsers.
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}
