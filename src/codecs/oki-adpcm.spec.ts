import { describe, expect, it } from 'vitest';
import { fixtureBytes, referenceSamples } from '../../test/support/codec-fixtures.js';
import { seededRandom } from '../../test/support/mutate-wave.js';
import { createOkiAdpcmCodec } from './oki-adpcm.js';

function decode(bytes: Uint8Array): Int16Array {
  const out = new Int16Array(2 * bytes.length);
  createOkiAdpcmCodec().decode(bytes, out);
  return out;
}

describe('OKI ADPCM (Dialogic VOX)', () => {
  it("decodes loud.vox exactly as sox's vox reader does (bit-exact by definition), clipping included", () => {
    const samples = decode(fixtureBytes('loud.vox'));
    expect(samples).toEqual(referenceSamples('loud.sox.s16'));
    // the file reaches the top of the range, where sox (and so this) differs from ffmpeg's adpcm_ima_oki
    expect(Math.max(...samples)).toBe(32767);
  });

  it('works out a first byte by hand: high nibble first, differences of (2 x magnitude + 1) x step / 8, scaled by 16', () => {
    // code 7 at step 16: 15 x 16 / 8 = 30 -> 480; the step index moves 8 up, to step 34: code 0 adds 34 / 8 = 4 -> 544
    expect([...decode(Uint8Array.of(0x70))]).toEqual([480, 544]);
    // code 0xF (-7): -480; then code 0x8 (-0) still subtracts the smallest difference, 4 x 16
    expect([...decode(Uint8Array.of(0xf8))]).toEqual([-480, -544]);
  });

  it('runs on from call to call, so pieces of any size decode to the same samples; reset starts again', () => {
    const bytes = fixtureBytes('loud.vox');
    const whole = decode(bytes);
    const codec = createOkiAdpcmCodec();
    const out = new Int16Array(whole.length);
    const random = seededRandom(49);
    for (let at = 0; at < bytes.length; ) {
      const piece = bytes.subarray(at, at + 1 + Math.floor(random() * 97));
      codec.decode(piece, out.subarray(2 * at));
      at += piece.length;
    }
    expect(out).toEqual(whole);
    codec.reset();
    const again = new Int16Array(whole.length);
    codec.decode(bytes, again);
    expect(again).toEqual(whole);
  });

  it('is a block codec of 1-byte blocks, 2 frames each', () => {
    const codec = createOkiAdpcmCodec();
    expect([codec.channels, codec.bytesPerBlock, codec.framesPerBlock, codec.framesIn(1001)]).toEqual([1, 1, 2, 2002]);
  });
});
