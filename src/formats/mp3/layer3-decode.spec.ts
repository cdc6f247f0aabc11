import { afterAll, describe, expect, it } from 'vitest';
import { fixture } from '../../../test/fixtures/compressed/reference.js';
import { resampleSignal } from '../../../test/support/resample-signal.js';
import { isVoiceprepError } from '../../errors.js';
import { bytesSource } from '../../source/byte-source.js';
import type { DecodedChunk, PassContext } from '../common/decoded-source.js';
import { type Layer3Options, decodeLayer3, subbandsFor } from './layer3-decode.js';
import { parseMpegHeader } from '../common/mpeg-frame.js';
import { readLayout } from './mp3-reader.js';
import { concat } from '../../stage/chain.js';
import { decodeMpeg } from './mpeg-decode.js';

/**
 * Layer III streams of every kind the decoder meets: M/S joint stereo with short blocks (l3-speech-joint), plain
 * stereo at 48 kHz without a Xing tag (l3-stereo-48k), mono at 32 kHz (l3-mono-32k), VBR stereo, MPEG-2 and 2.5,
 * with and without LAME's gapless tag; all use the bit reservoir (test/fixtures/compressed/README.md).
 */
const FIXTURES = [
  'l3-speech-joint.mp3',
  'l3-stereo-48k.mp3',
  'l3-mono-32k.mp3',
  'speech-cbr.mp3',
  'speech-tone-vbr.mp3',
  'speech-mpeg2-16k.mp3',
  'speech-mpeg25-8k.mp3',
  'speech-no-gapless.mp3',
];

interface Decoded {
  channels: Float32Array[];
  warnings: string[];
}

/** A whole pass, cut to the stream's exact length where its tag gives one (as DecodedSource cuts it). */
async function decode(bytes: Uint8Array, decoder: 'ours' | 'mpg123', options: Layer3Options = {}): Promise<Decoded> {
  const source = bytesSource(bytes);
  const layout = await readLayout(source);
  const warnings: string[] = [];
  const freed: Array<{ free(): void }> = [];
  const context: PassContext = { own: (decoder) => freed.push(decoder), warn: (code) => warnings.push(code) };
  const pass: AsyncIterable<DecodedChunk> =
    decoder === 'ours' ? decodeLayer3(source, layout.stream, layout.header, options, context) : decodeMpeg(source, layout.stream, context);
  const parts: Float32Array[][] = [];
  for await (const chunk of pass) chunk.forEach((samples, channel) => (parts[channel] ??= []).push(samples.slice()));
  for (const decoder of freed) decoder.free();
  const limit = layout.exactFrames ? layout.frames : Infinity;
  return { channels: parts.map((list) => concat(list).subarray(0, limit)), warnings };
}

function snrDb(reference: Float32Array, test: Float32Array): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < reference.length; i++) {
    signal += reference[i] ** 2;
    noise += (reference[i] - test[i]) ** 2;
  }
  return noise === 0 ? Infinity : 10 * Math.log10(signal / noise);
}

/** The pipeline's mix: the channels' mean, added in f32 and multiplied by 0.5. */
function mean(channels: Float32Array[]): Float32Array {
  if (channels.length === 1) return channels[0];
  return channels[0].map((left, i) => Math.fround(Math.fround(left + channels[1][i]) * 0.5));
}

const figures: string[] = [];
afterAll(() => console.log(figures.join('\n')));

