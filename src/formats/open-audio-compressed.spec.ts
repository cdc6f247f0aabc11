import { fileURLToPath } from 'node:url';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { CUT_AT, REFERENCES, decodeAll, fixture, onsetOf, snrAgainst } from '../../test/fixtures/compressed/reference.js';
import { isVoiceprepError } from '../errors.js';
import { aacReader } from './aac/aac-reader.js';
import type { AudioFormatReader } from '../source/audio-source.js';
import { bytesSource } from '../source/byte-source.js';
import { crc32 } from './common/crc.js';
import { FORMATS as AUDIO_FORMATS } from './registry.js';
import { flacReader } from './flac/flac-reader.js';
import { identifyReader } from './identify.js';
import { matroskaReader } from './refused/matroska-reader.js';
import { mp3Reader } from './mp3/mp3-reader.js';
import { findMpegFrame, parseMpegHeader } from './common/mpeg-frame.js';
import { openAudio } from './open-audio.js';
import { oggReader } from './ogg/ogg-reader.js';

/** The formats beyond WAV, and before VOX, which knows its files by name: what these files are read by. */
const COMPRESSED_READERS = AUDIO_FORMATS.filter((format) => format.name !== 'WAV' && format.name !== 'VOX');

/** Which reader each fixture belongs to, by its kind (the readers themselves look only at content). */
function expectedReader(file: string): AudioFormatReader {
  if (/\.mp[123]$/.test(file)) return mp3Reader;
  if (file.endsWith('.flac')) return flacReader;
  return oggReader;
}

/**
 * How close each decoder comes to FFmpeg's decode (measured: mpg123 vs FFmpeg 74-125 dB, libFLAC bit-exact,
 * libvorbis 130 dB, opus-decoder vs FFmpeg's libopus 80 dB; the reference holds 16-bit samples, which caps what
 * can be measured near 90 dB). The floors are well under the measurements and far over the 30 dB that would
 * already prove it is the same audio, aligned to the sample.
 */
const MIN_SNR_DB: Record<string, number> = { MP3: 60, FLAC: 80, Ogg: 60 };

/** What the lossy encoders' tags promise exactly (LAME's Info/Xing with its delay and padding, FLAC's STREAMINFO). */
const EXACT = new Set([
  'speech-cbr.mp3',
  'speech-tone-vbr.mp3',
  'speech-mpeg2-16k.mp3',
  'speech-mpeg25-8k.mp3',
  'speech-id3-picture.mp3',
  'speech-id3v1-ape.mp3',
  'speech-16bit-8k.flac',
  'speech-tone-24bit-8k.flac',
]);

/** Compared as bytes: vitest's deep equality over tens of thousands of floats takes it a second. */
function sameSamples(a: Float32Array, b: Float32Array): boolean {
  return Buffer.from(a.buffer, a.byteOffset, a.byteLength).equals(Buffer.from(b.buffer, b.byteOffset, b.byteLength));
}

/** For the record (the README and reports quote them): each fixture against FFmpeg. */
const figures: string[] = [];
afterAll(() => {
  console.log(['fixture                     frames  vs FFmpeg   onset  vs FFmpeg   SNR dB', ...figures].join('\n'));
});

/** What probe names each fixture: container, encoding and bits per sample. */
const DESCRIPTION: Record<string, [string, string, number | null]> = {
  'speech-cbr.mp3': ['MP3', 'MPEG-1 Layer III', null],
  'speech-tone-vbr.mp3': ['MP3', 'MPEG-1 Layer III', null],
  'speech-mpeg2-16k.mp3': ['MP3', 'MPEG-2 Layer III', null],
  'speech-mpeg25-8k.mp3': ['MP3', 'MPEG-2.5 Layer III', null],
  'speech-no-gapless.mp3': ['MP3', 'MPEG-1 Layer III', null],
  'speech-id3-picture.mp3': ['MP3', 'MPEG-1 Layer III', null],
  'speech-id3v1-ape.mp3': ['MP3', 'MPEG-1 Layer III', null],
  'speech-layer2.mp2': ['MP3', 'MPEG-1 Layer II', null],
  'tone-layer1.mp1': ['MP3', 'MPEG-1 Layer I', null],
  'speech-16bit-8k.flac': ['FLAC', 'FLAC', 16],
  'speech-tone-24bit-8k.flac': ['FLAC', 'FLAC', 24],
  'speech-vorbis.ogg': ['Ogg', 'Vorbis', null],
  'speech-tone-vorbis.oga': ['Ogg', 'Vorbis', null],
  'speech.opus': ['Ogg', 'Opus', null],
  'speech-tone-opus.ogg': ['Ogg', 'Opus', null],
};

