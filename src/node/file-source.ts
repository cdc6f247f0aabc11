import { open, type FileHandle } from 'node:fs/promises';
import type { ByteSource } from '../read/byte-source.js';

export interface FileSource extends ByteSource {
  close(): Promise<void>;
}

/**
 * A file read in place, a block at a time: converting a file of any size keeps only one block in memory.
 * The size is taken once, when the file is opened; a file that shrinks later reads short, which the pipeline
 * reports instead of trusting the header.
 */
export async function openFileSource(path: string): Promise<FileSource> {
  const handle = await open(path, 'r');
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) throw Object.assign(new Error(`not a regular file: ${path}`), { code: 'ENOTFILE' });
    return new HandleSource(handle, stats.size);
  } catch (error) {
    await handle.close();
    throw error;
  }
}

class HandleSource implements FileSource {
  private buffer = Buffer.alloc(0);

  constructor(
    private readonly handle: FileHandle,
    readonly size: number,
  ) {}

  async read(offset: number, length: number): Promise<Uint8Array> {
    const start = Math.min(Math.max(0, offset), this.size);
    const wanted = Math.max(0, Math.min(length, this.size - start));
    if (this.buffer.length < wanted) this.buffer = Buffer.alloc(wanted);
    let filled = 0;
    while (filled < wanted) {
      const { bytesRead } = await this.handle.read(this.buffer, filled, wanted - filled, start + filled);
      if (bytesRead === 0) break; // the file shrank since it was opened
      filled += bytesRead;
    }
    return new Uint8Array(this.buffer.buffer, this.buffer.byteOffset, filled);
  }

  close(): Promise<void> {
    return this.handle.close();
  }
}
