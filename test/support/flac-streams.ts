import { FLACDecoder } from '@wasm-audio-decoders/flac';
import { bytesSource } from '../../src/source/byte-source.js';
import type { PassContext } from '../../src/formats/common/decoded-source.js';
import { crc8, crc16 } from '../../src/formats/common/crc.js';
import { decodeFlac } from '../../src/formats/flac/flac-decode.js';
import { parseFlacFrameHeader, readFlacLayout } from '../../src/formats/flac/flac-stream.js';
import { concat } from '../../src/stage/chain.js';

/** The FLAC fixtures (make-flac-fixtures.mjs): FFmpeg's and sox's FLAC in every mode the encoder has. */
export const FLAC_FIXTURES = new URL('../fixtures/flac/', import.meta.url);

export interface Decoded {
  channels: Float32Array[];
  warnings: string[];
}

/** Our decoder's whole pass, its chunks joined. */
export async function decodeOurs(bytes: Uint8Array): Promise<Decoded> {
  const source = bytesSource(bytes);
  const layout = await readFlacLayout(source);
  const warnings: string[] = [];
  const context: PassContext = { own: () => undefined, warn: (code) => warnings.push(code) };
  const parts: Float32Array[][] = [];
  for await (const chunk of decodeFlac(source, layout, context)) {
    chunk.forEach((samples, channel) => (parts[channel] ??= []).push(samples.slice()));
  }
  return { channels: parts.map((list) => concat(list)), warnings };
}

/** libFLAC's (@wasm-audio-decoders/flac) decode of the whole file, scaled as the decoder it replaced scaled it. */
export async function decodeLibFlac(bytes: Uint8Array): Promise<Float32Array[]> {
  const decoder = new FLACDecoder();
  await decoder.ready;
  const decoded = await decoder.decodeFile(bytes);
  decoder.free();
  const half = 2 ** (decoded.bitDepth - 1);
  return decoded.channelData.map((channel) => Float32Array.from(channel, (x) => Math.round(x * (half - 1)) / half));
}

/** The first sample where the two differ, as text, or null when every channel is identical. */
export function firstDifference(ours: Float32Array[], theirs: Float32Array[]): string | null {
  if (ours.length !== theirs.length) return `${ours.length} channels, not ${theirs.length}`;
  for (let c = 0; c < ours.length; c++) {
    if (ours[c].length !== theirs[c].length) return `channel ${c}: ${ours[c].length} samples, not ${theirs[c].length}`;
    for (let i = 0; i < ours[c].length; i++) {
      if (!Object.is(ours[c][i], theirs[c][i])) return `channel ${c} sample ${i}: ${ours[c][i]}, not ${theirs[c][i]}`;
    }
  }
  return null;
}

/**
 * The same frames in a stream of variable block size: each header's frame number becomes its first sample's
 * number (coded like UTF-8), with both checksums recomputed.
 */
export function toVariableBlockSize(bytes: Uint8Array): Uint8Array {
  const starts = frameStarts(bytes);
  const parts: Uint8Array[] = [bytes.subarray(0, starts[0])];
  let sample = 0;
  for (let i = 0; i < starts.length; i++) {
    const frame = bytes.subarray(starts[i], i + 1 < starts.length ? starts[i + 1] : bytes.length);
    const numberBytes = utf8Length(frame[4]);
    const header = parseFlacFrameHeader(frame, 0, 0);
    if (!header) throw new Error('not a frame');
    const number = utf8Number(sample);
    const rebuilt = new Uint8Array(frame.length - numberBytes + number.length);
    rebuilt.set(frame.subarray(0, 4));
    rebuilt[1] |= 1;
    rebuilt.set(number, 4);
    rebuilt.set(frame.subarray(4 + numberBytes), 4 + number.length);
    const headerEnd = headerLength(rebuilt);
    rebuilt[headerEnd - 1] = crc8(rebuilt, 0, headerEnd - 1);
    const sum = crc16(rebuilt, 0, rebuilt.length - 2);
    rebuilt[rebuilt.length - 2] = sum >> 8;
    rebuilt[rebuilt.length - 1] = sum & 0xff;
    parts.push(rebuilt);
    sample += header.blockSize;
  }
  const out = new Uint8Array(parts.reduce((sum, part) => sum + part.length, 0));
  let at = 0;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

/** Where each frame starts: a valid header whose previous frame's CRC-16 checks out up to it. */
export function frameStarts(bytes: Uint8Array): number[] {
  const first = bytes.findIndex((byte, at) => byte === 0xff && parseFlacFrameHeader(bytes, at, 0) !== null);
  const starts = [first];
  for (let at = first + 2; at < bytes.length; at++) {
    if (bytes[at] !== 0xff || !parseFlacFrameHeader(bytes, at, 0)) continue;
    const previous = starts[starts.length - 1];
    if (crc16(bytes, previous, at - 2) === ((bytes[at - 2] << 8) | bytes[at - 1])) starts.push(at);
  }
  return starts;
}

function utf8Length(first: number): number {
  let length = 0;
  while (first & (0x80 >> length)) length++;
  return Math.max(1, length);
}

function utf8Number(value: number): number[] {
  if (value < 0x80) return [value];
  const tail: number[] = [];
  let rest = value;
  let room = 0x3f; // what the first byte holds besides its length marker, shrinking as the code grows
  while (rest > room >> 1) {
    tail.unshift(0x80 | (rest & 0x3f));
    rest = Math.floor(rest / 64);
    room >>= 1;
  }
  const length = tail.length + 1;
  return [((0xff << (8 - length)) & 0xff) | rest, ...tail];
}

/** The header's length, its CRC-8 byte included (the fields after the coded number as the codes say). */
function headerLength(frame: Uint8Array): number {
  let at = 4 + utf8Length(frame[4]);
  const blockCode = frame[2] >> 4;
  const rateCode = frame[2] & 15;
  if (blockCode === 6) at += 1;
  if (blockCode === 7) at += 2;
  if (rateCode === 12) at += 1;
  if (rateCode === 13 || rateCode === 14) at += 2;
  return at + 1;
}