describe('voiceprep’s Layer III decoder against mpg123', () => {
  it.each(FIXTURES)('%s: decoded whole, the same length and the same samples (>= 60 dB SNR per channel)', async (file) => {
    const bytes = fixture(file);
    const [ours, reference] = await Promise.all([decode(bytes, 'ours'), decode(bytes, 'mpg123')]);
    expect(ours.channels).toHaveLength(reference.channels.length);
    ours.channels.forEach((channel, index) => {
      expect(channel.length).toBe(reference.channels[index].length);
      expect(snrDb(reference.channels[index], channel)).toBeGreaterThanOrEqual(60);
      figures.push(`${file} whole, channel ${index}: ${snrDb(reference.channels[index], channel).toFixed(1)} dB`);
    });
    expect(ours.warnings).toEqual([]);
  });

  it.each(FIXTURES.flatMap((file) => [8000, 16000].map((rate) => [file, rate] as const)))(
    '%s: only the band a %d Hz output needs, folded to mono, converts to the same samples (>= 60 dB)',
    async (file, outputRate) => {
      const bytes = fixture(file);
      const { header } = await readLayout(bytesSource(bytes));
      const ours = await decode(bytes, 'ours', { bandwidthHz: outputRate / 2, mono: true });
      const reference = await decode(bytes, 'mpg123');
      // each channel is the mean, so that the pipeline's own mix changes nothing
      expect(ours.channels.every((channel) => channel.every((sample, i) => sample === ours.channels[0][i]))).toBe(true);
      const [a, b] = await Promise.all([
        resampleSignal(header.sampleRate, mean(reference.channels), [8192], outputRate),
        resampleSignal(header.sampleRate, ours.channels[0], [8192], outputRate),
      ]);
      expect(b.length).toBe(a.length);
      expect(snrDb(a, b)).toBeGreaterThanOrEqual(60);
      figures.push(`${file} to ${outputRate} Hz: ${snrDb(a, b).toFixed(1)} dB`);
    },
  );

  it.each(['l3-speech-joint.mp3', 'l3-stereo-48k.mp3', 'speech-tone-vbr.mp3'])(
    '%s: folding to mono gives the mean of the stereo decode, whichever path the windows take',
    async (file) => {
      const bytes = fixture(file);
      const stereo = mean((await decode(bytes, 'ours')).channels);
      const folded = (await decode(bytes, 'ours', { mono: true })).channels[0];
      const separate = (await decode(bytes, 'ours', { mono: true, separateWindows: true })).channels[0];
      expect(folded.length).toBe(stereo.length);
      expect(snrDb(stereo, folded)).toBeGreaterThanOrEqual(100);
      expect(snrDb(stereo, separate)).toBeGreaterThanOrEqual(100);
    },
  );

  it('a stereo stream that turns mono midway (two files joined): both channels get the mono frames, as in mpg123', async () => {
    const [stereo, mono] = [fixture('l3-speech-joint.mp3'), fixture('speech-cbr.mp3')];
    const joined = new Uint8Array([...stereo, ...mono]);
    const [ours, reference] = await Promise.all([decode(joined, 'ours'), decode(joined, 'mpg123')]);
    expect(ours.channels).toHaveLength(2);
    ours.channels.forEach((channel, index) => {
      expect(channel.length).toBe(reference.channels[index].length);
      expect(snrDb(reference.channels[index], channel)).toBeGreaterThanOrEqual(60);
    });
  });

  it('keeps the subbands that reach the band and one more; all 32 without a band', () => {
    expect(subbandsFor(44100, 4000)).toBe(7); // 689 Hz a subband: 6 reach 4 kHz
    expect(subbandsFor(48000, 8000)).toBe(12);
    expect(subbandsFor(8000, 4000)).toBe(32);
    expect(subbandsFor(44100, undefined)).toBe(32);
  });
});

describe('damaged Layer III streams', () => {
  const clean = fixture('l3-speech-joint.mp3');

  it('skip what cannot be decoded, say so, and keep the rest', async () => {
    const bytes = clean.slice();
    for (let at = 1500; at < 1500 + 600; at++) bytes[at] = (at * 37) & 0xff;
    const damaged = await decode(bytes, 'ours');
    expect(damaged.warnings).toContain('damaged-frames');
    expect(damaged.channels[0].length).toBeGreaterThan(20000);
  });

  it('a frame whose side information cannot be right is a frame of silence, as in mpg123: the timing is kept', async () => {
    const bytes = clean.slice();
    let at = (await readLayout(bytesSource(bytes))).stream.start;
    for (let frame = 0; frame < 12; frame++) at += parseMpegHeader(bytes, at)!.frameBytes;
    bytes.fill(0xff, at + 4, at + 12); // big_values 511, over the 288 a granule holds
    const [ours, reference] = await Promise.all([decode(bytes, 'ours'), decode(bytes, 'mpg123')]);
    expect(ours.channels[0].length).toBe(reference.channels[0].length);
    const frame = ours.channels[0].subarray(11 * 1152, 12 * 1152);
    expect(frame.every(Number.isFinite)).toBe(true);
  });

  it('never throw anything but a VoiceprepError, nor hang, whatever bytes are flipped or cut', async () => {
    let state = 12345;
    const random = () => (state = (state * 1103515245 + 12345) >>> 0) / 2 ** 32;
    for (let trial = 0; trial < 60; trial++) {
      const bytes = clean.slice(0, Math.floor(clean.length * (0.3 + 0.7 * random())));
      for (let flips = 0; flips < 40; flips++) bytes[400 + Math.floor(random() * (bytes.length - 400))] = Math.floor(random() * 256);
      const outcome: Decoded | Error = await decode(bytes, 'ours', trial % 2 ? { bandwidthHz: 4000, mono: true } : {}).catch((error: Error) => error);
      if (outcome instanceof Error) expect(isVoiceprepError(outcome), String(outcome)).toBe(true);
      else for (const channel of outcome.channels) expect(channel.every(Number.isFinite)).toBe(true);
    }
  });
});
