import { VoiceprepError } from '../../errors.js';
import type { ByteSource } from '../../source/byte-source.js';

/**
 * The bytes of [start, end) in order, `chunkBytes` at a time, each a copy: a source may reuse the buffer behind
 * what it returns on its next read, and a decoder's pass may be suspended (yielding audio) while another pass
 * over the same source reads.
 */
export async function* byteChunks(source: ByteSource, start: number, end: number, chunkBytes: number): AsyncGenerator<Uint8Array> {
  for (let offset = start; offset < end; ) {
    const bytes = await source.read(offset, Math.min(chunkBytes, end - offset));
    if (bytes.length === 0) {
      throw new VoiceprepError('io', `the file ended at byte ${offset}, before the ${end} bytes it had when it was opened`);
    }
    offset += bytes.length;
    yield bytes.slice();
  }
}
