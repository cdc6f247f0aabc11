import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/compressed/reference.js';
import { checkSource } from '../check/check-bytes.js';
import { openConversion } from '../pipeline/conversion.js';
import { type ByteSource, bytesSource } from '../source/byte-source.js';
import { HEAD_BYTES } from './common/sniff.js';
import { probeAudio, readerFor } from './open-audio.js';

/** A source that counts how often its head is read for identification (HEAD_BYTES from offset 0). */
function counted(bytes: Uint8Array): { source: ByteSource; identifications: () => number } {
  const inner = bytesSource(bytes);
  let heads = 0;
  const source: ByteSource = {
    size: inner.size,
    read(offset, length) {
      if (offset === 0 && length === HEAD_BYTES) heads++;
      return inner.read(offset, length);
    },
  };
  return { source, identifications: () => heads };
}

describe('identifying a file', () => {
  it('happens once per source: check --level reads the header, says what an MP3 is and decodes it from one answer', async () => {
    const { source, identifications } = counted(fixture('speech-cbr.mp3'));
    const record = await checkSource(source, 'speech.mp3', { level: -26 });
    expect(record.levels).not.toBeNull();
    expect(record.problems.map((problem) => problem.code)).toContain('not-wav');
    expect(identifications()).toBe(1);
  });

  it('happens once when a refused file is then described, as a refused convert does', async () => {
    const { source, identifications } = counted(fixture('tone-alac.caf'));
    await expect(openConversion(source, { name: 'tone.caf' })).rejects.toMatchObject({ code: 'unsupported-encoding' });
    expect((await probeAudio(source, { name: 'tone.caf' })).format.container).toBe('CAF');
    expect(identifications()).toBe(1);
  });

  it('asks again under another name, which is how a headerless VOX file is known', async () => {
    const { source, identifications } = counted(new Uint8Array(4000).fill(0x11));
    await expect(readerFor(source, { name: 'noise.raw' })).rejects.toMatchObject({ code: 'not-wav' });
    const once = identifications();
    await expect(readerFor(source, { name: 'noise.raw' })).rejects.toMatchObject({ code: 'not-wav' });
    expect(identifications()).toBe(once);
    expect((await readerFor(source, { name: 'prompt.vox' })).name).toMatch(/VOX/);
    expect(identifications()).toBe(once + 1);
  });
});
