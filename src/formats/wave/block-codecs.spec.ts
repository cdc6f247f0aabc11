import { describe, expect, it } from 'vitest';
import { compressedFormat, waveFixture } from '../../../test/support/codec-fixtures.js';
import { seededRandom } from '../../../test/support/mutate-wave.js';
import type { WaveFormat } from './wave-header.js';
import { createBlockCodec } from './block-codecs.js';
import { createOkiAdpcmCodec } from '../../codecs/oki-adpcm.js';

function format(effectiveTag: number, overrides: Partial<WaveFormat> = {}): WaveFormat {
  return compressedFormat({ formatTag: effectiveTag, effectiveTag, encodingName: 'some codec', ...overrides });
}

describe('createBlockCodec', () => {
  it('picks the codec by the effective format tag', () => {
    expect(createBlockCodec(format(0x11))?.framesPerBlock).toBe(505);
    expect(createBlockCodec(format(0x02))?.framesPerBlock).toBe(500);
    expect(createBlockCodec(format(0x31, { blockAlign: 65, bitsPerSample: 0 }))?.framesPerBlock).toBe(320);
    expect(createBlockCodec(format(0x11, { formatTag: 0xfffe, extensible: true }))?.framesPerBlock).toBe(505);
  });

  it('is null for everything else', () => {
    for (const tag of [0x01, 0x03, 0x06, 0x07, 0x10, 0x55, 0xffff]) expect(createBlockCodec(format(tag))).toBeNull();
  });

  it.each(['ima-mono', 'ima-stereo', 'ms-mono', 'ms-stereo', 'gsm'])(
    'decodes %s.wav cut anywhere to exactly framesIn(length) frames, a prefix of the whole',
    async (name) => {
      const { codec, data } = await waveFixture(`${name}.wav`);
      const whole = new Int16Array(codec.framesIn(data.length) * codec.channels);
      codec.decode(data, whole);
      const random = seededRandom(name.length);
      for (let n = 0; n < 40; n++) {
        const length = Math.floor(random() * (data.length + 1));
        codec.reset();
        const out = new Int16Array(codec.framesIn(length) * codec.channels);
        expect(codec.decode(data.subarray(0, length), out)).toBe(codec.framesIn(length));
        expect(out).toEqual(whole.subarray(0, out.length));
        // the bound that keeps buffers sized by bytes read: at most 5 samples per byte
        expect(out.length).toBeLessThanOrEqual(5 * length);
      }
    },
  );

  it('keeps to 5 samples per byte for every block layout a 16-bit block align allows', () => {
    for (const blockAlign of [4, 7, 8, 9, 255, 256, 4096, 65535]) {
      for (const channels of [1, 2, 3, 8]) {
        for (const tag of [0x11, 0x02]) {
          const needed = (tag === 0x11 ? 4 : 7) * channels;
          if (blockAlign < needed) continue;
          const codec = createBlockCodec(format(tag, { blockAlign, channels }));
          expect(codec!.framesPerBlock * channels).toBeLessThanOrEqual(5 * blockAlign);
        }
      }
    }
    expect(createOkiAdpcmCodec().framesPerBlock).toBeLessThanOrEqual(5);
  });
});
