import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { isVoiceprepError } from '../src/errors.js';
import type { SampleFormat } from '../src/source/audio-source.js';
import { bytesSource } from '../src/source/byte-source.js';
import { FORMATS as AUDIO_FORMATS } from '../src/formats/registry.js';
import { crc32 } from '../src/formats/common/crc.js';
import { identifyReader } from '../src/formats/identify.js';
import { type AllocationWatch, watchAllocations } from './support/allocation-watch.js';
import { runFuzzCase } from './support/fuzz-case.js';
import { type Random, seededRandom } from './support/mutate-wave.js';
import { REFERENCES, fixture } from './fixtures/compressed/reference.js';

/** The formats beyond WAV, and before VOX, which knows its files by name: what these files are read by. */
const COMPRESSED_READERS = AUDIO_FORMATS.filter((format) => format.name !== 'WAV' && format.name !== 'VOX');

/**
 * Damaged MP3, FLAC, Ogg and AAC files through identification, probe and a whole decoding pass: each must end in
 * a conversion or a one-line VoiceprepError, never another exception, a hang, a word from the decoders on the
 * console, or an allocation that follows a header's claim. Besides truncation and bit flips, the mutations write
 * absurd values into the fields a reader trusts: ID3 sizes, Xing frame and byte counts, LAME's delay, STREAMINFO,
 * metadata block lengths, Ogg page sizes, granule positions and codec headers (with the page checksum made
 * right again, so that the damage gets past the CRC to the code behind it).
 */

const CASES_PER_SEED = Number(process.env.FUZZ_CASES ?? 28);
/**
 * A case that runs this long is stuck, not slow: each decodes well under a second of audio in milliseconds. The limit
 * is far above what a loaded machine makes of that, so that it catches a hang and never flakes.
 */
const CASE_LIMIT_MS = 10_000;
/** Read windows, decoder output per call and Ogg pages are bounded by design; this is far above all of them. */
const ALLOCATION_LIMIT_BYTES = 16 * 1024 * 1024;
const LIMITS = { ms: CASE_LIMIT_MS, allocationBytes: ALLOCATION_LIMIT_BYTES };
/** The seeds are under a second long; a pass yielding more than this followed a claim, not the audio. */
const MAX_DECODED_FRAMES = 2_000_000;

/** Every fixture FFmpeg decodes (those with a reference), and those voiceprep only recognizes. */
const SEEDS = [...new Set([...Object.keys(REFERENCES), 'speech.aac', 'speech.m4a'])].concat(['tone.aiff', 'tone-float.aifc', 'tone-alaw.au', 'tone-stereo.au', 'tone-s16le.caf', 'tone-float.caf', 'tone-alac.caf', 'speech.webm']);

const integer = (random: Random, below: number) => Math.floor(random() * below);
const pick = <T>(random: Random, items: readonly T[]): T => items[integer(random, items.length)];
/** Values that break arithmetic: zero, one, the largest of their width, and random ones. */
const absurd = (random: Random, bits: number) => pick(random, [0, 1, 2 ** bits - 1, 2 ** (bits - 1), integer(random, 2 ** bits)]);

type Mutation = (file: Uint8Array, random: Random) => Uint8Array | null;

function find(file: Uint8Array, text: string, from = 0, to = file.length): number {
  for (let at = from; at + text.length <= to; at++) {
    let match = true;
    for (let i = 0; i < text.length && match; i++) match = file[at + i] === text.charCodeAt(i);
    if (match) return at;
  }
  return -1;
}

function setBits(file: Uint8Array, byteOffset: number, bitOffset: number, bits: number, value: number): void {
  for (let i = 0; i < bits; i++) {
    const bit = bitOffset + i;
    const mask = 0x80 >> (bit % 8);
    const at = byteOffset + Math.floor(bit / 8);
    if (at >= file.length) return;
    const on = Math.floor(value / 2 ** (bits - 1 - i)) % 2 === 1;
    file[at] = on ? file[at] | mask : file[at] & ~mask;
  }
}

/** The Ogg pages of a file as a naive walker finds them, capture pattern to capture pattern. */
function oggPages(file: Uint8Array): number[] {
  const pages: number[] = [];
  for (let at = find(file, 'OggS'); at >= 0; at = find(file, 'OggS', at + 4)) pages.push(at);
  return pages;
}

