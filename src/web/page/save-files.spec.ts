import { execFileSync } from 'node:child_process';
import { mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { zipFiles } from './save-files.js';

const FILES = [
  { path: '欢迎/问候/huanying.wav', bytes: new Uint8Array([1, 2, 3]) },
  { path: 'menu.wav', bytes: new Uint8Array([4, 5]) },
];

interface CentralEntry {
  name: string;
  madeByOs: number;
  utf8: boolean;
  unixMode: number;
}

/** The central directory's entries, read by the book (APPNOTE 4.3.12), not by the library that wrote them. */
function centralDirectory(zip: Uint8Array): CentralEntry[] {
  const view = new DataView(zip.buffer, zip.byteOffset, zip.byteLength);
  let end = zip.length - 22;
  while (end >= 0 && view.getUint32(end, true) !== 0x06054b50) end--;
  const count = view.getUint16(end + 10, true);
  let at = view.getUint32(end + 16, true);
  const entries: CentralEntry[] = [];
  for (let i = 0; i < count; i++) {
    expect(view.getUint32(at, true)).toBe(0x02014b50);
    const nameLength = view.getUint16(at + 28, true);
    const extraLength = view.getUint16(at + 30, true);
    const commentLength = view.getUint16(at + 32, true);
    entries.push({
      name: new TextDecoder().decode(zip.subarray(at + 46, at + 46 + nameLength)),
      madeByOs: zip[at + 5],
      utf8: (view.getUint16(at + 8, true) & 0x0800) !== 0,
      unixMode: view.getUint32(at + 38, true) >>> 16,
    });
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

describe('zipFiles', () => {
  it('marks every entry as made by Unix, with UTF-8 names and rw-r--r-- files, so Linux unzip keeps Chinese folder names', () => {
    const zip = zipFiles(FILES);
    const entries = centralDirectory(zip);
    expect(entries.map((entry) => entry.name)).toEqual(FILES.map((file) => file.path));
    for (const entry of entries) {
      expect(entry.madeByOs).toBe(3);
      expect(entry.unixMode).toBe(0o100644);
    }
    // The flag is set for names that need it: ASCII names are the same in every code page.
    expect(entries[0].utf8).toBe(true);
    const unzipped = unzipSync(zip);
    expect(unzipped['欢迎/问候/huanying.wav']).toEqual(FILES[0].bytes);
  });

  // From the outside: Info-ZIP's unzip (apt package unzip), what a Linux user opens the download with.
  it('lists and extracts the Chinese folder names unchanged with Info-ZIP unzip', () => {
    const folder = mkdtempSync(join(tmpdir(), 'voiceprep-zip-'));
    try {
      const path = join(folder, 'files.zip');
      writeFileSync(path, zipFiles(FILES));
      const listing = execFileSync('unzip', ['-l', path], { encoding: 'utf8', env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      expect(listing).toContain('欢迎/问候/huanying.wav');
      execFileSync('unzip', ['-q', path, '-d', join(folder, 'out')], { env: { ...process.env, LC_ALL: 'C.UTF-8' } });
      expect(readdirSync(join(folder, 'out')).sort()).toEqual(['menu.wav', '欢迎']);
      expect(statSync(join(folder, 'out', '欢迎', '问候', 'huanying.wav')).mode & 0o777).toBe(0o644);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });
});
