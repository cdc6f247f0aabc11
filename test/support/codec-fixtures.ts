import { readFileSync } from 'node:fs';
import type { BlockCodec } from '../../src/codecs/block-codec.js';
import { createBlockCodec } from '../../src/formats/wave/block-codecs.js';
import { bytesSource } from '../../src/source/byte-source.js';
import { readWaveHeader } from '../../src/formats/wave/read-wave-header.js';
import type { WaveFormat, WaveHeader } from '../../src/formats/wave/wave-header.js';

/**
 * The files in test/fixtures/codecs: small ADPCM, GSM and VOX files and the 16-bit samples an independent decoder
 * (sox, ffmpeg or libgsm, as each name says) made of them. test/fixtures/codecs/README.md has the commands.
 */

export function fixtureBytes(name: string): Uint8Array {
  return new Uint8Array(readFileSync(new URL(`../fixtures/codecs/${name}`, import.meta.url)));
}

/** A reference decoding: raw signed 16-bit little-endian samples, read as such on any host. */
export function referenceSamples(name: string): Int16Array {
  const bytes = fixtureBytes(name);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  return Int16Array.from({ length: bytes.length / 2 }, (_, i) => view.getInt16(2 * i, true));
}

export interface WaveFixture {
  header: WaveHeader;
  codec: BlockCodec;
  /** The data chunk's bytes. */
  data: Uint8Array;
}

export async function waveFixture(name: string): Promise<WaveFixture> {
  const file = fixtureBytes(name);
  const header = await readWaveHeader(bytesSource(file));
  const codec = createBlockCodec(header.format);
  if (!codec) throw new Error(`${name} is not in a block codec`);
  return { header, codec, data: file.subarray(header.dataOffset, header.dataOffset + header.dataSize) };
}

/** Decodes all of `data` in one call, into an array of exactly the samples it holds. */
export function decodeAll(codec: BlockCodec, data: Uint8Array): Int16Array {
  const out = new Int16Array(codec.framesIn(data.length) * codec.channels);
  codec.decode(data, out);
  return out;
}

/** Decodes `data` in pieces of `blocksPerPiece` whole blocks, as a streaming reader does. */
export function decodeInPieces(codec: BlockCodec, data: Uint8Array, blocksPerPiece: number): Int16Array {
  const out = new Int16Array(codec.framesIn(data.length) * codec.channels);
  const pieceBytes = blocksPerPiece * codec.bytesPerBlock;
  let written = 0;
  for (let at = 0; at < data.length; at += pieceBytes) {
    written += codec.decode(data.subarray(at, at + pieceBytes), out.subarray(written * codec.channels));
  }
  return out;
}

/** The fmt chunk of a compressed WAVE encoding, as the header reader gives it: `fields` say which encoding. */
export function compressedFormat(fields: Partial<WaveFormat> & Pick<WaveFormat, 'formatTag' | 'encodingName'>): WaveFormat {
  return {
    effectiveTag: fields.formatTag,
    encoding: null,
    extensible: false,
    channels: 1,
    sampleRate: 8000,
    bitsPerSample: 4,
    validBitsPerSample: 4,
    blockAlign: 256,
    byteRate: 4096,
    fmtSize: 20,
    extraSize: 2,
    ...fields,
  };
}

/** The codec `create` makes of `format`, which the test expects it to accept. */
export function codecOf(create: (format: WaveFormat) => BlockCodec | null, format: WaveFormat): BlockCodec {
  const codec = create(format);
  if (!codec) throw new Error(`expected a codec for ${format.encodingName}`);
  return codec;
}
