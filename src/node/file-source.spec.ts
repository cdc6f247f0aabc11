import { execFileSync } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { appendFile, mkdtemp, rename, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openFileSource } from './file-source.js';

let folder: string;
let path: string;
/** Larger than two read-ahead windows, so that reads cross from one window into the next. */
const contents = randomBytes(9 * 1024 * 1024 + 12345);

beforeAll(async () => {
  folder = await mkdtemp(join(tmpdir(), 'voiceprep-file-source-'));
  path = join(folder, 'bytes.bin');
  await writeFile(path, contents);
});
afterAll(() => rm(folder, { recursive: true, force: true }));

describe.each([{ blocking: false }, { blocking: true }])('openFileSource (blocking: $blocking)', ({ blocking }) => {
  it('streams the whole file in blocks of any size, exactly', async () => {
    for (const block of [1, 4096, 131072, 1_000_003]) {
      const source = await openFileSource(path, { blocking });
      const copy = Buffer.alloc(contents.length);
      for (let at = 0; at < contents.length; at += block) copy.set(await source.read(at, block), at);
      await source.close();
      expect(copy.equals(contents)).toBe(true);
    }
  });

  it('returns what the file holds for any mix of sequential and scattered reads', async () => {
    const read = fc.record({
      sequential: fc.boolean(),
      offset: fc.integer({ min: -10, max: contents.length + 10 }),
      length: fc.oneof(fc.integer({ min: 0, max: 64 }), fc.integer({ min: 0, max: 2 * 1024 * 1024 })),
    });
    await fc.assert(
      fc.asyncProperty(fc.array(read, { minLength: 1, maxLength: 30 }), async (reads) => {
        const source = await openFileSource(path, { blocking });
        let end = 0;
        try {
          for (const { sequential, offset, length } of reads) {
            const at = sequential ? end : offset;
            const bytes = await source.read(at, length);
            const start = Math.min(Math.max(0, at), contents.length);
            expect(Buffer.from(bytes).equals(contents.subarray(start, Math.min(start + length, contents.length)))).toBe(true);
            end = start + bytes.length;
          }
        } finally {
          await source.close();
        }
      }),
      { numRuns: 40, seed: 20261125 },
    );
  });

  it('keeps the alignment of file offsets in memory, through header reads and read-ahead windows', async () => {
    const source = await openFileSource(path, { blocking });
    // a header walk: small reads, some of them consecutive, the last one the header of the sample data
    for (const [at, length] of [[0, 12], [12, 8], [20, 16], [36, 8]]) await source.read(at, length);
    for (let at = 44; at < contents.length; at += 131072) {
      const bytes = await source.read(at, 131072);
      expect(bytes.byteOffset % 4).toBe(at % 4);
      expect(Buffer.from(bytes).equals(contents.subarray(at, at + 131072))).toBe(true);
    }
    await source.close();
  });

  it('reads short, never stale bytes, when the file shrinks after it was opened', async () => {
    const shrinking = join(folder, 'shrinking.bin');
    await writeFile(shrinking, contents);
    const source = await openFileSource(shrinking, { blocking });
    expect(source.size).toBe(contents.length);
    await source.read(0, 65536);
    await truncate(shrinking, 100_000);
    const rest = await source.read(65536, 5_000_000);
    await source.close();
    expect(rest.length).toBe(100_000 - 65536);
    expect(Buffer.from(rest).equals(contents.subarray(65536, 100_000))).toBe(true);
  });

  it('reads straight into a caller\'s buffer, short only at the end', async () => {
    const source = await openFileSource(path, { blocking });
    const target = new Uint8Array(1_000_003);
    for (const at of [0, 12345, contents.length - 500_000]) {
      const got = await source.readInto(at, target);
      expect(got).toBe(Math.min(target.length, contents.length - at));
      expect(Buffer.from(target.subarray(0, got)).equals(contents.subarray(at, at + got))).toBe(true);
    }
    expect(await source.readInto(contents.length + 10, target)).toBe(0);
    await source.close();
  });

  it('makes every operation in this thread when blocking, else through the thread pool', async () => {
    // a blocking file never waits for a turn of the event loop: what a converting thread does between its files
    let turned = false;
    setImmediate(() => (turned = true));
    const source = await openFileSource(path, { blocking });
    await source.read(0, 44);
    for (let at = 44; at < 3_000_000; at += 131072) await source.read(at, 131072);
    await source.readInto(0, new Uint8Array(1000));
    await source.assertUnchanged();
    await source.close();
    expect(turned).toBe(!blocking);
  });

  it('refuses what is not a regular file, in words', async () => {
    await expect(openFileSource(folder, { blocking })).rejects.toMatchObject({ name: 'VoiceprepError', code: 'io', message: /a folder, not a regular file/ });
  });

  it('opens a FIFO without waiting for a writer, and refuses it unread', { timeout: 10_000 }, async () => {
    const fifo = join(folder, `pipe-${blocking}.wav`);
    execFileSync('mkfifo', [fifo]);
    try {
      await expect(openFileSource(fifo, { blocking })).rejects.toMatchObject({ name: 'VoiceprepError', code: 'io', message: /FIFO/ });
    } finally {
      await releaseReaders(fifo);
    }
  });

  it('tells whether the file changed since it was opened: grown, rewritten, or replaced by another', async () => {
    const growing = join(folder, 'growing.bin');
    await writeFile(growing, contents.subarray(0, 1000));
    const source = await openFileSource(growing, { blocking });
    await source.read(0, 1000);
    await expect(source.assertUnchanged()).resolves.toBeUndefined();
    await appendFile(growing, 'more');
    await expect(source.assertUnchanged()).rejects.toMatchObject({ code: 'io', message: /changed while it was being converted/ });
    await source.close();

    const replaced = join(folder, 'replaced.bin');
    await writeFile(replaced, contents.subarray(0, 1000));
    const again = await openFileSource(replaced, { blocking });
    await writeFile(`${replaced}.new`, contents.subarray(0, 1000));
    await rename(`${replaced}.new`, replaced);
    await expect(again.assertUnchanged()).rejects.toMatchObject({ code: 'io', message: /replaced by another file/ });
    await again.close();
  });
});

/** Unblocks any reader still waiting in open() on `fifo` (the code before O_NONBLOCK), so that the run can end. */
async function releaseReaders(fifo: string): Promise<void> {
  const { openSync, closeSync, constants } = await import('node:fs');
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: nobody is waiting to read
  }
}
