import * as fs from 'node:fs';
import { promisify } from 'node:util';

/**
 * The file operations voiceprep's reads and atomic writes make, on file descriptors, in two kinds with one shape:
 * `THREAD_POOL_IO` sends each through Node's thread pool, so the event loop goes on meanwhile (a server, a hook, the
 * library's callers); `BLOCKING_IO` makes each in the calling thread. A batch's converting threads wait on nothing
 * else, so there a round trip through the pool is only idle time: a conversion makes a dozen and a half of them
 * (open, stat, the header's reads, the output's write, fdatasync, close, the move, the check of what was written),
 * and on this project's 2-core machine those round trips left each converting thread idle about a tenth of the
 * time. A blocking call returns a settled promise, so callers are written once for both.
 */
export interface FileIo {
  open(path: string, flags: string | number): Promise<number>;
  fstat(fd: number): Promise<fs.BigIntStats>;
  /** Follows links, as fs.stat does. */
  stat(path: string): Promise<fs.BigIntStats>;
  read(fd: number, buffer: Uint8Array, offset: number, length: number, position: number): Promise<number>;
  /** `position` null: at the file's current offset. */
  write(fd: number, buffer: Uint8Array, offset: number, length: number, position: number | null): Promise<number>;
  datasync(fd: number): Promise<void>;
  close(fd: number): Promise<void>;
  link(existing: string, created: string): Promise<void>;
  rename(from: string, to: string): Promise<void>;
  unlink(path: string): Promise<void>;
  readFile(path: string): Promise<Buffer>;
}

const BIGINT = { bigint: true } as const;
const readAsync = promisify(fs.read);
const writeAsync = promisify(fs.write);

export const THREAD_POOL_IO: FileIo = {
  open: promisify(fs.open),
  fstat: fstatAsync,
  stat: (path) => fs.promises.stat(path, BIGINT),
  read: async (fd, buffer, offset, length, position) => (await readAsync(fd, buffer, offset, length, position)).bytesRead,
  write: async (fd, buffer, offset, length, position) => (await writeAsync(fd, buffer, offset, length, position)).bytesWritten,
  datasync: promisify(fs.fdatasync),
  close: promisify(fs.close),
  link: fs.promises.link,
  rename: fs.promises.rename,
  unlink: fs.promises.unlink,
  readFile: (path) => fs.promises.readFile(path),
};

function fstatAsync(fd: number): Promise<fs.BigIntStats> {
  return new Promise((resolve, reject) => fs.fstat(fd, BIGINT, (error, stats) => (error ? reject(error) : resolve(stats))));
}

export const BLOCKING_IO: FileIo = {
  open: async (path, flags) => fs.openSync(path, flags),
  fstat: async (fd) => fs.fstatSync(fd, BIGINT),
  stat: async (path) => fs.statSync(path, BIGINT),
  read: async (fd, buffer, offset, length, position) => fs.readSync(fd, buffer, offset, length, position),
  write: async (fd, buffer, offset, length, position) => fs.writeSync(fd, buffer, offset, length, position),
  datasync: async (fd) => fs.fdatasyncSync(fd),
  close: async (fd) => fs.closeSync(fd),
  link: async (existing, created) => fs.linkSync(existing, created),
  rename: async (from, to) => fs.renameSync(from, to),
  unlink: async (path) => fs.unlinkSync(path),
  readFile: async (path) => fs.readFileSync(path),
};

/** The kind asked for: blocking calls, or the thread pool's. */
export function fileIo(blocking: boolean | undefined): FileIo {
  return blocking ? BLOCKING_IO : THREAD_POOL_IO;
}
