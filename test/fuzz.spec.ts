import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkBytes } from '../src/check/check-bytes.js';
import { convertBytes } from '../src/pipeline/convert-bytes.js';
import { fixture } from './fixtures/compressed/reference.js';
import { type AllocationWatch, watchAllocations } from './support/allocation-watch.js';
import { isOneLine, runFuzzCase } from './support/fuzz-case.js';
import { mutate, seededRandom } from './support/mutate-wave.js';
import { sine } from './support/tone-analysis.js';
import { SAMPLE_FORMATS, buildRiff, fmtBody, waveFile } from './support/wav-builder.js';

/**
 * Thousands of damaged files, each of which must end in a VoiceprepError (one line, a stable code) or in a good
 * conversion: never another exception, never seconds of work, never an allocation that follows a header's claim
 * instead of the file's real size.
 */

const CASES_PER_SEED = 400;
/** A case must finish well inside this; the slowest seen here is a few milliseconds. */
const CASE_LIMIT_MS = 2000;
/**
 * Blocks of samples, filter tables and read buffers are bounded by design, whatever the header says; this is
 * several times the largest of them and far below what a 4 GiB size field would ask for.
 */
const ALLOCATION_LIMIT_BYTES = 16 * 1024 * 1024;
const LIMITS = { ms: CASE_LIMIT_MS, allocationBytes: ALLOCATION_LIMIT_BYTES };

interface Seed {
  name: string;
  bytes: Uint8Array;
}

function seeds(): Seed[] {
  const layouts = [
    { channels: 1, sampleRate: 8000, frames: 301 },
    { channels: 2, sampleRate: 44100, frames: 900 },
    { channels: 3, sampleRate: 22050, frames: 500 },
  ];
  const list: Seed[] = [];
  for (const format of SAMPLE_FORMATS) {
    for (const extensible of [false, true]) {
      for (const { channels, sampleRate, frames } of layouts) {
        const samples = new Float32Array(frames * channels);
        const tone = sine(997, sampleRate, frames);
        for (let i = 0; i < samples.length; i++) samples[i] = tone[Math.floor(i / channels)];
        const before = channels === 2 ? [{ id: 'LIST', body: new Uint8Array(13) }] : [];
        list.push({
          name: `${format}${extensible ? ' extensible' : ''} ${channels} ch ${sampleRate} Hz`,
          bytes: waveFile({ format, channels, sampleRate, samples, extensible, before, fact: format !== 's16' }),
        });
      }
    }
  }
  list.push({ name: 'RF64 s16 mono 16 kHz', bytes: rf64() });
  // MPEG audio in the data chunk, as ffmpeg writes it: the WAVE walker hands it to the MP3 reader
  list.push({ name: 'MPEG Layer 3 in WAVE (ffmpeg)', bytes: fixture('speech-mp3-in.wav') });
  return list;
}

function rf64(): Uint8Array {
  const data = new Uint8Array(800);
  const ds64 = new Uint8Array(28);
  const view = new DataView(ds64.buffer);
  view.setUint32(0, 4 + (8 + 28) + (8 + 16) + (8 + data.length), true);
  view.setUint32(8, data.length, true);
  const fmt = fmtBody({ formatTag: 1, channels: 1, sampleRate: 16000, bitsPerSample: 16 });
  return buildRiff(
    [{ id: 'ds64', body: ds64 }, { id: 'fmt ', body: fmt }, { id: 'data', body: data, declaredSize: 0xffffffff }],
    { magic: 'RF64', riffSize: 0xffffffff },
  );
}

const PROBLEM_CODES = new Set(['name', 'not-wav', 'malformed', 'encoding', 'sample-rate', 'channels', 'container', 'size', 'unsupported']);

type Outcome = 'converted' | 'refused';

