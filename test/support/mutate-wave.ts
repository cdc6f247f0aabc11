/**
 * Seeded mutations of valid WAVE files: the damage that recorders, converters and renamed files do in the wild.
 * Everything is driven by one random stream, so a failing case is reproduced from its seed alone.
 */

export type Random = () => number;

/** mulberry32: small, fast and good enough to spread mutations; the same seed gives the same cases everywhere. */
export function seededRandom(seed: number): Random {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const integer = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[integer(random, items.length)];

interface ChunkAt {
  id: string;
  /** Offset of the chunk's 8-byte header. */
  at: number;
  size: number;
}

/** The chunks as a naive walker sees them (declared sizes, pad bytes), stopping where the file ends. */
export function listChunks(file: Uint8Array): ChunkAt[] {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  const chunks: ChunkAt[] = [];
  for (let at = 12; at + 8 <= file.length && chunks.length < 64; ) {
    const id = String.fromCharCode(...file.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    chunks.push({ id, at, size });
    at += 8 + size + (size % 2);
  }
  return chunks;
}

const SIZES = (random: Random, fileLength: number) => [
  0,
  1,
  2 * integer(random, 500) + 1,
  0x7fffffff,
  0xffffffff,
  fileLength + 1 + integer(random, 1000),
  integer(random, 2 ** 32),
];

function withUint(file: Uint8Array, at: number, bytes: 2 | 4, value: number): Uint8Array {
  const copy = file.slice();
  if (at + bytes > copy.length) return copy;
  const view = new DataView(copy.buffer);
  if (bytes === 2) view.setUint16(at, value & 0xffff, true);
  else view.setUint32(at, value >>> 0, true);
  return copy;
}

function splice(file: Uint8Array, at: number, remove: number, insert: Uint8Array): Uint8Array {
  const out = new Uint8Array(file.length - remove + insert.length);
  out.set(file.subarray(0, at));
  out.set(insert, at);
  out.set(file.subarray(at + remove), at + insert.length);
  return out;
}

function randomBytes(random: Random, length: number): Uint8Array {
  return Uint8Array.from({ length }, () => integer(random, 256));
}

/** The whole of a chunk (header, body, pad), clamped to the file. */
function chunkBytes(file: Uint8Array, chunk: ChunkAt): Uint8Array {
  return file.subarray(chunk.at, Math.min(file.length, chunk.at + 8 + chunk.size + (chunk.size % 2)));
}

type Mutation = (file: Uint8Array, random: Random) => Uint8Array;

export const MUTATIONS: Record<string, Mutation> = {
  truncate: (file, random) => file.subarray(0, integer(random, file.length)),

  'header bytes': (file, random) => {
    const copy = file.slice();
    const count = 1 + integer(random, 8);
    for (let i = 0; i < count; i++) copy[integer(random, Math.min(80, copy.length))] = integer(random, 256);
    return copy;
  },

  'chunk size': (file, random) => {
    const chunks = listChunks(file);
    if (chunks.length === 0) return file;
    const chunk = pick(random, chunks);
    return withUint(file, chunk.at + 4, 4, pick(random, SIZES(random, file.length)));
  },

  'riff size': (file, random) => withUint(file, 4, 4, pick(random, SIZES(random, file.length))),

  'fmt field': (file, random) => {
    const fmt = listChunks(file).find((chunk) => chunk.id === 'fmt ');
    if (!fmt) return file;
    const body = fmt.at + 8;
    const fields: [number, 2 | 4, number[]][] = [
      [0, 2, [0, 0x0002, 0x0011, 0x0055, 0x0161, 0xfffe, 0xffff, integer(random, 65536)]], // format tag
      [2, 2, [0, 65535, integer(random, 65536)]], // channels
      [4, 4, [0, 1, 999, 4294967295, 1000 + integer(random, 767001), integer(random, 2 ** 32)]], // sample rate
      [8, 4, [0, integer(random, 2 ** 32)]], // byte rate
      [12, 2, [0, 1, integer(random, 65536)]], // block align
      [14, 2, [0, 7, 12, 64, 255, integer(random, 65536)]], // bits per sample
      [16, 2, [0, 22, 65535]], // cbSize
      [18, 2, [0, 12, 64, integer(random, 65536)]], // valid bits (extensible)
      [24, 2, [0x0001, 0x0002, 0x0003, 0x0006, 0x0007, integer(random, 65536)]], // sub-format tag (extensible)
    ];
    const [offset, bytes, values] = pick(random, fields);
    return withUint(file, body + offset, bytes, pick(random, values));
  },

  'data before fmt': (file) => {
    const chunks = listChunks(file);
    const fmt = chunks.find((chunk) => chunk.id === 'fmt ');
    const data = chunks.find((chunk) => chunk.id === 'data');
    if (!fmt || !data || data.at < fmt.at) return file;
    const moved = chunkBytes(file, data).slice();
    const without = splice(file, data.at, moved.length, new Uint8Array(0));
    return splice(without, fmt.at, 0, moved);
  },

  duplicate: (file, random) => {
    const chunks = listChunks(file);
    if (chunks.length === 0) return file;
    const chunk = pick(random, chunks);
    const copy = chunkBytes(file, chunk).slice();
    if (random() < 0.5 && copy.length > 8) copy[8 + integer(random, copy.length - 8)] ^= 0xff;
    const end = chunk.at + copy.length;
    return splice(file, random() < 0.5 ? end : chunk.at, 0, copy);
  },

  'trailing garbage': (file, random) => {
    const tail = randomBytes(random, 1 + integer(random, 300));
    if (random() < 0.3 && tail.length >= 8) tail.set([0x64, 0x61, 0x74, 0x61], 0); // 'data', as if a chunk began
    return splice(file, file.length, 0, tail);
  },

  'unknown chunk': (file, random) => {
    const chunks = listChunks(file);
    const at = chunks.length > 0 ? pick(random, chunks).at : Math.min(12, file.length);
    const length = integer(random, 40);
    const chunk = new Uint8Array(8 + length + (length % 2));
    chunk.set(randomBytes(random, 4));
    new DataView(chunk.buffer).setUint32(4, random() < 0.7 ? length : pick(random, SIZES(random, file.length)), true);
    chunk.set(randomBytes(random, length), 8);
    return splice(file, at, 0, chunk);
  },

  'random bytes anywhere': (file, random) => {
    const copy = file.slice();
    const count = 1 + integer(random, 16);
    for (let i = 0; i < count && copy.length > 0; i++) copy[integer(random, copy.length)] = integer(random, 256);
    return copy;
  },
};

export const MUTATION_NAMES = Object.keys(MUTATIONS);

/** One to three mutations in a row; returns the bytes and what was done, for the failure message. */
export function mutate(file: Uint8Array, random: Random): { bytes: Uint8Array; steps: string[] } {
  let bytes = file;
  const steps: string[] = [];
  const count = 1 + integer(random, 3);
  for (let i = 0; i < count; i++) {
    const name = pick(random, MUTATION_NAMES);
    bytes = MUTATIONS[name](bytes, random);
    steps.push(name);
  }
  return { bytes, steps };
}
