import { describe, expect, it } from 'vitest';
import { REFERENCES, decodeAll, fixture, onsetOf } from '../../../test/fixtures/compressed/reference.js';
import { bytesSource } from '../../source/byte-source.js';
import { oggReader } from './ogg-reader.js';

/** Chained Ogg (RFC 3533 section 4): logical streams one after another, as `cat a.ogg b.ogg` makes them. */

function chain(...files: string[]): Uint8Array {
  return new Uint8Array(Buffer.concat(files.map((file) => fixture(file))));
}

describe('a chained Ogg file', () => {
  it('decodes every link, in order: two Opus streams (mono, then stereo) make both lengths, the second starting where the first ends', async () => {
    const [first, second] = [REFERENCES['speech.opus'], REFERENCES['speech-tone-opus.ogg']];
    const source = await oggReader.open(bytesSource(chain('speech.opus', 'speech-tone-opus.ogg')), {});
    const [decoded] = await decodeAll(source);
    source.close();
    const oneMs = 48;
    expect(Math.abs(decoded.length - (first.frames + second.frames))).toBeLessThanOrEqual(oneMs);
    expect(Math.abs(onsetOf(decoded) - first.onset)).toBeLessThanOrEqual(oneMs);
    expect(Math.abs(onsetOf(decoded.subarray(first.frames)) - second.onset)).toBeLessThanOrEqual(oneMs);
    // the first link's channel count is kept, and said
    expect(source.warnings.map((warning) => warning.code)).toEqual(['channels-changed']);
  });

  it('the same Vorbis file twice: twice its length, with nothing reported as damage', async () => {
    const once = await oggReader.open(bytesSource(fixture('speech-vorbis.ogg')), {});
    const [single] = await decodeAll(once);
    const twice = await oggReader.open(bytesSource(chain('speech-vorbis.ogg', 'speech-vorbis.ogg')), {});
    const [double] = await decodeAll(twice);
    expect(double.length).toBe(2 * single.length);
    expect(Buffer.from(double.slice(single.length).buffer).equals(Buffer.from(single.buffer))).toBe(true);
    expect(twice.warnings).toEqual([]);
  });

  it('a link at another rate ends the pass there, with a warning', async () => {
    const source = await oggReader.open(bytesSource(chain('speech-vorbis.ogg', 'speech-tone-vorbis.oga')), {});
    const [decoded] = await decodeAll(source);
    expect(decoded.length).toBe(REFERENCES['speech-vorbis.ogg'].libvorbisFrames);
    expect(source.warnings.map((warning) => warning.code)).toEqual(['chain-rate']);
  });
});
