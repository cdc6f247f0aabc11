import { describe, expect, it, vi } from 'vitest';
import { CUT_AT, REFERENCES, decodeAll, fixture, onsetOf, snrAgainst } from '../../test/fixtures/compressed/reference.js';
import { isVoiceprepError } from '../errors.js';
import { aacReader } from './aac/aac-reader.js';
import { amrReader } from './amr/amr-reader.js';
import type { AudioFormatReader } from '../source/audio-source.js';
import { FORMATS as AUDIO_FORMATS } from './registry.js';
import { bytesSource } from '../source/byte-source.js';
import { identifyReader } from './identify.js';
import { mp4Reader } from './mp4/mp4-reader.js';

/**
 * Phone recordings: AAC in MP4/M4A/3GP and in ADTS (FAAD2, placed as FFmpeg's decode is), and AMR-NB (opencore-amr,
 * against sox's decode, which is the same library). The references are in test/fixtures/compressed/reference.json
 * (make-phone-fixtures.mjs).
 */

const COMPRESSED_READERS = AUDIO_FORMATS.filter((format) => format.name !== 'WAV' && format.name !== 'VOX');

/**
 * How close each decoder comes to the reference, over the whole band. Opencore-amr is sox's library: the same
 * samples. FAAD2 and FFmpeg's AAC decoder part where the encoder used perceptual noise substitution (bands sent as
 * "noise of this energy", which each decoder draws at random): speech-44k.aac, at 48 kbit/s, agrees to 29 dB over
 * its whole band, aligned to the sample (lag 0); in the telephone band, which is what a conversion keeps, the
 * agreement is higher (README, "Input formats").
 */
const CASES: ReadonlyArray<readonly [string, AudioFormatReader, string, number]> = [
  ['speech.m4a', mp4Reader, 'MP4', 40],
  ['speech-8k.3gp', mp4Reader, 'MP4', 40],
  ['speech-44k.aac', aacReader, 'AAC', 26],
  ['speech.amr', amrReader, 'AMR', 80],
];

describe.each(CASES)('%s', (file, reader, container, minSnr) => {
  const reference = REFERENCES[file];
  const bytes = fixture(file);
  const oneMs = reference.sampleRate / 1000;

  it('is recognized by its content, whatever its name, and probed to the reference rate and length', async () => {
    expect(await identifyReader(bytesSource(bytes), COMPRESSED_READERS, { name: 'prompt.wav' })).toBe(reader);
    const { format, seconds } = await reader.probe(bytesSource(bytes), {});
    expect(format).toMatchObject({ container, sampleRate: reference.sampleRate, channels: reference.channels, bitsPerSample: null });
    // An MP4's is its edit list's; FFmpeg 5.1 also lets out the last frame's padding (speech-8k.3gp: 79 ms more).
    expect(Math.abs((seconds ?? 0) - reference.frames / reference.sampleRate)).toBeLessThan(0.1);
  });

  it("decodes to the reference's length and onset within 1 ms, and the same samples", async () => {
    const source = await reader.open(bytesSource(bytes), {});
    expect([source.sampleRate, source.channels, source.exactFrames]).toEqual([reference.sampleRate, reference.channels, false]);
    const decoded = await decodeAll(source);
    source.close();
    expect(Math.abs(decoded[0].length - reference.frames)).toBeLessThanOrEqual(oneMs);
    expect(Math.abs(onsetOf(decoded[0]) - reference.onset)).toBeLessThanOrEqual(oneMs);
    expect(snrAgainst(reference, decoded)).toBeGreaterThanOrEqual(minSnr);
    expect(source.warnings).toEqual([]);
  });

  it('starts every pass from the start, and stops at maxFrames', async () => {
    const source = await reader.open(bytesSource(bytes), {});
    const first = await decodeAll(source);
    const partial = await decodeAll(source, 1000);
    source.close();
    expect(Buffer.from(partial[0].buffer).equals(Buffer.from(first[0].slice(0, 1000).buffer))).toBe(true);
  });
});

describe('a file cut short', () => {
  it.each(['speech-44k.aac', 'speech.amr'])('%s: what its whole frames hold is converted, as the reference does', async (file) => {
    const reference = REFERENCES[file];
    const bytes = fixture(file);
    const reader = file.endsWith('.aac') ? aacReader : amrReader;
    const source = await reader.open(bytesSource(bytes.subarray(0, Math.floor(bytes.length * CUT_AT))), {});
    const decoded = await decodeAll(source);
    source.close();
    expect(Math.abs(decoded[0].length - reference.cutFrames)).toBeLessThanOrEqual(reference.sampleRate / 1000);
    if (file.endsWith('.aac')) expect(source.warnings.map((warning) => warning.code)).toContain('truncated');
  });

  it('an MP4 whose index comes first (faststart): what is there is converted, and the cut is said', async () => {
    const bytes = fixture('speech-faststart.m4a');
    const whole = await decodeAll(await mp4Reader.open(bytesSource(bytes), {}));
    const source = await mp4Reader.open(bytesSource(bytes.subarray(0, Math.floor(bytes.length * CUT_AT))), {});
    const [decoded] = await decodeAll(source);
    expect(decoded.length).toBeGreaterThan(0);
    expect(decoded.length).toBeLessThan(whole[0].length);
    expect(source.warnings.map((warning) => warning.code)).toEqual(['truncated']);
  });

  it('an MP4 whose index (moov, written last) is cut off: a clean refusal, in words', async () => {
    for (const file of ['speech.m4a', 'speech-8k.3gp']) {
      const bytes = fixture(file);
      const outcome = await mp4Reader.open(bytesSource(bytes.subarray(0, Math.floor(bytes.length * CUT_AT))), {}).catch((error: unknown) => error);
      expect(isVoiceprepError(outcome) && outcome.code).toBe('malformed');
      expect((outcome as Error).message).toMatch(/no sound track/);
    }
  });
});

