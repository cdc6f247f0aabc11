import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBytes } from '../src/check/check-bytes.js';
import { createBlockCodec } from '../src/formats/wave/block-codecs.js';
import { bytesSource } from '../src/source/byte-source.js';
import { readWaveHeader } from '../src/formats/wave/read-wave-header.js';
import type { WaveFormat } from '../src/formats/wave/wave-header.js';
import { voxReader } from '../src/formats/vox/vox-reader.js';
import { type AllocationWatch, watchAllocations } from './support/allocation-watch.js';
import { runFuzzCase } from './support/fuzz-case.js';
import { fixtureBytes } from './support/codec-fixtures.js';
import { type Random, listChunks, mutate, seededRandom } from './support/mutate-wave.js';

/**
 * Damaged ADPCM, GSM and VOX files: each must end in a VoiceprepError or in samples, never in another exception,
 * a hang, or an allocation that follows a header's claim. The WAVE cases go as far as a reader would take them:
 * the header, the codec, and every block of the data decoded in pieces of whole blocks.
 */

const CASES_PER_SEED = 300;
/**
 * A case that runs this long is stuck, not slow: a few KB decode in well under a millisecond. The limit is far above
 * what a loaded machine makes of that, so that it catches a hang and never flakes.
 */
const CASE_LIMIT_MS = 10_000;
/**
 * The largest buffers here are a piece of data (at most 64 KiB), the samples it decodes to (at most 5 per byte)
 * and Microsoft ADPCM's channel states (bounded by the 16-bit block align): well under a megabyte and a half.
 */
const ALLOCATION_LIMIT_BYTES = 1536 * 1024;
const LIMITS = { ms: CASE_LIMIT_MS, allocationBytes: ALLOCATION_LIMIT_BYTES };
const PIECE_BYTES = 64 * 1024;

const SEEDS = ['ima-mono.wav', 'ima-stereo.wav', 'ms-mono.wav', 'ms-stereo.wav', 'gsm.wav'];

const integer = (random: Random, below: number) => Math.floor(random() * below);

/** Damage aimed at what the block codecs read: the fmt extension and the block headers. */
const CODEC_MUTATIONS: Record<string, (file: Uint8Array, random: Random) => Uint8Array> = {
  'samples per block': (file, random) => setFmtWord(file, 18, [0, 1, 2, 505, 506, 1017, 65535, integer(random, 65536)][integer(random, 8)]),
  'coefficient count': (file, random) => setFmtWord(file, 20, [0, 1, 7, 8, 256, 65535][integer(random, 6)]),
  coefficient: (file, random) => setFmtWord(file, 22 + 2 * integer(random, 14), [0, 32767, 65535, 32768, integer(random, 65536)][integer(random, 5)]),
  'block header': (file, random) => {
    const data = listChunks(file).find((chunk) => chunk.id === 'data');
    if (!data) return file;
    const copy = file.slice();
    const at = data.at + 8 + 256 * integer(random, 4) + integer(random, 14);
    if (at < copy.length) copy[at] = [0, 7, 88, 89, 200, 255, integer(random, 256)][integer(random, 7)];
    return copy;
  },
};

function setFmtWord(file: Uint8Array, offset: number, value: number): Uint8Array {
  const fmt = listChunks(file).find((chunk) => chunk.id === 'fmt ');
  const at = fmt ? fmt.at + 8 + offset : -1;
  if (at < 0 || at + 2 > file.length) return file;
  const copy = file.slice();
  new DataView(copy.buffer).setUint16(at, value, true);
  return copy;
}

function damage(file: Uint8Array, random: Random): { bytes: Uint8Array; steps: string[] } {
  if (random() < 0.5) return mutate(file, random);
  const names = Object.keys(CODEC_MUTATIONS);
  const name = names[integer(random, names.length)];
  const first = CODEC_MUTATIONS[name](file, random);
  if (random() < 0.5) return { bytes: first, steps: [name] };
  const more = mutate(first, random);
  return { bytes: more.bytes, steps: [name, ...more.steps] };
}

type Outcome = 'decoded' | 'refused' | 'not a codec';

/** Reads, then decodes every block the way a streaming reader would. */
async function decodeWave(bytes: Uint8Array): Promise<Outcome> {
  const header = await readWaveHeader(bytesSource(bytes));
  const codec = createBlockCodec(header.format);
  if (!codec) return 'not a codec';
  const data = bytes.subarray(header.dataOffset, header.dataOffset + header.dataSize);
  const piece = Math.max(1, Math.floor(PIECE_BYTES / codec.bytesPerBlock)) * codec.bytesPerBlock;
  const out = new Int16Array(codec.framesIn(Math.min(piece, data.length)) * codec.channels);
  let frames = 0;
  for (let at = 0; at < data.length; at += piece) frames += codec.decode(data.subarray(at, at + piece), out);
  if (frames !== header.frames) throw new Error(`decoded ${frames} frames; the header counted ${header.frames}`);
  return 'decoded';
}

