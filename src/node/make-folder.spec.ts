import { mkdir, mkdtemp, readdir, rm, stat, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { isInside, makeFolder, makeFolderInside } from './make-folder.js';

// mkdir passes through to the real one unless a test makes it fail as a read-only mount would
vi.mock('node:fs/promises', async (importOriginal) => {
  const actual = await importOriginal<typeof import('node:fs/promises')>();
  return { ...actual, mkdir: vi.fn(actual.mkdir) };
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-make-folder-'));
});
afterEach(async () => {
  vi.mocked(mkdir).mockRestore();
  await rm(root, { recursive: true, force: true });
});

const isFolder = async (path: string) => (await stat(path)).isDirectory();

describe('makeFolder', () => {
  it('creates a folder and its missing parents, and accepts one that is already there', async () => {
    await makeFolder(join(root, 'a/b/c'));
    expect(await isFolder(join(root, 'a/b/c'))).toBe(true);
    await makeFolder(join(root, 'a/b/c'));
    await makeFolder(join(root, 'a'));
  });

  it('ends where a folder exists but takes no new folders (/proc), with the reason', { timeout: 10_000 }, async () => {
    await expect(makeFolder('/proc/voiceprep-test/x', '-o /proc/voiceprep-test/x')).rejects.toMatchObject({
      name: 'VoiceprepError',
      code: 'io',
      message: 'cannot create /proc/voiceprep-test: /proc does not allow new folders in it',
    });
  });

  it('says which file stands where a folder should be', async () => {
    await writeFile(join(root, 'out.wav'), 'a file');
    await expect(makeFolder(join(root, 'out.wav'), '-o out.wav')).rejects.toMatchObject({ code: 'io', message: '-o out.wav is a file, not a folder' });
    await expect(makeFolder(join(root, 'out.wav/sub/deeper'), '-o out.wav/sub/deeper')).rejects.toMatchObject({
      code: 'io',
      message: `${join(root, 'out.wav')} is a file, not a folder`,
    });
  });

  it('calls a read-only file system by its name, not "no such file"', async () => {
    const readOnly = join(root, 'ro');
    await mkdir(readOnly);
    vi.mocked(mkdir).mockImplementation(async (path) => {
      throw Object.assign(new Error(`EROFS: read-only file system, mkdir '${String(path)}'`), { code: 'EROFS' });
    });
    await expect(makeFolder(join(readOnly, 'sub'))).rejects.toMatchObject({
      code: 'io',
      message: `cannot write under ${readOnly}: read-only file system`,
    });
  });
});

describe('makeFolderInside', () => {
  it('creates the output folder and the folders below it', async () => {
    await makeFolderInside(join(root, 'out'), join(root, 'out/a/b'));
    expect(await isFolder(join(root, 'out/a/b'))).toBe(true);
  });

  it('creates nothing through a link that leads out of the output folder, however deep the folder below it', async () => {
    await mkdir(join(root, 'out'));
    await mkdir(join(root, 'elsewhere'));
    await symlink(join(root, 'elsewhere'), join(root, 'out/sub'));
    await expect(makeFolderInside(join(root, 'out'), join(root, 'out/sub/deeper/still'), '-o out')).rejects.toMatchObject({
      code: 'io',
      message: expect.stringMatching(/out\/sub leads outside the output folder/),
    });
    expect(await readdir(join(root, 'elsewhere'))).toEqual([]);
  });

  it('follows a link that stays inside the output folder', async () => {
    await mkdir(join(root, 'out/real'), { recursive: true });
    await symlink(join(root, 'out/real'), join(root, 'out/alias'));
    await makeFolderInside(join(root, 'out'), join(root, 'out/alias/x'));
    expect(await isFolder(join(root, 'out/real/x'))).toBe(true);
  });

  it('says so when the output folder is a file', async () => {
    await writeFile(join(root, 'out.wav'), 'a file');
    await expect(makeFolderInside(join(root, 'out.wav'), join(root, 'out.wav/sub'), '-o out.wav')).rejects.toMatchObject({
      message: '-o out.wav is a file, not a folder',
    });
  });
});

describe('isInside', () => {
  it('tells paths inside a folder from paths outside it', () => {
    expect(isInside('/a/b', '/a/b/c')).toBe(true);
    expect(isInside('/a/b', '/a/b')).toBe(true);
    expect(isInside('/a/b', '/a/bc')).toBe(false);
    expect(isInside('/a/b', '/a')).toBe(false);
  });
});