describe('ADTS at 22050 Hz (speech.aac)', () => {
  it('comes out at twice its rate, as FAAD2 prepares for SBR, and lines up with FFmpeg at the original rate', async () => {
    const reference = REFERENCES['speech.aac'];
    const source = await aacReader.open(bytesSource(fixture('speech.aac')), {});
    expect(source.sampleRate).toBe(2 * reference.sampleRate);
    const decoded = await decodeAll(source);
    source.close();
    const oneMs = source.sampleRate / 1000;
    expect(Math.abs(decoded[0].length - 2 * reference.frames)).toBeLessThanOrEqual(oneMs);
    expect(Math.abs(onsetOf(decoded[0]) - 2 * reference.onset)).toBeLessThanOrEqual(oneMs);
    const everyOther = decoded.map((samples) => samples.filter((_, index) => index % 2 === 0));
    expect(snrAgainst(reference, everyOther)).toBeGreaterThanOrEqual(30);
  });
});

describe('hostile and damaged files', () => {
  it('an MP4 of another codec is refused with the command that converts it', async () => {
    // speech.m4a with its sample entry renamed from mp4a to alac (the box walk names the codec from it)
    const bytes = fixture('speech.m4a').slice();
    const at = Buffer.from(bytes).indexOf('mp4a');
    bytes.set([0x61, 0x6c, 0x61, 0x63], at);
    const outcome = await mp4Reader.open(bytesSource(bytes), { name: 'memo.m4a' }).catch((error: unknown) => error);
    expect(isVoiceprepError(outcome) && outcome.code).toBe('unsupported-encoding');
    expect((outcome as Error).message).toContain("ffmpeg -i memo.m4a memo.wav");
  });

  it('an MP4 whose sample table declares four billion samples: a clean error, without a huge allocation', async () => {
    const bytes = fixture('speech.m4a').slice();
    const stsz = Buffer.from(bytes).indexOf('stsz');
    // stsz: version and flags, a sample size of 0 (sizes listed), then the count
    new DataView(bytes.buffer).setUint32(stsz + 12, 0xffffffff);
    const outcome = await mp4Reader
      .open(bytesSource(bytes), {})
      .then((source) => decodeAll(source))
      .catch((error: unknown) => error);
    expect(isVoiceprepError(outcome)).toBe(true);
  });

  it('an MP4 whose sample description claims two billion entries: a clean outcome, and not a word on the console', async () => {
    const bytes = fixture('speech.m4a').slice();
    // stsd: its header, version and flags, then the entry count
    new DataView(bytes.buffer).setUint32(Buffer.from(bytes).indexOf('stsd') + 8, 0x80000001);
    const spies = (['log', 'info', 'warn', 'error'] as const).map((method) => vi.spyOn(console, method));
    await mp4Reader
      .open(bytesSource(bytes), {})
      .then((source) => decodeAll(source))
      .catch((error: unknown) => expect(isVoiceprepError(error)).toBe(true));
    for (const spy of spies) expect(spy).not.toHaveBeenCalled();
    for (const spy of spies) spy.mockRestore();
  });

  it('an ADTS file of junk after its first frames keeps what it decoded, and ends', async () => {
    const clean = fixture('speech-44k.aac');
    const bytes = clean.slice();
    for (let i = 2000; i < bytes.length; i++) bytes[i] = (i * 7919) & 0xff;
    const source = await aacReader.open(bytesSource(bytes), {});
    const decoded = await decodeAll(source).catch((error: unknown) => error);
    source.close();
    expect(decoded instanceof Error ? isVoiceprepError(decoded) : (decoded as Float32Array[])[0].length > 0).toBe(true);
  });

  it('AMR-WB: 16 kHz, 320 samples for each 20 ms frame, NO_DATA frames included', async () => {
    // The magic line, then 50 NO_DATA frames (mode 15: a TOC byte alone)
    const bytes = new Uint8Array([...'#!AMR-WB\n'].map((c) => c.charCodeAt(0)).concat(new Array(50).fill(0x7c)));
    expect(await identifyReader(bytesSource(bytes), COMPRESSED_READERS)).toBe(amrReader);
    const source = await amrReader.open(bytesSource(bytes), {});
    expect([source.sampleRate, source.format.encoding]).toEqual([16000, 'AMR-WB']);
    const decoded = await decodeAll(source);
    source.close();
    expect(decoded[0].length).toBe(50 * 320);
  });

  it('an AMR file with nothing after its magic line is refused in words', async () => {
    const outcome = await amrReader.open(bytesSource(new TextEncoder().encode('#!AMR\n')), {}).catch((error: unknown) => error);
    expect(isVoiceprepError(outcome) && outcome.code).toBe('malformed');
  });
});