/** Makes the checksum of the page at `at` right again for whatever its header now says it holds. */
function fixPageChecksum(file: Uint8Array, at: number): void {
  if (at + 27 > file.length) return;
  const segments = file[at + 26];
  let end = at + 27 + segments;
  for (let i = 0; i < segments && at + 27 + i < file.length; i++) end += file[at + 27 + i];
  if (end > file.length) return;
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  view.setUint32(at + 22, 0, true);
  view.setUint32(at + 22, crc32(file, at, end), true);
}

/** An edit to one Ogg page's header or first packet, with its checksum fixed afterwards. */
function onOggPage(edit: (file: Uint8Array, page: number, random: Random) => void, choose: (pages: number[], random: Random) => number | undefined): Mutation {
  return (file, random) => {
    const page = choose(oggPages(file), random);
    if (page === undefined) return null;
    const copy = file.slice();
    edit(copy, page, random);
    fixPageChecksum(copy, page);
    return copy;
  };
}
const anyPage = (pages: number[], random: Random) => (pages.length ? pick(random, pages) : undefined);
const firstPage = (pages: number[]) => pages[0];
const bodyOf = (file: Uint8Array, page: number) => page + 27 + file[page + 26];

const GENERIC: Record<string, Mutation> = {
  truncate: (file, random) => file.slice(0, integer(random, file.length)),
  'flip bits': (file, random) => {
    const copy = file.slice();
    for (let n = 1 + integer(random, 24); n > 0; n--) copy[integer(random, copy.length)] ^= 1 << integer(random, 8);
    return copy;
  },
  'garbage run': (file, random) => {
    const copy = file.slice();
    const start = integer(random, copy.length);
    for (let i = start; i < Math.min(copy.length, start + 1 + integer(random, 400)); i++) copy[i] = integer(random, 256);
    return copy;
  },
  'repeat a range': (file, random) => {
    const start = integer(random, file.length);
    const range = file.subarray(start, start + integer(random, 2000));
    return new Uint8Array([...file.subarray(0, start), ...range, ...range, ...file.subarray(start + range.length)]);
  },
  'cut out a range': (file, random) => {
    const start = integer(random, file.length);
    return new Uint8Array([...file.subarray(0, start), ...file.subarray(start + integer(random, 2000))]);
  },
};

const MP3: Record<string, Mutation> = {
  'ID3 size': (file, random) => {
    const size = [0, 1, 2, 3].map(() => (random() < 0.5 ? 0x7f : integer(random, 128)));
    if (find(file, 'ID3', 0, 3) === 0) {
      const copy = file.slice();
      copy.set(size, 6);
      if (random() < 0.3) copy[5] ^= 0x10; // the footer flag
      return copy;
    }
    return new Uint8Array([0x49, 0x44, 0x33, 4, 0, 0, ...size, ...file]);
  },
  'Xing counts': (file, random) => {
    const at = Math.max(find(file, 'Xing', 0, 4096), find(file, 'Info', 0, 4096));
    if (at < 0) return null;
    const copy = file.slice();
    const view = new DataView(copy.buffer);
    view.setUint32(at + 8, absurd(random, 32));
    // Sometimes a byte count that matches the file (from the tag's frame header on), so that the absurd frame
    // count would be taken as exact if nothing checked it.
    const frameStart = find(copy, '\xff', Math.max(0, at - 36), at - 12);
    view.setUint32(at + 12, random() < 0.5 && frameStart >= 0 ? copy.length - frameStart : absurd(random, 32));
    return copy;
  },
  'LAME delay and padding': (file, random) => {
    const at = find(file, 'LAME', 0, 4096);
    if (at < 0) return null;
    const copy = file.slice();
    setBits(copy, at + 21, 0, 24, absurd(random, 24));
    return copy;
  },
  'frame header': (file, random) => {
    const at = find(file, '\xff', 0, 8192);
    if (at < 0) return null;
    const copy = file.slice();
    copy[at + 1 + integer(random, 3)] = integer(random, 256);
    return copy;
  },
};

