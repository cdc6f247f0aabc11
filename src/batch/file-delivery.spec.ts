import { existsSync } from 'node:fs';
import { mkdtemp, readFile, readdir, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { canonicalAlawFile, waveFile } from '../../test/support/wav-builder.js';
import { blankRecord } from '../check/file-record.js';
import { openFileSource } from '../node/file-source.js';
import { openConversion } from '../pipeline/conversion.js';
import { fileDelivery } from './file-delivery.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-delivery-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

const target = (input: string, output: string) => ({ input, output, tempPath: `${output}.part`, force: false, removeInput: false });
const tone = Float32Array.from({ length: 4410 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / 44100));

describe('fileDelivery', () => {
  it('hands on a kept file as its bytes, and leaves a file that is its own output untouched', async () => {
    const input = join(root, 'in.wav');
    const bytes = canonicalAlawFile(801, 0x55);
    await writeFile(input, bytes);
    const source = await openFileSource(input);
    expect(await fileDelivery(target(input, join(root, 'out.wav')), source, undefined).keep()).toBe('written');
    expect(await readFile(join(root, 'out.wav'))).toEqual(Buffer.from(bytes));
    expect(await fileDelivery(target(input, input), source, undefined).keep()).toBe('unchanged');
    await source.close();
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
