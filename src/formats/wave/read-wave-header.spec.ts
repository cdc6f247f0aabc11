import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fixtureBytes } from '../../../test/support/codec-fixtures.js';
import { asciiBytes, buildRiff, fmtBody, type ChunkSpec } from '../../../test/support/wav-builder.js';
import { VoiceprepError } from '../../errors.js';
import { bytesSource } from '../../source/byte-source.js';
import { readWaveHeader } from './read-wave-header.js';

const pcm16Mono8k = fmtBody({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 16 });
const samples = (count: number) => Uint8Array.from({ length: count }, (_, i) => i & 0xff);
const read = (bytes: Uint8Array) => readWaveHeader(bytesSource(bytes));

function concat(...parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/**
 * A little-endian WAVE file of the given chunks turned into RIFX: the magic, the RIFF and chunk sizes, the fmt
 * fields and the fact count swapped (the sample bytes are left as they are; these tests read headers only).
 */
function bigEndianCopy(file: Uint8Array): Uint8Array {
  const out = file.slice();
  const view = new DataView(out.buffer);
  out.set(asciiBytes('RIFX'), 0);
  const swap32 = (at: number) => view.setUint32(at, view.getUint32(at, true), false);
  const swap16 = (at: number) => view.setUint16(at, view.getUint16(at, true), false);
  swap32(4);
  for (let at = 12; at + 8 <= out.length; ) {
    const id = String.fromCharCode(...out.subarray(at, at + 4));
    const size = view.getUint32(at + 4, true);
    swap32(at + 4);
    if (id === 'fmt ') [0, 2, 12, 14].forEach((field) => swap16(at + 8 + field));
    if (id === 'fmt ') [4, 8].forEach((field) => swap32(at + 8 + field));
    if (id === 'fact') swap32(at + 8);
    at += 8 + size + (size % 2);
  }
  return out;
}

async function failure(bytes: Uint8Array): Promise<VoiceprepError> {
  try {
    await read(bytes);
  } catch (error) {
    if (error instanceof VoiceprepError) return error;
    throw error;
  }
  throw new Error('expected the reader to refuse the file');
}

describe('readWaveHeader', () => {
  it('reads a plain PCM file', async () => {
    const file = buildRiff([
      { id: 'fmt ', body: pcm16Mono8k },
      { id: 'data', body: samples(200) },
    ]);
    const header = await read(file);
    expect(header.container).toBe('RIFF');
    expect(header.format).toMatchObject({ encoding: 'pcm', channels: 1, sampleRate: 8000, bitsPerSample: 16, blockAlign: 2 });
    expect(header.dataOffset).toBe(44);
    expect(header.dataSize).toBe(200);
    expect(header.frames).toBe(100);
    expect(header.warnings).toEqual([]);
    expect(header.chunks.map((c) => c.id)).toEqual(['fmt ', 'data']);
  });

  it('skips unknown chunks wherever they stand and finds data before fmt', async () => {
    const file = buildRiff([
      { id: 'JUNK', body: samples(28) },
      { id: 'data', body: samples(10) },
      { id: 'LIST', body: asciiBytes('INFOISFT') },
      { id: 'fmt ', body: pcm16Mono8k },
      { id: 'id3 ', body: samples(5) },
    ]);
    const header = await read(file);
    expect(header.dataOffset).toBe(12 + 8 + 28 + 8);
    expect(header.frames).toBe(5);
    expect(header.chunks.map((c) => c.id)).toEqual(['JUNK', 'data', 'LIST', 'fmt ', 'id3 ']);
    expect(header.chunks[4]).toMatchObject({ size: 5, padded: true });
    expect(header.warnings).toEqual([]);
  });

  it('steps over the pad byte after an odd-sized chunk, and copes when a writer left it out', async () => {
    const chunks: ChunkSpec[] = [
      { id: 'fmt ', body: fmtBody({ formatTag: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8 }) },
      { id: 'data', body: samples(7) },
      { id: 'LIST', body: samples(4) },
    ];
    const padded = await read(buildRiff(chunks));
    expect(padded.chunks.map((c) => c.id)).toEqual(['fmt ', 'data', 'LIST']);
    expect(padded.warnings).toEqual([]);

    const unpadded = await read(buildRiff(chunks.map((c) => ({ ...c, pad: false }))));
    expect(unpadded.chunks.map((c) => c.id)).toEqual(['fmt ', 'data', 'LIST']);
    expect(unpadded.warnings.map((w) => w.code)).toEqual(['missing-pad']);
  });

  it('warns about a missing pad byte at the end of the file', async () => {
    const file = buildRiff([
      { id: 'fmt ', body: fmtBody({ formatTag: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8 }) },
      { id: 'data', body: samples(7), pad: false },
    ]);
    const header = await read(file);
    expect(header.dataSize).toBe(7);
    expect(header.warnings.map((w) => w.code)).toEqual(['missing-pad']);
  });

  it.each([0, 0xffffffff])('reads a data size of %d as the rest of the file, with a warning', async (size) => {
    const file = buildRiff([
      { id: 'fmt ', body: pcm16Mono8k },
      { id: 'data', body: samples(300), declaredSize: size },
    ]);
    const header = await read(file);
    expect(header.dataSize).toBe(300);
    expect(header.frames).toBe(150);
    expect(header.warnings.map((w) => w.code)).toEqual(['data-size-unset']);
  });

  it('clamps a data chunk that declares more than the file holds', async () => {
    const file = buildRiff([
      { id: 'fmt ', body: pcm16Mono8k },
      { id: 'data', body: samples(100), declaredSize: 100000 },
    ]);
    const header = await read(file);
    expect(header.dataSize).toBe(100);
    expect(header.declaredDataSize).toBe(100000);
    expect(header.warnings.map((w) => w.code)).toEqual(['data-truncated']);
  });

  it('warns when the RIFF size disagrees with the file', async () => {
    const file = buildRiff([{ id: 'fmt ', body: pcm16Mono8k }, { id: 'data', body: samples(10) }], { riffSize: 9999 });
    expect((await read(file)).warnings.map((w) => w.code)).toEqual(['riff-size']);
  });

  it('reads the fact chunk and an odd partial frame', async () => {
    const fact = new Uint8Array([3, 0, 0, 0]);
    const file = buildRiff([{ id: 'fmt ', body: pcm16Mono8k }, { id: 'fact', body: fact }, { id: 'data', body: samples(7) }]);
    const header = await read(file);
    expect(header.factSamples).toBe(3);
    expect(header.frames).toBe(3);
    expect(header.warnings.map((w) => w.code)).toEqual(['partial-frame']);
  });

  it('reads RF64 and BW64 with their ds64 sizes', async () => {
    for (const magic of ['RF64', 'BW64'] as const) {
      const ds64 = new Uint8Array(28);
      const view = new DataView(ds64.buffer);
      view.setUint32(0, 4 + (8 + 28) + (8 + 16) + (8 + 400), true);
      view.setUint32(8, 400, true);
      const file = buildRiff(
        [{ id: 'ds64', body: ds64 }, { id: 'fmt ', body: pcm16Mono8k }, { id: 'data', body: samples(400), declaredSize: 0xffffffff }],
        { magic, riffSize: 0xffffffff },
      );
      const header = await read(file);
      expect(header.container).toBe(magic);
      expect(header.dataSize).toBe(400);
      expect(header.declaredDataSize).toBe(400);
      expect(header.declaredRiffSize + 8).toBe(file.length);
      expect(header.warnings).toEqual([]);
    }
  });

  it('refuses an RF64 file without ds64', async () => {
    const file = buildRiff([{ id: 'fmt ', body: pcm16Mono8k }, { id: 'data', body: samples(4) }], { magic: 'RF64' });
    expect((await failure(file)).code).toBe('malformed');
  });

  it('reads WAVE_FORMAT_EXTENSIBLE and names the sub-format', async () => {
    const fmt = fmtBody({ formatTag: 0, channels: 2, sampleRate: 48000, bitsPerSample: 24, extensible: { subFormatTag: 1, validBits: 20 } });
    const header = await read(buildRiff([{ id: 'fmt ', body: fmt }, { id: 'data', body: samples(12) }]));
    expect(header.format).toMatchObject({
      formatTag: 0xfffe,
      effectiveTag: 1,
      encoding: 'pcm',
      extensible: true,
      bitsPerSample: 24,
      validBitsPerSample: 20,
      blockAlign: 6,
      fmtSize: 40,
    });
    expect(header.frames).toBe(2);

    const alien = fmtBody({
      formatTag: 0,
      channels: 1,
      sampleRate: 8000,
      bitsPerSample: 8,
      extensible: { subFormatTag: 1, guidTail: new Uint8Array(14).fill(7) },
    });
    const other = await read(buildRiff([{ id: 'fmt ', body: alien }, { id: 'data', body: samples(2) }]));
    expect(other.format.encoding).toBeNull();
    expect(other.format.encodingName).toMatch(/^sub-format \{07070001-0707-0707-0707-070707070707\}$/);
  });

  it('names encodings it does not decode', async () => {
    const fmt = fmtBody({ formatTag: 0x11, channels: 1, sampleRate: 8000, bitsPerSample: 4, blockAlign: 256 });
    const header = await read(buildRiff([{ id: 'fmt ', body: fmt }, { id: 'data', body: samples(512) }]));
    expect(header.format).toMatchObject({ encoding: null, encodingName: 'IMA ADPCM', formatTag: 0x11 });
  });

  it('recovers a block align of 0 for sample formats, as ffmpeg and sox do, with a warning', async () => {
    const fmt = fmtBody({ formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 16, blockAlign: 0, byteRate: 32000 });
    const header = await read(buildRiff([{ id: 'fmt ', body: fmt }, { id: 'data', body: samples(40) }]));
    expect(header.format.blockAlign).toBe(4);
    expect(header.frames).toBe(10);
    expect(header.warnings).toEqual([
      { code: 'block-align', message: "the fmt chunk's block align is 0; used 4 (2 channels x 16 bits)" },
    ]);

    const packed24 = fmtBody({ formatTag: 0, channels: 1, sampleRate: 8000, bitsPerSample: 20, blockAlign: 0, byteRate: 24000, extensible: { subFormatTag: 1 } });
    expect((await read(buildRiff([{ id: 'fmt ', body: packed24 }, { id: 'data', body: samples(6) }]))).format.blockAlign).toBe(3);
  });

  it('counts the frames of block codecs: whole blocks, and a final partial block as far as it goes', async () => {
    const ima = (blockAlign: number, extra: number[] = []) =>
      concat(fmtBody({ formatTag: 0x11, channels: 1, sampleRate: 8000, bitsPerSample: 4, blockAlign, cbSize: extra.length }), Uint8Array.from(extra));
    const whole = await read(buildRiff([{ id: 'fmt ', body: ima(256) }, { id: 'data', body: samples(512) }]));
    expect(whole.frames).toBe(2 * 505);
    expect(whole.warnings).toEqual([]);

    // 100 bytes of a third block: its header sample, then 24 groups of 8
    const cut = await read(buildRiff([{ id: 'fmt ', body: ima(256) }, { id: 'data', body: samples(612) }]));
    expect(cut.frames).toBe(2 * 505 + 1 + 24 * 8);
    expect(cut.warnings).toEqual([]);

    const crumbs = await read(buildRiff([{ id: 'fmt ', body: ima(256) }, { id: 'data', body: samples(515) }]));
    expect(crumbs.frames).toBe(2 * 505);
    expect(crumbs.warnings.map((w) => w.code)).toEqual(['partial-frame']);

    // wSamplesPerBlock 500 (< 505): each block decodes to 500, as sox does
    const declared = await read(buildRiff([{ id: 'fmt ', body: ima(256, [500 & 0xff, 500 >> 8]) }, { id: 'data', body: samples(512) }]));
    expect(declared.format.samplesPerBlock).toBe(500);
    expect(declared.frames).toBe(1000);

    const tooMany = await failure(buildRiff([{ id: 'fmt ', body: ima(256, [0x00, 0x04]) }, { id: 'data', body: samples(512) }]));
    expect(tooMany.code).toBe('malformed');
    expect(tooMany.message).toBe('the fmt chunk declares 1024 samples per block, but IMA ADPCM blocks of 256 bytes hold at most 505');
  });

  it("reads Microsoft ADPCM's samples per block and coefficient table from the fmt extension", async () => {
    const extension = new Uint8Array(4 + 4 * 7);
    const view = new DataView(extension.buffer);
    view.setUint16(0, 500, true);
    view.setUint16(2, 7, true);
    const coefficients = [256, 0, 512, -256, 0, 0, 192, 64, 240, 0, 460, -208, 392, -232];
    coefficients.forEach((c, i) => view.setInt16(4 + 2 * i, c, true));
    const fmt = concat(fmtBody({ formatTag: 2, channels: 1, sampleRate: 8000, bitsPerSample: 4, blockAlign: 256, cbSize: 32 }), extension);
    const header = await read(buildRiff([{ id: 'fmt ', body: fmt }, { id: 'data', body: samples(256) }]));
    expect(header.format).toMatchObject({ samplesPerBlock: 500, adpcmCoefficients: coefficients });
    expect(header.frames).toBe(500);

    // a table cut short by the chunk's end keeps the pairs that are there
    const short = await read(buildRiff([{ id: 'fmt ', body: fmt.subarray(0, 18 + 4 + 8) }, { id: 'data', body: samples(256) }]));
    expect(short.format.adpcmCoefficients).toEqual([256, 0, 512, -256]);
  });

  it("reads sox's RIFX file (sox -B) as the same format and samples as its little-endian twin", async () => {
    const rifx = fixtureBytes('rifx-stereo.wav');
    const riff = fixtureBytes('pcm-stereo.wav');
    const big = await read(rifx);
    const little = await read(riff);
    expect(big.container).toBe('RIFX');
    expect(big.format).toEqual({ ...little.format, bigEndian: true });
    expect([big.frames, big.dataSize, big.warnings]).toEqual([little.frames, little.dataSize, []]);
    expect(big.frames).toBe(400);
    const bigData = rifx.subarray(big.dataOffset, big.dataOffset + big.dataSize);
    const littleData = riff.subarray(little.dataOffset, little.dataOffset + little.dataSize);
    const swapped = littleData.map((_, i) => littleData[i ^ 1]);
    expect(bigData).toEqual(swapped);
  });

  it('reads RIFX: every size and fmt field big-endian, and says so', async () => {
    const fmt = fmtBody({ formatTag: 1, channels: 2, sampleRate: 8000, bitsPerSample: 16 });
    const file = bigEndianCopy(buildRiff([{ id: 'fmt ', body: fmt }, { id: 'fact', body: Uint8Array.of(5, 0, 0, 0) }, { id: 'data', body: samples(20) }]));
    const header = await read(file);
    expect(header.container).toBe('RIFX');
    expect(header.format).toMatchObject({ encoding: 'pcm', channels: 2, sampleRate: 8000, bitsPerSample: 16, blockAlign: 4, bigEndian: true });
    expect(header.factSamples).toBe(5);
    expect(header.frames).toBe(5);
    expect(header.warnings).toEqual([]);
  });

  it.each([
    ['an empty file', new Uint8Array(0), /empty/],
    ['text', asciiBytes('hello, this is a text file\n'), /text file/],
    ['an MP3 with ID3', asciiBytes('ID3\x04\x00\x00\x00\x00\x00\x00\x00\x00'), /MP3/],
    ['an MP3 frame', Uint8Array.from([0xff, 0xfb, 0x90, 0x64, 0, 0, 0, 0, 0, 0, 0, 0]), /MP3/],
    ['an AVI', buildRiff([], { form: 'AVI ' }), /type 'AVI '/],
    ['a FLAC file', asciiBytes('fLaC\x00\x00\x00\x22xxxxxxxx'), /FLAC/],
    ['a cut-off RIFF header', asciiBytes('RIFF\x10\x00'), /cut off/],
    ['a 1-byte file', Uint8Array.of(0xff), /^only 1 byte: too short to be an audio file$/],
    ['a 2-byte file', Uint8Array.of(0xff, 0xfb), /^only 2 bytes: too short to be an audio file$/],
  ])('says %s is not a WAV file', async (_name, bytes, message) => {
    const error = await failure(bytes);
    expect(error.code).toBe('not-wav');
    expect(error.message).toMatch(message);
  });

  it.each([
    ['no fmt chunk', [{ id: 'data', body: samples(4) }], /no fmt chunk/],
    ['no data chunk', [{ id: 'fmt ', body: pcm16Mono8k }], /no data chunk/],
    ['a short fmt chunk', [{ id: 'fmt ', body: pcm16Mono8k.subarray(0, 14) }, { id: 'data', body: samples(4) }], /14 bytes/],
    ['0 channels', [{ id: 'fmt ', body: fmtBody({ formatTag: 1, channels: 0, sampleRate: 8000, bitsPerSample: 16, blockAlign: 2 }) }, { id: 'data', body: samples(4) }], /0 channels/],
    ['rate 0', [{ id: 'fmt ', body: fmtBody({ formatTag: 1, channels: 1, sampleRate: 0, bitsPerSample: 16 }) }, { id: 'data', body: samples(4) }], /0 Hz/],
    ['an IMA ADPCM block align of 0', [{ id: 'fmt ', body: fmtBody({ formatTag: 0x11, channels: 1, sampleRate: 8000, bitsPerSample: 4, blockAlign: 0 }) }, { id: 'data', body: samples(4) }], /block align/],
    ['a PCM block align of 0 and 0 bits', [{ id: 'fmt ', body: fmtBody({ formatTag: 1, channels: 1, sampleRate: 8000, bitsPerSample: 0, blockAlign: 0 }) }, { id: 'data', body: samples(4) }], /block align/],
    ['an IMA ADPCM block too small for its header', [{ id: 'fmt ', body: fmtBody({ formatTag: 0x11, channels: 2, sampleRate: 8000, bitsPerSample: 4, blockAlign: 7 }) }, { id: 'data', body: samples(14) }], /cannot hold their 8-byte header/],
  ])('refuses a file with %s as malformed', async (_name, chunks, message) => {
    const error = await failure(buildRiff(chunks as ChunkSpec[]));
    expect(error.code).toBe('malformed');
    expect(error.message).toMatch(message);
  });

  it('uses the first of duplicate fmt and data chunks', async () => {
    const file = buildRiff([
      { id: 'fmt ', body: pcm16Mono8k },
      { id: 'data', body: samples(4) },
      { id: 'fmt ', body: fmtBody({ formatTag: 1, channels: 2, sampleRate: 44100, bitsPerSample: 16 }) },
      { id: 'data', body: samples(40) },
    ]);
    const header = await read(file);
    expect(header.format.sampleRate).toBe(8000);
    expect(header.dataSize).toBe(4);
    expect(header.warnings.map((w) => w.code)).toEqual(['duplicate-chunk', 'duplicate-chunk']);
  });
});

/** Chunks that are neither fmt nor data: random ids (never 'fmt ', 'data', 'ds64') and bodies, odd sizes included. */
const otherChunk: fc.Arbitrary<ChunkSpec> = fc
  .record({
    id: fc.constantFrom('LIST', 'JUNK', 'bext', 'cue ', 'id3 ', 'smpl', 'PAD ', 'iXML', 'zzzz'),
    body: fc.uint8Array({ maxLength: 41 }),
  })
  .map(({ id, body }) => ({ id, body }));

describe('readWaveHeader, properties', () => {
  it('finds fmt and data among any other chunks, in any order', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(otherChunk, { maxLength: 6 }),
        fc.array(otherChunk, { maxLength: 6 }),
        fc.array(otherChunk, { maxLength: 6 }),
        fc.boolean(),
        fc.integer({ min: 0, max: 99 }),
        async (a, b, c, dataFirst, frames) => {
          const fmt: ChunkSpec = { id: 'fmt ', body: fmtBody({ formatTag: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8 }) };
          const data: ChunkSpec = { id: 'data', body: samples(frames) };
          const middle = dataFirst ? [data, ...b, fmt] : [fmt, ...b, data];
          const file = buildRiff([...a, ...middle, ...c]);
          const header = await read(file);
          expect(header.format.encoding).toBe('alaw');
          expect(header.dataSize).toBe(frames);
          expect([...file.subarray(header.dataOffset, header.dataOffset + frames)]).toEqual([...data.body]);
          expect(header.chunks).toHaveLength(a.length + b.length + c.length + 2);
          expect(header.warnings).toEqual([]);
        },
      ),
      { numRuns: 300 },
    );
  });

  it('never reports more than the file holds, however it is cut or its sizes lie', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(otherChunk, { maxLength: 4 }),
        fc.integer({ min: 0, max: 400 }),
        fc.option(fc.constantFrom(0, 1, 3, 0x7fffffff, 0xffffffff, 1000)),
        fc.nat(),
        async (others, frames, lie, cutSeed) => {
          const whole = buildRiff([
            ...others,
            { id: 'fmt ', body: pcm16Mono8k },
            { id: 'data', body: samples(frames * 2), declaredSize: lie ?? undefined },
          ]);
          const file = whole.subarray(0, cutSeed % (whole.length + 1));
          try {
            const header = await read(file);
            expect(header.dataOffset + header.dataSize).toBeLessThanOrEqual(file.length);
            expect(header.frames * header.format.blockAlign).toBeLessThanOrEqual(header.dataSize);
            for (const chunk of header.chunks) expect(chunk.offset + 8 + chunk.size).toBeLessThanOrEqual(file.length);
          } catch (error) {
            expect(error).toBeInstanceOf(VoiceprepError);
          }
        },
      ),
      { numRuns: 500 },
    );
  });
});