const FLAC: Record<string, Mutation> = {
  STREAMINFO: (file, random) => {
    const at = find(file, 'fLaC', 0, 4096);
    if (at < 0) return null;
    const copy = file.slice();
    const info = at + 8;
    const [offset, bits] = pick(random, [
      [0, 16], // min block size
      [16, 16], // max block size
      [56, 24], // max frame size
      [80, 20], // sample rate
      [100, 3], // channels - 1
      [103, 5], // bits - 1
      [108, 36], // total samples
    ] as const);
    setBits(copy, info, offset, bits, absurd(random, bits));
    return copy;
  },
  'metadata block length': (file, random) => {
    const at = find(file, 'fLaC', 0, 4096);
    if (at < 0) return null;
    const copy = file.slice();
    setBits(copy, at + 4, 0, 8, random() < 0.5 ? copy[at + 4] & 0x7f : integer(random, 256));
    setBits(copy, at + 5, 0, 24, absurd(random, 24));
    return copy;
  },
};

const OGG: Record<string, Mutation> = {
  'page sizes': onOggPage((file, page, random) => {
    const segments = file[page + 26];
    if (random() < 0.3) file[page + 26] = integer(random, 256);
    else if (segments > 0) file[page + 27 + integer(random, segments)] = pick(random, [0, 255, integer(random, 256)]);
  }, anyPage),
  'granule position': onOggPage((file, page, random) => {
    const view = new DataView(file.buffer);
    view.setUint32(page + 6, absurd(random, 32), true);
    view.setUint32(page + 10, pick(random, [0, 0xffffffff, 0x7fffffff, integer(random, 2 ** 32)]), true);
  }, anyPage),
  'page flags and sequence': onOggPage((file, page, random) => {
    if (random() < 0.5) file[page + 5] = integer(random, 8);
    else new DataView(file.buffer).setUint32(page + 18, absurd(random, 32), true);
  }, anyPage),
  'codec header': onOggPage((file, page, random) => {
    const body = bodyOf(file, page);
    if (find(file, 'OpusHead', body, body + 8) === body) {
      // channels, pre-skip, output gain, mapping family (and with it the stream counts and table)
      const [offset, bytes] = pick(random, [[9, 1], [10, 2], [16, 2], [18, 1], [19, 1], [20, 1], [21, 1]] as const);
      setBits(file, body + offset, 0, 8 * bytes, absurd(random, 8 * bytes));
    } else {
      // Vorbis identification: version, channels, rate, block sizes, framing
      const [offset, bytes] = pick(random, [[7, 4], [11, 1], [12, 4], [28, 1], [29, 1]] as const);
      setBits(file, body + offset, 0, 8 * bytes, absurd(random, 8 * bytes));
    }
  }, firstPage),
};

/** MP4 boxes whose sizes and counts a demuxer trusts: the box's own size, or one of the fields after its header. */
const MP4_BOXES = ['moov', 'trak', 'mdia', 'minf', 'stbl', 'stsd', 'mp4a', 'esds', 'stts', 'stsc', 'stsz', 'stco', 'elst', 'mdhd', 'mdat'];
const MP4: Record<string, Mutation> = {
  'box size or count': (file, random) => {
    const at = find(file, pick(random, MP4_BOXES));
    if (at < 4) return null;
    const copy = file.slice();
    const field = pick(random, [-4, 4, 8, 12, 16]);
    if (at + field + 4 > copy.length) return null;
    new DataView(copy.buffer).setUint32(at + field, absurd(random, 32));
    return copy;
  },
};

function mutationsFor(file: string): Record<string, Mutation> {
  if (/\.(m4a|3gp)$/.test(file)) return { ...GENERIC, ...MP4 };
  if (/\.(mp[123]|aac)$/.test(file)) return { ...GENERIC, ...MP3 };
  if (file.endsWith('.flac')) return { ...GENERIC, ...FLAC };
  if (/\.(ogg|oga|opus)$/.test(file)) return { ...GENERIC, ...OGG };
  return GENERIC;
}

function mutate(file: Uint8Array, mutations: Record<string, Mutation>, random: Random): { bytes: Uint8Array; steps: string[] } {
  let bytes = file;
  const steps: string[] = [];
  const names = Object.keys(mutations);
  for (let n = 1 + integer(random, 2); n > 0; n--) {
    const name = pick(random, names);
    const mutated = mutations[name](bytes, random);
    if (mutated) {
      bytes = mutated;
      steps.push(name);
    }
  }
  return { bytes, steps };
}

type Outcome = 'converted' | 'refused' | 'unrecognized';

