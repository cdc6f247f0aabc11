import { describe, expect, it } from 'vitest';
import { convertBytes } from '../src/pipeline/convert-bytes.js';
import { fixtureBytes, referenceSamples } from './support/codec-fixtures.js';
import { waveFile } from './support/wav-builder.js';

/**
 * The old IVR encodings through the whole conversion: each must give exactly what converting its independent
 * decoder's 16-bit output gives, so the reader hands the pipeline the codec's samples, at the right rate, in the
 * right order, with nothing lost at block boundaries.
 */
const CASES = [
  ['ima-mono.wav', 'ima-mono.sox.s16', 1],
  ['ima-stereo.wav', 'ima-stereo.sox.s16', 2],
  ['ms-mono.wav', 'ms-mono.ffmpeg.s16', 1],
  ['ms-stereo.wav', 'ms-stereo.ffmpeg.s16', 2],
  ['gsm.wav', 'gsm.libgsm.s16', 1],
] as const;

async function convertReference(reference: string, channels: number, sampleRate: number) {
  const samples = Float32Array.from(referenceSamples(reference), (x) => x / 32768);
  return (await convertBytes(waveFile({ format: 's16', channels, sampleRate, samples }))).bytes;
}

describe('telephony WAV encodings converted whole', () => {
  it.each(CASES)('%s converts to what its independent decoding converts to, in blocks of any size', async (name, reference, channels) => {
    const expected = await convertReference(reference, channels, 8000);
    for (const blockSamples of [64, 1000, 1 << 16]) {
      const { bytes, report } = await convertBytes(fixtureBytes(name), { blockSamples });
      expect(Buffer.from(bytes).equals(Buffer.from(expected)), `${name}, blocks of ${blockSamples}`).toBe(true);
      expect(report.input.frames).toBe(referenceSamples(reference).length / channels);
    }
  });

  it('reads a big-endian RIFX file to the same samples as its little-endian twin', async () => {
    const rifx = await convertBytes(fixtureBytes('rifx-stereo.wav'));
    const riff = await convertBytes(fixtureBytes('pcm-stereo.wav'));
    expect(rifx.report.input.container).toBe('RIFX');
    expect(Buffer.from(rifx.bytes).equals(Buffer.from(riff.bytes))).toBe(true);
  });

  it('reads a headerless Dialogic .vox at 8000 Hz, or at the rate it is told', async () => {
    const expected = await convertReference('loud.sox.s16', 1, 8000);
    const { bytes, report } = await convertBytes(fixtureBytes('loud.vox'), { name: 'loud.vox' });
    expect(report.input).toMatchObject({ container: 'VOX', encoding: 'OKI ADPCM', sampleRate: 8000 });
    expect(Buffer.from(bytes).equals(Buffer.from(expected))).toBe(true);

    const at6000 = await convertBytes(fixtureBytes('loud.vox'), { name: 'LOUD.VOX', voxRate: 6000 });
    expect(Buffer.from(at6000.bytes).equals(Buffer.from(await convertReference('loud.sox.s16', 1, 6000)))).toBe(true);
  });

  it('does not take a .vox for VOX without its name: headerless bytes are nothing it can recognize', async () => {
    await expect(convertBytes(fixtureBytes('loud.vox'))).rejects.toMatchObject({ code: 'not-wav' });
  });
});