/** Phone recordings (AAC, AMR) have their own spec: open-audio-phone.spec.ts. */
const PHONE = /\.(m4a|3gp|aac|amr)$/;

describe.each(Object.entries(REFERENCES).filter(([file]) => !PHONE.test(file)))('%s', (file, reference) => {
  const bytes = fixture(file);
  const reader = expectedReader(file);
  const oneMs = reference.sampleRate / 1000;
  // libvorbis is the reference for Vorbis's length: FFmpeg 5.1 leaves the padding of a stream whose only audio
  // page is also its last (speech-vorbis.ogg: 18944 samples against libvorbis's 18672).
  const expectedFrames = reference.libvorbisFrames ?? reference.frames;

  it('is recognized by its content, whatever its name', async () => {
    expect(await identifyReader(bytesSource(bytes), COMPRESSED_READERS, { name: 'prompt.wav' })).toBe(reader);
  });

  it("probes to FFmpeg's rate and channels, names the encoding, and gives the length", async () => {
    const { format, seconds } = await reader.probe(bytesSource(bytes), {});
    expect([format.sampleRate, format.channels]).toEqual([reference.sampleRate, reference.channels]);
    expect([format.container, format.encoding, format.bitsPerSample]).toEqual(DESCRIPTION[file]);
    expect(format.formatTag).toBeNull();
    // Exact where a tag says so; an estimate from the bitrate otherwise (these CBR files: within a frame).
    const tolerance = EXACT.has(file) ? 1e-9 : 0.03;
    expect(Math.abs((seconds ?? 0) - expectedFrames / reference.sampleRate)).toBeLessThanOrEqual(tolerance);
  });

  it('decodes to what FFmpeg decodes: the same length and onset within 1 ms, the same samples', async () => {
    const source = await reader.open(bytesSource(bytes), {});
    expect(source.exactFrames).toBe(EXACT.has(file));
    const decoded = await decodeAll(source);
    source.close();
    const frames = decoded[0].length;
    expect(decoded).toHaveLength(reference.channels);
    expect(Math.abs(frames - expectedFrames)).toBeLessThanOrEqual(oneMs);
    expect(Math.abs(onsetOf(decoded[0]) - reference.onset)).toBeLessThanOrEqual(oneMs);
    if (reference.nativeFrames !== undefined && reference.nativeOnset !== undefined) {
      expect(Math.abs(frames - reference.nativeFrames)).toBeLessThanOrEqual(oneMs);
      expect(Math.abs(onsetOf(decoded[0]) - reference.nativeOnset)).toBeLessThanOrEqual(oneMs);
    }
    if (EXACT.has(file)) expect(frames).toBe(source.frames);
    const snr = snrAgainst(reference, decoded);
    expect(snr).toBeGreaterThanOrEqual(MIN_SNR_DB[reader.name]);
    const onset = onsetOf(decoded[0]);
    figures.push(
      `${file.padEnd(26)} ${String(frames).padStart(7)} ${String(frames - reference.frames).padStart(+10)} ${String(onset).padStart(7)} ${String(onset - reference.onset).padStart(10)} ${snr.toFixed(1).padStart(8)}`,
    );
    expect(source.warnings).toEqual([]);
  });

  it('starts every pass from the start, and stops at maxFrames', async () => {
    const source = await reader.open(bytesSource(bytes), {});
    const first = await decodeAll(source);
    const second = await decodeAll(source);
    const partial = await decodeAll(source, 1000);
    source.close();
    expect(second.every((channel, index) => sameSamples(channel, first[index]))).toBe(true);
    expect(sameSamples(partial[0], first[0].subarray(0, 1000))).toBe(true);
  });

  it('converts what a file cut short holds, as FFmpeg does, or refuses it when that is nothing', async () => {
    const cut = bytes.subarray(0, Math.floor(bytes.length * CUT_AT));
    const source = await reader.open(bytesSource(cut), {});
    expect(source.exactFrames).toBe(false);
    expect(source.warnings.map((warning) => warning.code)).toContain('truncated');
    const outcome = await decodeAll(source).catch((error: unknown) => error);
    source.close();
    if (reference.cutFrames === 0) {
      // FFmpeg too finds no whole FLAC frame or Ogg page in what is left of these small files.
      expect(isVoiceprepError(outcome) && outcome.code).toBe('malformed');
    } else {
      expect(Math.abs((outcome as Float32Array[])[0].length - reference.cutFrames)).toBeLessThanOrEqual(oneMs);
    }
  });
});

