import { readFileSync, readdirSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { isVoiceprepError } from '../../errors.js';
import { bytesSource } from '../../source/byte-source.js';
import { decodeAll } from '../../../test/fixtures/compressed/reference.js';
import { flacReader } from './flac-reader.js';
import { FLAC_FIXTURES, decodeLibFlac, decodeOurs, firstDifference, frameStarts } from '../../../test/support/flac-streams.js';
import { type Random, seededRandom } from '../../../test/support/mutate-wave.js';

/**
 * Damaged and cut FLAC streams through voiceprep's decoder: a frame whose bytes are damaged is skipped (its CRC-16
 * fails) and counted, the frames around it come out exactly as libFLAC decodes the undamaged file; and a seeded
 * fuzz of flips, runs of garbage, cuts and repeats ends every case in audio or a VoiceprepError, never another
 * exception, a hang or a sample outside full scale.
 */
const NAMES = readdirSync(FLAC_FIXTURES).filter((name) => name.endsWith('.flac'));
const fixture = (name: string) => new Uint8Array(readFileSync(new URL(name, FLAC_FIXTURES)));

/** The reference's samples with the frames of [from, to) samples left out. */
function without(channels: Float32Array[], from: number, to: number): Float32Array[] {
  return channels.map((channel) => {
    const out = new Float32Array(channel.length - (to - from));
    out.set(channel.subarray(0, from));
    out.set(channel.subarray(to), from);
    return out;
  });
}

describe('voiceprep FLAC decoder on damage', () => {
  it('skips a frame whose data is damaged to the next frame, counts it, and decodes the rest exactly', async () => {
    const bytes = fixture('stereo-16-frame-192.flac');
    const starts = frameStarts(bytes);
    expect(starts.length).toBeGreaterThan(10);
    const damaged = bytes.slice();
    damaged[starts[4] + 40] ^= 0x10; // inside the fifth frame's subframes: only its CRC-16 can tell
    const ours = await decodeOurs(damaged);
    expect(ours.warnings).toEqual(['damaged-frames']);
    expect(firstDifference(ours.channels, without(await decodeLibFlac(bytes), 4 * 192, 5 * 192))).toBeNull();
  });

  it('skips a run of garbage between two frames, and a header whose CRC-8 fails, as one damaged stretch each', async () => {
    const bytes = fixture('stereo-16-frame-odd.flac');
    const starts = frameStarts(bytes);
    const garbage = Uint8Array.from({ length: 300 }, (_, i) => (i % 7 === 0 ? 0xff : (i * 37) & 0xff));
    const joined = new Uint8Array(bytes.length + garbage.length);
    joined.set(bytes.subarray(0, starts[1]));
    joined.set(garbage, starts[1]);
    joined.set(bytes.subarray(starts[1]), starts[1] + garbage.length);
    joined[starts[1] + garbage.length + 2] ^= 0x01; // the second frame's header no longer matches its CRC-8
    const ours = await decodeOurs(joined);
    expect(ours.warnings).toEqual(['damaged-frames']);
    expect(firstDifference(ours.channels, without(await decodeLibFlac(bytes), 1001, 2002))).toBeNull();
  });

  it('decodes frames that arrive in several reads: a stream of 40 copies of a file\'s frames, 170 KB', async () => {
    const bytes = fixture('stereo-24-mid_side.flac');
    const first = frameStarts(bytes)[0];
    const frames = bytes.subarray(first);
    const copies = 40;
    const long = new Uint8Array(first + frames.length * copies);
    long.set(bytes.subarray(0, first));
    for (let i = 0; i < copies; i++) long.set(frames, first + i * frames.length);
    const reference = await decodeLibFlac(bytes);
    const expected = reference.map((channel) => repeated(channel, copies));
    const ours = await decodeOurs(long);
    expect(ours.warnings).toEqual([]);
    expect(firstDifference(ours.channels, expected)).toBeNull();
  });

  it('finds a frame after garbage whose header arrives split between two reads', async () => {
    const bytes = fixture('stereo-24-mid_side.flac');
    const first = frameStarts(bytes)[0];
    const frames = bytes.subarray(first);
    const copies = 40;
    // garbage before the copy that crosses the first 64 KiB read, so that its header starts 5 bytes before the end
    const crossing = Math.floor(65536 / frames.length);
    const garbage = 65536 - 5 - crossing * frames.length;
    const long = new Uint8Array(first + frames.length * copies + garbage);
    long.set(bytes.subarray(0, first));
    for (let i = 0; i < copies; i++) long.set(frames, first + i * frames.length + (i >= crossing ? garbage : 0));
    const reference = await decodeLibFlac(bytes);
    const expected = reference.map((channel) => repeated(channel, copies));
    const ours = await decodeOurs(long);
    expect(ours.warnings).toEqual(['damaged-frames']);
    expect(firstDifference(ours.channels, expected)).toBeNull();
  });

  it('keeps the whole frames of a file cut inside its last frame, without calling the cut damage', async () => {
    const bytes = fixture('stereo-16-frame-odd.flac');
    const starts = frameStarts(bytes);
    const last = starts[starts.length - 1];
    const ours = await decodeOurs(bytes.subarray(0, last + 100));
    expect(ours.warnings).toEqual([]);
    const reference = await decodeLibFlac(bytes);
    expect(firstDifference(ours.channels, reference.map((channel) => channel.subarray(0, (starts.length - 1) * 1001)))).toBeNull();
  });

  it('refuses a stream whose only frame is damaged as malformed; one cut inside its first frame yields nothing', async () => {
    const bytes = fixture('mono-16-level5.flac');
    const starts = frameStarts(bytes);
    const damaged = bytes.slice();
    damaged[starts[0] + 200] ^= 0x40;
    const error = await decodeOurs(damaged).catch((caught: unknown) => caught);
    expect(isVoiceprepError(error) && error.code).toBe('malformed');
    // the reader warns that the file is cut, and DecodedSource refuses it in those words
    expect(await decodeOurs(bytes.subarray(0, starts[0] + 200))).toEqual({ channels: [], warnings: [] });
    const source = await flacReader.open(bytesSource(bytes.subarray(0, starts[0] + 200)), {});
    const refusal = await decodeAll(source).catch((caught: unknown) => caught);
    expect(isVoiceprepError(refusal) && refusal.message).toContain('cut short before the end of its first block');
  });

  it('ends every seeded case of flips, garbage, cuts and repeats in audio within full scale or a VoiceprepError', async () => {
    const random = seededRandom(24);
    let decoded = 0;
    let refused = 0;
    for (let round = 0; round < 240; round++) {
      const name = NAMES[round % NAMES.length];
      const bytes = damage(fixture(name), frameStarts(fixture(name))[0], random);
      try {
        const { channels } = await decodeOurs(bytes);
        for (const channel of channels) {
          for (const sample of channel) if (!(sample >= -1 && sample < 1)) throw new Error(`${name} round ${round}: sample ${sample}`);
        }
        expect(channels.every((channel) => channel.length === channels[0].length)).toBe(true);
        decoded++;
      } catch (error) {
        if (!isVoiceprepError(error)) throw new Error(`${name} round ${round}: ${String(error)}`);
        refused++;
      }
    }
    // both outcomes happen (most fixtures are one frame long: damaged, nothing is left to decode)
    expect(decoded).toBeGreaterThan(20);
    expect(refused).toBeGreaterThan(20);
  });
});

/** One to four damages after the metadata (which the layout's own specs cover): the frames are what is tested. */
function damage(bytes: Uint8Array, framesAt: number, random: Random): Uint8Array {
  let out = bytes;
  const steps = 1 + Math.floor(random() * 4);
  for (let step = 0; step < steps; step++) {
    const at = framesAt + Math.floor(random() * (out.length - framesAt));
    const kind = Math.floor(random() * 5);
    if (kind === 0) {
      out = out.slice();
      out[at] ^= 1 << Math.floor(random() * 8);
    } else if (kind === 1) {
      out = out.slice();
      for (let i = at; i < Math.min(out.length, at + 1 + Math.floor(random() * 64)); i++) out[i] = Math.floor(random() * 256);
    } else if (kind === 2) {
      out = out.slice(0, at);
    } else if (kind === 3) {
      // a run of the sync code's bytes: every position a candidate header
      out = out.slice();
      for (let i = at; i < Math.min(out.length - 1, at + 32); i += 2) [out[i], out[i + 1]] = [0xff, 0xf8];
    } else {
      const from = framesAt + Math.floor(random() * (out.length - framesAt));
      const piece = out.subarray(from, from + Math.floor(random() * 2000));
      const grown = new Uint8Array(out.length + piece.length);
      grown.set(out.subarray(0, at));
      grown.set(piece, at);
      grown.set(out.subarray(at), at + piece.length);
      out = grown;
    }
  }
  return out;
}

/** `channel` `copies` times, end to end: what a stream of that many copies of a file's frames decodes to. */
function repeated(channel: Float32Array, copies: number): Float32Array {
  const out = new Float32Array(channel.length * copies);
  for (let i = 0; i < copies; i++) out.set(channel, i * channel.length);
  return out;
}
