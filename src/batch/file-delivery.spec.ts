import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { buildRiff, canonicalAlawFile, fmtBody, waveFile } from '../../test/support/wav-builder.js';
import { prepareSource } from '../check/prepare.js';
import { canonicalHeader } from '../write/canonical-wave.js';
import { blankRecord } from '../check/file-record.js';
import { openFileSource } from '../node/file-source.js';
import { openConversion } from '../pipeline/conversion.js';
import { fileDelivery } from './file-delivery.js';
import type { FileSource } from '../node/file-source.js';

/** Counts the bytes read from `source` from now on. */
function countReads(source: FileSource): () => number {
  let bytes = 0;
  const read = source.read.bind(source);
  source.read = async (offset, length) => {
    const got = await read(offset, length);
    bytes += got.length;
    return got;
  };
  return () => bytes;
}

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-delivery-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const target = (input: string, output: string) => ({ input, output, tempPath: `${output}.part`, force: false, removeInput: false });
const tone = Float32Array.from({ length: 4410 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44100));

describe('fileDelivery', () => {
  it('keeps a compliant file in its own layout, read once; in place it is left as it is', async () => {
    const input = join(root, 'in.wav');
    const bytes = canonicalAlawFile(100_001, 0x55);
    await writeFile(input, bytes);
    const source = await openFileSource(input);
    const read = countReads(source);
    const done = await prepareSource(source, { input: 'in.wav', output: 'out.wav' }, {}, fileDelivery(target(input, join(root, 'out.wav')), source, undefined));
    expect(done).toMatchObject({ kind: 'kept', delivered: 'written' });
    expect(await readFile(join(root, 'out.wav'))).toEqual(Buffer.from(bytes));
    // its head a few times (sniffed, checked, compared, opened) and its samples once: not measured, then copied
    expect(read()).toBeLessThan(bytes.length * 1.5);
    const again = await prepareSource(source, { input: 'in.wav', output: 'in.wav' }, {}, fileDelivery(target(input, input), source, undefined));
    expect(again).toMatchObject({ kind: 'kept', delivered: 'unchanged' });
    await source.close();
  });

  it('gives a compliant file in another layout the canonical one, its samples as they were', async () => {
    const input = join(root, 'in.wav');
    const samples = Uint8Array.from({ length: 801 }, (_, i) => (i * 37) & 0xff);
    const tagged = buildRiff([
      { id: 'fmt ', body: fmtBody({ formatTag: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8, cbSize: 0 }) },
      { id: 'fact', body: Uint8Array.of(0, 0, 0, 0) },
      { id: 'data', body: samples },
    ]);
    await writeFile(input, tagged);
    const source = await openFileSource(input);
    const done = await prepareSource(source, { input: 'in.wav', output: 'out.wav' }, {}, fileDelivery(target(input, join(root, 'out.wav')), source, undefined));
    await source.close();
    expect(done).toMatchObject({ kind: 'converted', delivered: 'written', report: { passThrough: true } });
    const written = await readFile(join(root, 'out.wav'));
    expect(written.subarray(0, 58)).toEqual(Buffer.from(canonicalHeader(801)));
    expect(written.subarray(58, 58 + 801)).toEqual(Buffer.from(samples));
  });

  it('never lets a result the check refuses take the output place, and leaves no temp file', async () => {
    const input = join(root, 'in.wav');
    await writeFile(input, waveFile({ format: 's16', channels: 1, sampleRate: 44100, samples: tone }));
    const source = await openFileSource(input);
    const output = join(root, 'out.wav');
    let checked = 0;
    const refuse = async () => {
      checked++;
      return { ...blankRecord('out.wav'), problems: [{ code: 'encoding' as const, message: 'not what the platform plays' }] };
    };
    const done = await fileDelivery(target(input, output), source, undefined).convert(await openConversion(source, {}), refuse);
    await source.close();
    expect(checked).toBe(1);
    expect(done.delivered).toBeNull();
    expect(done.result.problems[0].code).toBe('encoding');
    expect(done.report.output.samples).toBe(800);
    expect(existsSync(output)).toBe(false);
    expect(await readdir(root)).toEqual(['in.wav']);
  });
});