describe('formats that are described but not decoded', () => {
  it.each([
    ['speech.webm', matroskaReader, { container: 'WebM', encoding: 'Opus' }, null, 'in.webm'],
  ] as const)('%s: described from its header, refused with the command that converts it', async (file, reader, format, seconds, input) => {
    const bytes = fixture(file);
    expect(await identifyReader(bytesSource(bytes), COMPRESSED_READERS)).toBe(reader);
    const probed = await reader.probe(bytesSource(bytes), {});
    expect(probed.format).toMatchObject(format);
    if (seconds === null) expect(probed.seconds).toBeNull();
    else expect(probed.seconds).toBeCloseTo(seconds, 3);
    const refusal = await reader.open(bytesSource(bytes), {}).catch((error: unknown) => error);
    expect(isVoiceprepError(refusal) && refusal.code).toBe('unsupported-encoding');
    expect((refusal as Error).message).toContain(`ffmpeg -i ${input} in.wav`);
  });

  it('leaves files of no audio format to sniff.ts', async () => {
    for (const start of ['PK\x03\x04', '%PDF-1.7', 'hello, world\n', 'RIFF\0\0\0\0WAVE']) {
      const bytes = new TextEncoder().encode(start.padEnd(64, ' '));
      expect(await identifyReader(bytesSource(bytes), COMPRESSED_READERS)).toBeNull();
    }
  });
});

describe('zero bytes after the last MPEG frame', () => {
  // Layer I and II fixtures end in silent frames whose last bytes are zeros: the frame must be kept whole.
  it.each(['speech-cbr.mp3', 'speech-tone-vbr.mp3', 'speech-layer2.mp2', 'tone-layer1.mp1'])('%s: padding some tools leave, not damage', async (file) => {
    const plain = fixture(file);
    const padded = new Uint8Array(plain.length + 4096);
    padded.set(plain);
    const [source, reference] = [await mp3Reader.open(bytesSource(padded), {}), await mp3Reader.open(bytesSource(plain), {})];
    const [got, expected] = [await decodeAll(source), await decodeAll(reference)];
    expect(source.warnings).toEqual([]);
    expect(source.frames).toBe(reference.frames);
    expect(got.every((channel, index) => sameSamples(channel, expected[index]))).toBe(true);
    source.close();
    reference.close();
  });

  it('looks past the first 64 KB of them', async () => {
    const plain = fixture('speech-cbr.mp3');
    const padded = new Uint8Array(plain.length + 200_000);
    padded.set(plain);
    const source = await mp3Reader.open(bytesSource(padded), {});
    await decodeAll(source);
    expect(source.warnings).toEqual([]);
    source.close();
  });
});