/** The width of each stored sample format, which a block of stored samples must hold whole frames of. */
const SAMPLE_BYTES: Record<SampleFormat, number> = {
  u8: 1, s16le: 2, s24le: 3, s32le: 4, f32le: 4, f64le: 8, s16be: 2, s24be: 3, s32be: 4, f32be: 4, f64be: 8, alaw: 1, mulaw: 1,
};

function runCase(bytes: Uint8Array, label: string, watch: AllocationWatch): Promise<Outcome> {
  return runFuzzCase(label, watch, LIMITS, async () => {
    const source = bytesSource(bytes);
    const reader = await identifyReader(source, COMPRESSED_READERS);
    if (!reader) return 'unrecognized';
    await reader.probe(source, {}).catch((error: unknown) => {
      if (!isVoiceprepError(error)) throw error;
    });
    const audio = await reader.open(source, {});
    let frames = 0;
    try {
      for await (const block of audio.blocks({ blockFrames: 4096 })) {
        if (block.layout === 'interleaved-bytes') {
          // AIFF, AU and CAF hand on their stored samples: whole frames of every channel
          if (block.channels !== audio.channels || block.frames < 1 || block.bytes.length !== block.frames * block.channels * SAMPLE_BYTES[block.sampleFormat]) {
            throw new Error('a block of stored samples of the wrong shape');
          }
        } else {
          if (block.channels.length !== audio.channels) throw new Error(`a block of the wrong shape`);
          if (block.channels.some((samples) => samples.length !== block.frames)) throw new Error('a block whose arrays disagree with its frame count');
          if (block.channels.some((samples) => samples.some((sample) => !Number.isFinite(sample)))) throw new Error('a sample that is not a finite number');
        }
        frames += block.frames;
        if (frames > MAX_DECODED_FRAMES) throw new Error(`more than ${MAX_DECODED_FRAMES} frames decoded`);
      }
    } finally {
      audio.close();
    }
    return 'converted';
  });
}

describe('fuzz: damaged MP3, FLAC, Ogg, AAC and other audio files', () => {
  let watch: AllocationWatch;
  const consoleError = vi.spyOn(console, 'error');
  const consoleWarn = vi.spyOn(console, 'warn');
  beforeAll(() => {
    watch = watchAllocations();
  });
  afterAll(() => {
    watch.stop();
    consoleError.mockRestore();
    consoleWarn.mockRestore();
  });

  it(`ends every mutated case in a conversion or a VoiceprepError (${CASES_PER_SEED} cases per seed)`, async () => {
    const tally: Record<Outcome, number> = { converted: 0, refused: 0, unrecognized: 0 };
    for (const [index, name] of SEEDS.entries()) {
      const seed = fixture(name);
      for (let n = 0; n < CASES_PER_SEED; n++) {
        const caseSeed = index * 100_000 + n;
        const { bytes, steps } = mutate(seed, mutationsFor(name), seededRandom(caseSeed));
        tally[await runCase(bytes, `${name}, case seed ${caseSeed} (${steps.join(' + ')})`, watch)]++;
      }
    }
    const total = SEEDS.length * CASES_PER_SEED;
    expect(tally.converted + tally.refused + tally.unrecognized).toBe(total);
    expect(tally.converted / total).toBeGreaterThan(0.2);
    expect(tally.refused / total).toBeGreaterThan(0.1);
  });

  it('lets nothing from the decoders through to the console', () => {
    expect(consoleError).not.toHaveBeenCalled();
    expect(consoleWarn).not.toHaveBeenCalled();
  });

  it('survives noise, empty files and bare signatures', async () => {
    const random = seededRandom(11);
    const samples: Uint8Array[] = [new Uint8Array(0)];
    for (const start of ['ID3\x04\0\0\x7f\x7f\x7f\x7f', 'fLaC', 'fLaC\0\0\0\x22', 'OggS', 'OggS\0\x02', '\xff\xfb\x90\x64', '\xff\xf1\x50\x80', '\0\0\0\x18ftypM4A ']) {
      const bytes = Uint8Array.from(start, (c) => c.charCodeAt(0));
      samples.push(bytes);
      for (let n = 0; n < 20; n++) samples.push(new Uint8Array([...bytes, ...Array.from({ length: integer(random, 3000) }, () => integer(random, 256))]));
    }
    const outcomes = new Set<Outcome>();
    for (const [n, bytes] of samples.entries()) outcomes.add(await runCase(bytes, `noise ${n}`, watch));
    expect(outcomes.has('refused')).toBe(true);
  });
});