function runCase(label: string, watch: AllocationWatch, work: () => Promise<Outcome>): Promise<Outcome> {
  return runFuzzCase(label, watch, LIMITS, work);
}

function randomFormat(random: Random): WaveFormat {
  const tag = [0x02, 0x11, 0x31][integer(random, 3)];
  const channels = [1, 1, 2, 3, 255, 65535][integer(random, 6)];
  const blockAlign = [1, 7, 14, 65, 256, 512, 2048, 65535, integer(random, 65536)][integer(random, 9)];
  return {
    formatTag: tag,
    effectiveTag: tag,
    encoding: null,
    encodingName: 'a block codec',
    extensible: false,
    channels,
    sampleRate: 8000,
    bitsPerSample: [0, 4, 4, 3][integer(random, 4)],
    validBitsPerSample: 4,
    blockAlign,
    byteRate: 0,
    fmtSize: 20,
    extraSize: 2,
    samplesPerBlock: random() < 0.5 ? undefined : integer(random, 65536),
    adpcmCoefficients: random() < 0.7 ? undefined : Array.from({ length: 2 * (1 + integer(random, 8)) }, () => integer(random, 65536) - 32768),
  };
}

describe('fuzz: damaged ADPCM, GSM and VOX input', () => {
  let watch: AllocationWatch;
  beforeAll(() => {
    watch = watchAllocations();
  });
  afterAll(() => watch.stop());

  it(`decodes every undamaged seed, and ends each of ${CASES_PER_SEED} damaged cases per seed in a typed error or samples`, async () => {
    const tally: Record<Outcome, number> = { decoded: 0, refused: 0, 'not a codec': 0 };
    for (const [index, name] of SEEDS.entries()) {
      const file = fixtureBytes(name);
      expect(await runCase(name, watch, () => decodeWave(file))).toBe('decoded');
      for (let n = 0; n < CASES_PER_SEED; n++) {
        const caseSeed = 13_000_000 + index * 100_000 + n;
        const { bytes, steps } = damage(file, seededRandom(caseSeed));
        const label = `${name}, case seed ${caseSeed} (${steps.join(' + ')})`;
        tally[await runCase(label, watch, () => decodeWave(bytes))]++;
        // check reads the same header (and counts frames with the same codecs): it must judge the file, never throw
        await checkBytes(bytes, 'case.wav');
      }
    }
    const total = SEEDS.length * CASES_PER_SEED;
    expect(tally.decoded / total).toBeGreaterThan(0.3);
    expect(tally.refused / total).toBeGreaterThan(0.1);
  });

  it('builds a codec for any fmt fields, or refuses them, and decodes random blocks with it', async () => {
    const random = seededRandom(1306);
    const tally: Record<Outcome, number> = { decoded: 0, refused: 0, 'not a codec': 0 };
    for (let n = 0; n < 400; n++) {
      const format = randomFormat(random);
      const data = Uint8Array.from({ length: integer(random, 3000) }, () => integer(random, 256));
      tally[await runCase(`random format ${JSON.stringify(format)}`, watch, async () => {
        const codec = createBlockCodec(format);
        if (!codec) return 'not a codec';
        const out = new Int16Array(codec.framesIn(data.length) * codec.channels);
        expect(codec.decode(data, out)).toBe(codec.framesIn(data.length));
        return 'decoded';
      })]++;
    }
    expect(Object.values(tally).every((count) => count > 40)).toBe(true);
  });

  it('reads any bytes named .vox, to any length', async () => {
    const random = seededRandom(49);
    for (let n = 0; n < 200; n++) {
      const bytes = Uint8Array.from({ length: integer(random, 5000) }, () => integer(random, 256));
      const maxFrames = random() < 0.5 ? undefined : integer(random, 12000);
      await runCase(`vox noise ${n}`, watch, async () => {
        const source = await voxReader.open(bytesSource(bytes), { name: 'noise.vox', voxRate: 6000 });
        let frames = 0;
        for await (const block of source.blocks({ blockFrames: 1 + integer(random, 4096), maxFrames })) frames += block.frames;
        expect(frames).toBe(Math.min(2 * bytes.length, maxFrames ?? Infinity));
        return 'decoded';
      });
    }
  });
});
