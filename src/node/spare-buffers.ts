/**
 * Large I/O buffers kept for the next file. A buffer of megabytes allocated per file and dropped after it is not
 * free: V8 counts it as external memory and collects garbage more often to make up for it (a batch of forty
 * short files ran 25% slower that way). A thread converts one file at a time, so a few spares cover it.
 */
const KEPT = 4;
const spares: Buffer[] = [];

/** A buffer of at least `size` bytes, not zeroed: the caller fills what it reads. */
export function borrowBuffer(size: number): Buffer {
  const index = spares.findIndex((buffer) => buffer.length >= size);
  if (index >= 0) return spares.splice(index, 1)[0];
  return Buffer.allocUnsafeSlow(size);
}

export function returnBuffer(buffer: Buffer): void {
  if (buffer.length === 0) return;
  spares.push(buffer);
  // keep the largest few
  spares.sort((a, b) => b.length - a.length);
  spares.length = Math.min(spares.length, KEPT);
}
