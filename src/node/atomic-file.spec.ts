import { randomBytes } from 'node:crypto';
import { execFileSync } from 'node:child_process';
import { readdirSync } from 'node:fs';
import { lstat, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { writeFileAtomically } from './atomic-file.js';

let folder: string;
beforeEach(async () => {
  folder = await mkdtemp(join(tmpdir(), 'voiceprep-atomic-'));
});
afterEach(() => rm(folder, { recursive: true, force: true }));

/** Writes `parts` through the sink, as a conversion does (header, blocks of samples, trailer). */
const writing = (parts: Uint8Array[]) => async (sink: { write(bytes: Uint8Array): void | Promise<void> }) => {
  for (const part of parts) await sink.write(part);
  return parts.length;
};

describe.each([{ blocking: false }, { blocking: true }])('writeFileAtomically (blocking: $blocking)', ({ blocking }) => {
  it('writes exactly the bytes given, however they are split', async () => {
    const parts = [randomBytes(58), ...Array.from({ length: 40 }, (_, i) => randomBytes(1 + i * 9973)), randomBytes(3 << 20), randomBytes(1)];
    const target = join(folder, 'a.wav');
    const { value, outcome } = await writeFileAtomically(target, writing(parts), { blocking });
    expect({ value, outcome }).toEqual({ value: parts.length, outcome: 'written' });
    expect((await readFile(target)).equals(Buffer.concat(parts))).toBe(true);
    expect(await readdir(folder)).toEqual(['a.wav']);
  });

  it('leaves neither the target nor a temp file when the writer fails part way (a full disk, say)', async () => {
    const target = join(folder, 'a.wav');
    const full = Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
    const failing = async (sink: { write(bytes: Uint8Array): void | Promise<void> }) => {
      await sink.write(randomBytes(2 << 20));
      throw full;
    };
    await expect(writeFileAtomically(target, failing, { blocking })).rejects.toBe(full);
    expect(await readdir(folder)).toEqual([]);
  });

  it('keeps an existing different file unless asked to replace it, and recognises identical bytes', async () => {
    const target = join(folder, 'a.wav');
    await writeFile(target, 'precious');
    expect((await writeFileAtomically(target, writing([Buffer.from('new')]), { blocking })).outcome).toBe('exists');
    expect(await readFile(target, 'utf8')).toBe('precious');
    expect((await writeFileAtomically(target, writing([Buffer.from('precious')]), { blocking })).outcome).toBe('unchanged');
    expect((await writeFileAtomically(target, writing([Buffer.from('new')]), { replace: true, blocking })).outcome).toBe('written');
    expect(await readFile(target, 'utf8')).toBe('new');
    expect(await readdir(folder)).toEqual(['a.wav']);
  });

  it('lets only one of two writers racing for a name write it; the other is told', async () => {
    const target = join(folder, 'a.wav');
    const outcomes = await Promise.all([
      writeFileAtomically(target, writing([Buffer.from('first')]), { blocking }),
      writeFileAtomically(target, writing([Buffer.from('second')]), { blocking }),
    ]);
    expect(outcomes.map((result) => result.outcome).sort()).toEqual(['exists', 'written']);
    const winner = outcomes[0].outcome === 'written' ? 'first' : 'second';
    expect(await readFile(target, 'utf8')).toBe(winner);
    expect(await readdir(folder)).toEqual(['a.wav']);
  });

  it('never replaces a FIFO, a device node or a folder at the target, even when told to replace', async () => {
    execFileSync('mkfifo', [join(folder, 'pipe.wav')]);
    // a node for the null device, made in this temp folder (never in /dev itself); only root may make one
    const device = process.getuid?.() === 0 ? ['null.wav'] : [];
    if (device.length) execFileSync('mknod', [join(folder, 'null.wav'), 'c', '1', '3']);
    await mkdir(join(folder, 'folder.wav'));
    const kinds: Record<string, string> = { 'pipe.wav': 'a FIFO (named pipe)', 'null.wav': 'a device', 'folder.wav': 'a folder' };
    for (const name of ['pipe.wav', ...device, 'folder.wav']) {
      const target = join(folder, name);
      for (const replace of [true, false]) {
        await expect(writeFileAtomically(target, writing([Buffer.from('new')]), { replace, blocking })).rejects.toMatchObject({
          name: 'VoiceprepError',
          code: 'exists',
          message: `${target} is ${kinds[name]}, not a regular file: voiceprep never replaces one, even when told to overwrite`,
        });
      }
    }
    expect((await lstat(join(folder, 'pipe.wav'))).isFIFO()).toBe(true);
    if (device.length) expect((await lstat(join(folder, 'null.wav'))).isCharacterDevice()).toBe(true);
    expect((await lstat(join(folder, 'folder.wav'))).isDirectory()).toBe(true);
    expect((await readdir(folder)).sort()).toEqual(['folder.wav', ...device, 'pipe.wav']);
  });

  it('moves nothing into place, and leaves no temp file, when the last look before the move refuses', async () => {
    const target = join(folder, 'a.wav');
    await writeFile(target, 'the input, still being written');
    const changed = new Error('the input changed');
    const beforeMove = async () => {
      throw changed;
    };
    await expect(writeFileAtomically(target, writing([Buffer.from('half of it')]), { replace: true, beforeMove, blocking })).rejects.toBe(changed);
    expect(await readFile(target, 'utf8')).toBe('the input, still being written');
    expect(await readdir(folder)).toEqual(['a.wav']);
  });

  it('fails cleanly where it cannot write (here a file stands where the folder should be)', async () => {
    await writeFile(join(folder, 'out'), 'not a folder');
    await expect(writeFileAtomically(join(folder, 'out', 'a.wav'), writing([Buffer.from('x')]), { blocking })).rejects.toMatchObject({ code: 'ENOTDIR' });
    expect(await readdir(folder)).toEqual(['out']);
  });

  it('makes every file operation in this thread when blocking, else through the thread pool', async () => {
    // a batch's converting thread writes, syncs and moves its output without waiting for a turn of the event loop
    let turned = false;
    setImmediate(() => (turned = true));
    const target = join(folder, 'a.wav');
    await writeFileAtomically(target, writing([randomBytes(100), randomBytes(2 << 20)]), { blocking });
    await writeFileAtomically(target, writing([Buffer.from('again')]), { replace: true, blocking });
    expect(turned).toBe(!blocking);
    expect(await readFile(target, 'utf8')).toBe('again');
  });

  it('tells when every byte is written, before the flush to disk, and moves them into place only after it', async () => {
    const target = join(folder, 'a.wav');
    const bytes = randomBytes(300_000);
    let seen: string[] | null = null;
    const onWritten = () => void (seen = readdirSync(folder));
    await writeFileAtomically(target, writing([bytes]), { blocking, onWritten });
    // told while only the temp file was there
    expect(seen).toHaveLength(1);
    expect(seen?.[0]).toMatch(/\.voiceprep-tmp$/);
    expect((await readFile(target)).equals(bytes)).toBe(true);
    expect(await readdir(folder)).toEqual(['a.wav']);
  });
});
