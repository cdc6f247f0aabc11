import { describe, expect, it } from 'vitest';
import { type AllocationWatch, watchAllocations } from '../../../test/support/allocation-watch.js';
import { fixtureBytes, referenceSamples } from '../../../test/support/codec-fixtures.js';
import { asciiBytes } from '../../../test/support/wav-builder.js';
import type { PcmBlock } from '../../source/audio-source.js';
import { type ByteSource, bytesSource } from '../../source/byte-source.js';
import { openAudio } from '../open-audio.js';
import { voxReader } from './vox-reader.js';

async function collect(blocks: AsyncIterable<PcmBlock>): Promise<{ samples: number[]; sizes: number[] }> {
  const samples: number[] = [];
  const sizes: number[] = [];
  for await (const block of blocks) {
    if (block.layout !== 'interleaved-bytes') throw new Error('expected interleaved bytes');
    expect(block).toMatchObject({ sampleFormat: 's16le', channels: 1 });
    expect(block.bytes.length).toBe(2 * block.frames);
    const view = new DataView(block.bytes.buffer, block.bytes.byteOffset, block.bytes.byteLength);
    for (let i = 0; i < block.frames; i++) samples.push(view.getInt16(2 * i, true));
    sizes.push(block.frames);
  }
  return { samples, sizes };
}

/** A VOX file of `size` bytes that never exists in memory, and a count of the bytes read from it. */
function endlessVox(size: number): ByteSource & { bytesRead: number } {
  const source = {
    size,
    bytesRead: 0,
    read(offset: number, length: number): Promise<Uint8Array> {
      const count = Math.max(0, Math.min(length, size - offset));
      source.bytesRead += count;
      return Promise.resolve(new Uint8Array(count).fill(0x17));
    },
  };
  return source;
}

describe('Dialogic VOX reader', () => {
  it('recognizes a .vox name in any case, whatever the bytes, but leaves a WAVE file to the WAVE reader', () => {
    const noise = Uint8Array.of(0x12, 0x34, 0x56);
    expect(voxReader.recognizes(noise, { name: 'prompts/WELCOME.VOX' })).toBe(true);
    expect(voxReader.recognizes(noise, { name: 'welcome.vox' })).toBe(true);
    expect(voxReader.recognizes(noise, { name: 'welcome.wav' })).toBe(false);
    expect(voxReader.recognizes(noise, { name: 'welcome.vox.bak' })).toBe(false);
    expect(voxReader.recognizes(noise, {})).toBe(false);
    expect(voxReader.recognizes(asciiBytes('RIFF\x24\x00\x00\x00WAVEfmt '), { name: 'welcome.vox' })).toBe(false);
  });

  it('probes from the size alone: 8000 Hz by default, or the rate it is given', async () => {
    const source = endlessVox(1000);
    expect(await voxReader.probe(source, { name: 'a.vox' })).toEqual({
      format: { container: 'VOX', encoding: 'OKI ADPCM', formatTag: null, extensible: false, sampleRate: 8000, channels: 1, bitsPerSample: 4 },
      seconds: 0.25,
    });
    expect((await voxReader.probe(source, { name: 'a.vox', voxRate: 6000 })).seconds).toBeCloseTo(1 / 3, 12);
    expect(source.bytesRead).toBe(0);
  });

  it('decodes as sox does, in blocks of about the frames asked for, and again on a second pass', async () => {
    const source = await voxReader.open(bytesSource(fixtureBytes('loud.vox')), { name: 'loud.vox', voxRate: 6000 });
    expect(source).toMatchObject({ sampleRate: 6000, channels: 1, frames: 2000, exactFrames: true, warnings: [] });
    const first = await collect(source.blocks({ blockFrames: 512 }));
    expect(first.samples).toEqual([...referenceSamples('loud.sox.s16')]);
    expect(first.sizes).toEqual([512, 512, 512, 464]);
    expect((await collect(source.blocks({ blockFrames: 777 }))).samples).toEqual(first.samples);
    source.close();
  });

  it('stops at maxFrames, odd ones too', async () => {
    const source = await voxReader.open(bytesSource(fixtureBytes('loud.vox')), { name: 'loud.vox' });
    const all = (await collect(source.blocks({ blockFrames: 300 }))).samples;
    const some = await collect(source.blocks({ blockFrames: 300, maxFrames: 701 }));
    expect(some.samples).toEqual(all.slice(0, 701));
    expect(some.sizes).toEqual([300, 300, 101]);
    expect((await collect(source.blocks({ blockFrames: 300, maxFrames: 0 }))).samples).toEqual([]);
  });

  it('reads a long file in bounded memory, and only as far as it is asked to', async () => {
    const source = endlessVox(300 * 1024 * 1024);
    let watch: AllocationWatch | undefined;
    try {
      watch = watchAllocations();
      const audio = await voxReader.open(source, { name: 'long.vox' });
      expect(audio.frames).toBe(600 * 1024 * 1024);
      let frames = 0;
      for await (const block of audio.blocks({ blockFrames: 4096, maxFrames: 1_000_000 })) frames += block.frames;
      expect(frames).toBe(1_000_000);
      expect(source.bytesRead).toBe(500_000);
      expect(watch.takeLargest()).toBeLessThan(64 * 1024);
    } finally {
      watch?.stop();
    }
  });

  it('has nothing to decode in an empty file', async () => {
    const source = await voxReader.open(bytesSource(new Uint8Array(0)), { name: 'empty.vox' });
    expect(source.frames).toBe(0);
    expect((await collect(source.blocks({ blockFrames: 512 }))).samples).toEqual([]);
  });

  it('refuses an empty .vox file as empty, like an empty .wav or .mp3, rather than make it an empty prompt', async () => {
    await expect(openAudio(new Uint8Array(0), { name: 'empty.vox' })).rejects.toMatchObject({ code: 'not-wav', message: expect.stringMatching(/the file is empty/) });
  });

  it('refuses a sample rate that is not a whole number of Hz above 0 (a caller mistake)', async () => {
    for (const voxRate of [0, -8000, 7999.5, Number.NaN]) {
      await expect(voxReader.probe(endlessVox(10), { name: 'a.vox', voxRate })).rejects.toThrow(RangeError);
    }
  });
});
