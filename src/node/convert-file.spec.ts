import { execFileSync } from 'node:child_process';
import { closeSync, constants, openSync } from 'node:fs';
import { appendFile, lstat, mkdir, mkdtemp, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { checkFile } from './check-paths.js';
import { type Conversion, openConversion } from '../pipeline/conversion.js';
import { waveFile } from '../../test/support/wav-builder.js';
import { convert, convertFile } from './convert-file.js';

// openConversion is the real one unless a test makes the input grow while it is converted
vi.mock('../pipeline/conversion.js', async (importOriginal) => {
  const actual = await importOriginal<typeof import('../pipeline/conversion.js')>();
  return { ...actual, openConversion: vi.fn(actual.openConversion) };
});

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-convert-file-'));
});
afterEach(async () => {
  vi.mocked(openConversion).mockRestore();
  await rm(root, { recursive: true, force: true });
});

const tone = Float32Array.from({ length: 4410 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44100));
const input = () => waveFile({ format: 's16', channels: 1, sampleRate: 44100, samples: tone });

describe('convertFile and convert, on paths', () => {
  it('refuse a FIFO at once, unread, as does checkFile (none waits for a writer)', { timeout: 10_000 }, async () => {
    const fifo = join(root, 'pipe.wav');
    execFileSync('mkfifo', [fifo]);
    try {
      const refused = { name: 'VoiceprepError', code: 'io', message: `${fifo}: a FIFO (named pipe), not a regular file: not read` };
      await expect(convertFile(fifo, join(root, 'out.wav'))).rejects.toMatchObject(refused);
      await expect(convert(fifo)).rejects.toMatchObject(refused);
      const record = await checkFile(fifo);
      expect(record.problems).toEqual([{ code: 'unreadable', message: 'a FIFO (named pipe), not a regular file: not read' }]);
      expect(await readdir(root)).toEqual(['pipe.wav']);
    } finally {
      releaseReaders(fifo);
    }
  });

  it('say in words that an input does not exist, and create nothing for it', async () => {
    const missing = join(root, 'missing.wav');
    const notFound = { name: 'VoiceprepError', code: 'not-found', message: `${missing}: no such file` };
    await expect(convertFile(missing, join(root, 'out/a.wav'))).rejects.toMatchObject(notFound);
    await expect(convert(missing)).rejects.toMatchObject(notFound);
    expect(await readdir(root)).toEqual([]);
  });

  it('create the output folder, as the README example expects', async () => {
    await writeFile(join(root, 'in.wav'), input());
    const report = await convertFile(join(root, 'in.wav'), join(root, 'out/deeper/huanying.wav'));
    expect(report.output.bytes).toBe((await readFile(join(root, 'out/deeper/huanying.wav'))).length);
  });

  it('keep a different file at the output unless asked to overwrite it', async () => {
    await writeFile(join(root, 'in.wav'), input());
    await writeFile(join(root, 'out.wav'), 'precious');
    await expect(convertFile(join(root, 'in.wav'), join(root, 'out.wav'))).rejects.toMatchObject({
      name: 'VoiceprepError',
      code: 'exists',
      message: `a different file is already at ${join(root, 'out.wav')}: pass { overwrite: true } to replace it`,
    });
    expect(await readFile(join(root, 'out.wav'), 'utf8')).toBe('precious');
    expect((await readdir(root)).sort()).toEqual(['in.wav', 'out.wav']);

    const report = await convertFile(join(root, 'in.wav'), join(root, 'out.wav'), { overwrite: true });
    const converted = await readFile(join(root, 'out.wav'));
    expect(converted.length).toBe(report.output.bytes);
    // the same bytes again are no overwrite
    await convertFile(join(root, 'in.wav'), join(root, 'out.wav'));
    expect((await readFile(join(root, 'out.wav'))).equals(converted)).toBe(true);
  });

  it('replace the input itself only when asked to overwrite, also when the output is a link to it', async () => {
    const path = join(root, 'in.wav');
    const original = Buffer.from(input());
    await writeFile(path, original);
    await symlink('in.wav', join(root, 'link.wav'));
    for (const output of [path, join(root, 'link.wav')]) {
      await expect(convertFile(path, output)).rejects.toMatchObject({
        name: 'VoiceprepError',
        code: 'exists',
        message: `${output} is the input itself: pass { overwrite: true } to replace it with its conversion`,
      });
      expect((await readFile(path)).equals(original)).toBe(true);
    }
    expect((await readdir(root)).sort()).toEqual(['in.wav', 'link.wav']);
    const report = await convertFile(path, path, { overwrite: true });
    expect((await readFile(path)).length).toBe(report.output.bytes);
  });

  it('never replace a FIFO or a device node at the output, even when asked to overwrite', { timeout: 10_000 }, async () => {
    await writeFile(join(root, 'in.wav'), input());
    execFileSync('mkfifo', [join(root, 'pipe.wav')]);
    // a node for the null device, made in this temp folder (never in /dev itself); only root may make one
    const device = process.getuid?.() === 0 ? ['null.wav'] : [];
    if (device.length) execFileSync('mknod', [join(root, 'null.wav'), 'c', '1', '3']);
    for (const name of ['pipe.wav', ...device]) {
      await expect(convertFile(join(root, 'in.wav'), join(root, name), { overwrite: true })).rejects.toMatchObject({
        name: 'VoiceprepError',
        code: 'exists',
        message: expect.stringMatching(new RegExp(`^${join(root, name)} is a (FIFO|device).*, not a regular file: voiceprep never replaces one`)),
      });
    }
    expect((await lstat(join(root, 'pipe.wav'))).isFIFO()).toBe(true);
    if (device.length) expect((await lstat(join(root, 'null.wav'))).isCharacterDevice()).toBe(true);
    expect((await readdir(root)).sort()).toEqual(['in.wav', ...device, 'pipe.wav']);
  });

  it('do not replace an input shorter than its header says (a writer that paused), even when asked to overwrite', async () => {
    const path = join(root, 'recording.wav');
    // the header claims all of the data, as a writer that fills it in first does, but the last 2000 bytes are not there yet
    const partial = Buffer.from(input()).subarray(0, -2000);
    await writeFile(path, partial);
    await expect(convertFile(path, path, { overwrite: true })).rejects.toMatchObject({
      name: 'VoiceprepError',
      code: 'io',
      message: /^it is shorter than its header says: is it still being written\? not replaced/,
    });
    expect((await readFile(path)).equals(partial)).toBe(true);
    expect(await readdir(root)).toEqual(['recording.wav']);
    // into another file, which keeps it, it converts with its warning
    const report = await convertFile(path, join(root, 'out.wav'));
    expect(report.warnings.map((warning) => warning.code)).toContain('data-truncated');
  });

  it('do not replace an input that changed while it was converted (a file still being written)', async () => {
    const path = join(root, 'recording.wav');
    const original = Buffer.from(input());
    await writeFile(path, original);
    await growsWhileConverted(path, Buffer.alloc(4000, 7));
    await expect(convertFile(path, path, { overwrite: true })).rejects.toMatchObject({ name: 'VoiceprepError', code: 'io', message: /changed while it was being converted/ });
    expect((await readFile(path)).equals(Buffer.concat([original, Buffer.alloc(4000, 7)]))).toBe(true);
    expect(await readdir(root)).toEqual(['recording.wav']);
  });

  it('put a read-only or missing place for the output in words, not ENOENT', async () => {
    await writeFile(join(root, 'in.wav'), input());
    await mkdir(join(root, 'out'));
    await writeFile(join(root, 'out/file'), 'a file');
    await expect(convertFile(join(root, 'in.wav'), join(root, 'out/file/a.wav'))).rejects.toMatchObject({
      code: 'io',
      message: `${join(root, 'out/file')} is a file, not a folder`,
    });
    await expect(convertFile(join(root, 'in.wav'), '/proc/voiceprep-test/a.wav')).rejects.toMatchObject({
      code: 'io',
      message: 'cannot create /proc/voiceprep-test: /proc does not allow new folders in it',
    });
    await expect(convertFile(join(root, 'in.wav'), '/proc/self/a.wav')).rejects.toMatchObject({
      code: 'io',
      message: 'cannot write /proc/self/a.wav: its folder /proc/self does not allow new files in it',
    });
  });
});

/** Makes the next conversion append `more` to `path` once it has read it: the writer of a recording, still at work. */
async function growsWhileConverted(path: string, more: Uint8Array): Promise<void> {
  const real = (await vi.importActual<typeof import('../pipeline/conversion.js')>('../pipeline/conversion.js')).openConversion;
  vi.mocked(openConversion).mockImplementationOnce(async (source, options) => {
    const conversion = await real(source, options);
    const grown: Conversion = Object.create(conversion);
    grown.run = async (sink) => {
      const report = await conversion.run(sink);
      await appendFile(path, more);
      return report;
    };
    return grown;
  });
}

/** Unblocks any reader still waiting in open() on `fifo` (the code before O_NONBLOCK), so that the run can end. */
function releaseReaders(fifo: string): void {
  try {
    closeSync(openSync(fifo, constants.O_WRONLY | constants.O_NONBLOCK));
  } catch {
    // ENXIO: nobody is waiting to read
  }
}