/** Runs one case through convert and check; returns what happened or throws with everything needed to replay it. */
function runCase(bytes: Uint8Array, label: string, watch: AllocationWatch): Promise<Outcome> {
  const convert = async (): Promise<'converted'> => {
    const { bytes: output, report } = await convertBytes(bytes);
    // what came out is a compliant file of exactly the length the report gives
    const verdict = await checkBytes(output, 'out.wav');
    if (!verdict.ok) throw new Error(`${label}: output does not comply: ${JSON.stringify(verdict.problems)}`);
    const samples = report.output.samples;
    if (output.length !== 58 + samples + (samples % 2)) throw new Error(`${label}: output length ${output.length} for ${samples} samples`);
    // the frames read are frames the file holds: 8 output samples per input byte at most (1 kHz, 8-bit)
    if (samples > 8 * bytes.length + 1) throw new Error(`${label}: ${samples} samples out of ${bytes.length} bytes`);
    return 'converted';
  };
  const judgeCheck = async (outcome: Outcome) => {
    const record = await checkBytes(bytes, 'case.wav');
    for (const problem of record.problems) {
      if (!PROBLEM_CODES.has(problem.code)) throw new Error(`${label}: check gave an unknown code ${problem.code}`);
    }
    for (const { message } of [...record.problems, ...record.warnings]) {
      if (!isOneLine(message)) throw new Error(`${label}: not a one-line message: ${JSON.stringify(message)}`);
    }
    // check judges from the header what convert proved: a file check passes must convert (the reverse need not hold)
    if (record.ok && outcome === 'refused') throw new Error(`${label}: check passed a file that convert refused`);
  };
  return runFuzzCase(label, watch, LIMITS, convert, judgeCheck);
}

describe('fuzz: damaged WAVE files of every encoding', () => {
  let watch: AllocationWatch;
  beforeAll(() => {
    watch = watchAllocations();
  });
  afterAll(() => watch.stop());

  it('converts every undamaged seed', async () => {
    for (const seed of seeds()) expect(await runCase(seed.bytes, seed.name, watch)).toBe('converted');
  });

  it(`ends every mutated case in a typed error or a compliant conversion (${CASES_PER_SEED} cases per seed)`, async () => {
    const tally = { converted: 0, refused: 0 };
    for (const [index, seed] of seeds().entries()) {
      for (let n = 0; n < CASES_PER_SEED; n++) {
        const caseSeed = index * 100_000 + n;
        const { bytes, steps } = mutate(seed.bytes, seededRandom(caseSeed));
        tally[await runCase(bytes, `${seed.name}, case seed ${caseSeed} (${steps.join(' + ')})`, watch)]++;
      }
    }
    // both outcomes must be well represented, or the mutations are too weak (or too strong) to mean anything
    const total = tally.converted + tally.refused;
    expect(total).toBe(seeds().length * CASES_PER_SEED);
    expect(tally.converted / total).toBeGreaterThan(0.2);
    expect(tally.refused / total).toBeGreaterThan(0.2);
  });

  it('survives pure noise, empty files and other formats renamed to .wav', async () => {
    const random = seededRandom(7);
    const samples: Uint8Array[] = [new Uint8Array(0), new TextEncoder().encode('hello, not audio\n')];
    samples.push(Uint8Array.from([0x49, 0x44, 0x33, 4, 0, 0, 0, 0, 0, 0]), Uint8Array.from([0xff, 0xfb, 0x90, 0x44])); // MP3
    samples.push(new TextEncoder().encode('OggS\0\x02'), new TextEncoder().encode('fLaC\0\0\0\x22'));
    for (let n = 0; n < 300; n++) samples.push(Uint8Array.from({ length: Math.floor(random() * 200) }, () => Math.floor(random() * 256)));
    for (let n = 0; n < 200; n++) {
      const noise = Uint8Array.from({ length: 12 + Math.floor(random() * 200) }, () => Math.floor(random() * 256));
      noise.set([0x52, 0x49, 0x46, 0x46], 0);
      noise.set([0x57, 0x41, 0x56, 0x45], 8);
      samples.push(noise);
    }
    for (const [n, bytes] of samples.entries()) expect(await runCase(bytes, `noise ${n}`, watch)).toBe('refused');
  });
});