describe('what reaches the terminal', () => {
  it('nothing from the decoders: their complaints about damage become one warning', async () => {
    const bytes = fixture('speech-tone-vbr.mp3').slice();
    // Garbage over the middle frames, where mpg123 reports what it cannot decode.
    for (let i = 2000; i < 5000; i += 7) bytes[i] = 0xff;
    const error = vi.spyOn(console, 'error');
    const warn = vi.spyOn(console, 'warn');
    const source = await mp3Reader.open(bytesSource(bytes), {});
    await decodeAll(source);
    source.close();
    expect(error).not.toHaveBeenCalled();
    expect(warn).not.toHaveBeenCalled();
    error.mockRestore();
    warn.mockRestore();
  });
});

describe('a closed source', () => {
  it('refuses another pass with a VoiceprepError', async () => {
    const source = await flacReader.open(bytesSource(fixture('speech-16bit-8k.flac')), {});
    source.close();
    const refusal = await decodeAll(source).catch((error: unknown) => error);
    expect(isVoiceprepError(refusal) && refusal.code).toBe('io');
  });
});

describe('FLAC it cannot decode', () => {
  it('32-bit FLAC is refused with the reference decoder\'s command, not decoded to silence', async () => {
    const bytes = fixture('speech-16bit-8k.flac').slice();
    // STREAMINFO's bits-per-sample minus one: the last bit of byte 20 and the high nibble of byte 21.
    bytes[20] |= 0x01;
    bytes[21] |= 0xf0;
    const refusal = await flacReader.open(bytesSource(bytes), {}).catch((error: unknown) => error);
    expect(isVoiceprepError(refusal) && refusal.code).toBe('unsupported-encoding');
    expect((refusal as Error).message).toContain('32-bit');
    expect((refusal as Error).message).toContain('flac -d');
  });

  it('a stream none of whose frames can be found is malformed, not silence', async () => {
    const bytes = fixture('speech-16bit-8k.flac').slice();
    // Every frame sync code (0xFFF8, fixed block size) broken: the metadata is whole, the audio unreadable.
    for (let at = 42; at + 1 < bytes.length; at++) {
      if (bytes[at] === 0xff && bytes[at + 1] === 0xf8) bytes[at + 1] = 0x00;
    }
    const source = await flacReader.open(bytesSource(bytes), {});
    const refusal = await decodeAll(source).catch((error: unknown) => error);
    expect(isVoiceprepError(refusal) && refusal.code).toBe('malformed');
  });
});

