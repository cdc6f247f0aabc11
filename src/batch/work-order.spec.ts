import { mkdtemp, rm, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { PlannedOutput } from './plan-outputs.js';
import { estimatedWork, mostWorkFirst } from './work-order.js';

let root: string;
beforeEach(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-order-'));
});
afterEach(() => rm(root, { recursive: true, force: true }));

function plan(path: string, problem = false): PlannedOutput {
  return {
    input: { path, relativePath: path, searched: true },
    output: problem ? null : join(root, 'out', path),
    renamed: false,
    problem: problem ? { code: 'exists', message: 'taken' } : null,
  };
}

/** A file of `bytes` (sparse: only its size matters). */
async function sized(name: string, bytes: number): Promise<void> {
  await writeFile(join(root, name), '');
  await truncate(join(root, name), bytes);
}

describe('estimatedWork', () => {
  it('weighs a compressed byte above a PCM byte, by the format the extension names, in any case', () => {
    expect(estimatedWork('a.wav', 1000)).toBe(1000);
    expect(estimatedWork('a.MP3', 1000)).toBeGreaterThan(10 * estimatedWork('a.wav', 1000));
    expect(estimatedWork('a.flac', 1000)).toBeGreaterThan(estimatedWork('a.wav', 1000));
    expect(estimatedWork('a.opus', 1000)).toBeGreaterThan(estimatedWork('a.mp3', 1000));
    expect(estimatedWork('a.AIFF', 1000)).toBe(1000);
    // a name no format claims is taken to be compressed, not dropped
    expect(estimatedWork('a', 1000)).toBe(estimatedWork('a.mp3', 1000));
  });
});

describe('mostWorkFirst', () => {
  it('orders by estimated work, longest first; ties, failed stats and refused inputs keep their place, last', async () => {
    // 30 s of 128 kbps MP3 (480 KB) is more work than 5 MB of WAV (27 s of 48 kHz stereo), which is more than 100 KB of it
    await sized('small.wav', 100_000);
    await sized('big.wav', 5_000_000);
    await sized('speech.mp3', 480_000);
    await sized('same.wav', 100_000);
    await sized('refused.wav', 50_000_000);
    const planned = [plan('small.wav'), plan('missing.wav'), plan('big.wav'), plan('refused.wav', true), plan('speech.mp3'), plan('same.wav')];
    const order = await mostWorkFirst(planned, root);
    expect(order.map((index) => planned[index].input.path)).toEqual(['speech.mp3', 'big.wav', 'small.wav', 'same.wav', 'missing.wav', 'refused.wav']);
  });
});
