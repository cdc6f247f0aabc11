/**
 * Records the largest typed array or ArrayBuffer constructed while it is on, so that a test can prove that no
 * allocation follows a size written in a header. The constructors are wrapped, not replaced: every array made is
 * a real one.
 */
const WATCHED = ['ArrayBuffer', 'Uint8Array', 'Int16Array', 'Int32Array', 'Float32Array', 'Float64Array'] as const;

export interface AllocationWatch {
  /** The largest single allocation in bytes since the last call. */
  takeLargest(): number;
  stop(): void;
}

export function watchAllocations(): AllocationWatch {
  const scope = globalThis as unknown as Record<string, unknown>;
  const originals = new Map<string, unknown>();
  let largest = 0;
  for (const name of WATCHED) {
    const original = scope[name] as { BYTES_PER_ELEMENT?: number } & (new (...args: unknown[]) => object);
    originals.set(name, original);
    scope[name] = new Proxy(original, {
      construct(target, args) {
        const length = args[0];
        if (typeof length === 'number') largest = Math.max(largest, length * (target.BYTES_PER_ELEMENT ?? 1));
        return Reflect.construct(target, args);
      },
    });
  }
  return {
    takeLargest() {
      const value = largest;
      largest = 0;
      return value;
    },
    stop() {
      for (const [name, original] of originals) scope[name] = original;
    },
  };
}