describe('recognition around tags, junk and names', () => {
  const withId3v2 = (bodyBytes: number, audio: Uint8Array) => {
    const size = [21, 14, 7, 0].map((shift) => (bodyBytes >> shift) & 0x7f);
    return new Uint8Array([0x49, 0x44, 0x33, 3, 0, 0, ...size, ...new Uint8Array(bodyBytes), ...audio]);
  };

  it('an ID3v2 tag longer than the first 4 KiB (cover art) is MP3, and decodes as the MP3 without it', async () => {
    const plain = fixture('speech-cbr.mp3');
    const tagged = withId3v2(100_000, plain);
    expect(await identifyReader(bytesSource(tagged), COMPRESSED_READERS)).toBe(mp3Reader);
    const [a, b] = await Promise.all([plain, tagged].map(async (bytes) => decodeAll(await mp3Reader.open(bytesSource(bytes), {}))));
    expect(sameSamples(b[0], a[0])).toBe(true);
  });

  it('FLAC and AAC behind an ID3v2 tag are FLAC and AAC', async () => {
    expect(await identifyReader(bytesSource(withId3v2(40, fixture('speech-16bit-8k.flac'))), COMPRESSED_READERS)).toBe(flacReader);
    expect(await identifyReader(bytesSource(withId3v2(40, fixture('speech.aac'))), COMPRESSED_READERS)).toBe(aacReader);
    const flac = await flacReader.open(bytesSource(withId3v2(40, fixture('speech-16bit-8k.flac'))), {});
    expect((await decodeAll(flac))[0]).toHaveLength(6774);
  });

  describe('an MP3 of one frame', () => {
    // The first audio frame of a fixture (its own first frame is the Info tag, which holds no audio).
    const plain = fixture('speech-cbr.mp3');
    const info = findMpegFrame(plain, 0, false)!;
    const frame = plain.slice(info.offset + info.header.frameBytes, info.offset + 2 * info.header.frameBytes);

    it('is MP3 when the frame is the whole file, and decodes', async () => {
      expect(parseMpegHeader(frame, 0)?.frameBytes).toBe(frame.length);
      const audio = await openAudio(bytesSource(frame), { name: 'one.mp3' });
      expect(audio.format.container).toBe('MP3');
      expect((await decodeAll(audio))[0].length).toBeGreaterThan(0);
    });

    it.each([
      ['cut inside the frame', frame.subarray(0, 200), /^an MP3 file cut off inside its first frame \(200 of its \d+ bytes\): too short to hold any audio$/],
      ['followed by what is not MPEG audio', Uint8Array.from([...frame, ...new Array(300).fill(0x55)]), /^it starts like an MP3 file, but what follows its first frame is not MPEG audio/],
    ])('%s: says what is wrong, not "an MP3 file, not a WAV file" (MP3 is converted)', async (_case, bytes, message) => {
      const refusal = await openAudio(bytesSource(bytes), { name: 'one.mp3' }).catch((error: unknown) => error);
      expect(isVoiceprepError(refusal) && refusal.code).toBe('not-wav');
      expect((refusal as Error).message).toMatch(message);
    });
  });

  it('junk before the first MPEG frame is skipped, with a warning', async () => {
    const bytes = new Uint8Array([...new Array(300).fill(0), ...fixture('speech-tone-vbr.mp3')]);
    const source = await mp3Reader.open(bytesSource(bytes), {});
    expect((await decodeAll(source))[0]).toHaveLength(37344);
    expect(source.warnings.map((warning) => warning.code)).toEqual(['junk']);
  });
});

describe('Opus output gain', () => {
  it("is applied, as RFC 7845 asks of decoders (libopus leaves it to the caller)", async () => {
    const bytes = fixture('speech.opus').slice();
    // The first page holds only OpusHead: 27 header bytes, 1 lacing value, then the packet, gain at 16.
    const view = new DataView(bytes.buffer);
    view.setInt16(28 + 16, -6 * 256, true);
    view.setUint32(22, 0, true);
    view.setUint32(22, crc32(bytes, 0, 28 + 19), true);
    const [plain, quieter] = await Promise.all(
      [fixture('speech.opus'), bytes].map(async (file) => decodeAll(await oggReader.open(bytesSource(file), {}))),
    );
    const peak = (samples: Float32Array) => samples.reduce((max, sample) => Math.max(max, Math.abs(sample)), 0);
    expect(peak(quieter[0]) / peak(plain[0])).toBeCloseTo(10 ** (-6 / 20), 4);
  });
});

describe('in a browser bundle', () => {
  // 620 KB since voiceprep's own MP3 layer III decoder (23 KB of WebAssembly, as base64) joined mpg123's, which stays
  // for layers I and II; the readers were 600 KB, give or take 2 KB, before it.
  it('the readers and their decoders come to under 620 KB, without Node modules or the 4 MB opus-ml', async () => {
    // The AAC, MP4 and AMR decoders stay out of the page (build-page.mjs puts a refusal in their place).
    const phoneDecoders = ['@audio/decode-aac', '@audio/decode-amr', 'mediabunny'];
    const { build } = await import('esbuild');
    const result = await build({
      stdin: { contents: "export { FORMATS } from './registry.js'; export { identifyReader } from './identify.js';", resolveDir: fileURLToPath(new URL('.', import.meta.url)), loader: 'ts' },
      bundle: true,
      format: 'esm',
      platform: 'browser',
      write: false,
      metafile: true,
      logLevel: 'silent',
      external: phoneDecoders,
    });
    const inputs = Object.keys(result.metafile.inputs);
    expect(inputs.filter((path) => path.includes('opus-ml') || path.startsWith('node:'))).toEqual([]);
    expect(result.outputFiles[0].contents.length).toBeLessThan(620_000);
  });
});
