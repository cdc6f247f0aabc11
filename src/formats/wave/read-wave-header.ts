import { createBlockCodec } from './block-codecs.js';
import type { FileBytes } from '../../arguments.js';
import { VoiceprepError } from '../../errors.js';
import { ascii } from '../common/ascii.js';
import { type ChunkLayout, walkChunks } from '../common/chunk-walker.js';
import { type ByteSource, sourceArgument } from '../../source/byte-source.js';
import { isMpegTag } from './format-tags.js';
import { FMT_MAX_USEFUL_BYTES, parseFmt } from './parse-fmt.js';
import { identifyNonWave, printable } from '../common/sniff.js';
import type { ChunkInfo, WaveFormat, WaveHeader, WaveWarning } from './wave-header.js';

const CHUNK_HEADER_BYTES = 8;
/** ds64: RIFF size, data size, sample count (64 bits each) and the table length. */
const DS64_MIN_BYTES = 28;
const UNSET_32 = 0xffffffff;

interface Ds64 {
  riffSize: number;
  dataSize: number;
}

/**
 * Reads a WAVE file's structure without touching its samples. The walk is defensive in the way of mediabunny's
 * wave demuxer: every declared size is clamped to the bytes the file holds, chunks may come in any order, unknown
 * chunks are skipped wherever they stand, a writer that forgot a pad byte is tolerated, and nothing is ever
 * allocated by a size read from the file. RIFX files (RIFF with every number big-endian, which sox reads and
 * writes) are read the same way. Throws a VoiceprepError ('not-wav' or 'malformed') when the file cannot be used;
 * everything it merely works around is listed in `warnings`.
 */
export async function readWaveHeader(input: ByteSource | FileBytes): Promise<WaveHeader> {
  const source = sourceArgument(input, 'source');
  const fileSize = source.size;
  const start = copy(await source.read(0, 12));
  const magic = ascii(start, 0, 4);
  if (start.length < 12 || !['RIFF', 'RF64', 'BW64', 'RIFX'].includes(magic) || ascii(start, 8, 4) !== 'WAVE') {
    throw new VoiceprepError('not-wav', identifyNonWave(start, fileSize));
  }
  const container = magic as WaveHeader['container'];
  const bigEndian = container === 'RIFX';
  const warnings: WaveWarning[] = [];
  const chunks: ChunkInfo[] = [];
  const view = new DataView(start.buffer, start.byteOffset, start.byteLength);
  let declaredRiffSize = view.getUint32(4, !bigEndian);
  let ds64: Ds64 | null = null;
  let format: WaveFormat | null = null;
  let data: ChunkInfo | null = null;
  let factSamples: number | null = null;

  const layout: ChunkLayout<'u32le' | 'u32be'> = { sizeField: bigEndian ? 'u32be' : 'u32le', padOddSizes: true };
  for await (const walked of walkChunks(source, { layout, start: 12, warnings })) {
    const { id, offset, bodyOffset, available } = walked;
    // ds64 may stand in for the declared size, and WAV has its own rules for the size (unset data sizes) and for
    // where the next chunk starts (a missing pad byte): both are worked out here, not taken from the walker
    let declaredSize = walked.declaredSize;

    if (walked.index === 0 && (container === 'RF64' || container === 'BW64')) {
      if (id !== 'ds64') throw new VoiceprepError('malformed', `an ${container} file must start with a ds64 chunk; found '${printable(id)}'`);
      ds64 = parseDs64(await source.read(bodyOffset, Math.min(declaredSize, DS64_MIN_BYTES)));
      if (declaredRiffSize === UNSET_32) declaredRiffSize = ds64.riffSize;
    }
    if (id === 'data' && ds64 && declaredSize === UNSET_32) declaredSize = ds64.dataSize;

    const restOfFile =
      id === 'data' &&
      data === null &&
      available > 0 &&
      (declaredSize === UNSET_32 || (declaredSize === 0 && !startsWithChunk(await source.read(bodyOffset, 8), available, bigEndian)));
    if (restOfFile) {
      warn(warnings, 'data-size-unset', `the data chunk's size is ${declaredSize === 0 ? '0' : '0xFFFFFFFF'} (a recording that was cut off?); reading to the end of the file`);
    } else if (declaredSize > available) {
      const code = id === 'data' ? 'data-truncated' : 'chunk-truncated';
      warn(warnings, code, `the '${printable(id)}' chunk declares ${declaredSize} bytes but the file holds only ${available}`);
    }
    const size = restOfFile ? available : Math.min(declaredSize, available);
    const next = nextChunkOffset(bodyOffset, size, fileSize, await source.read(bodyOffset + size, 5));
    const chunk: ChunkInfo = { id: printable(id), offset, declaredSize, size, padded: next.padded };
    chunks.push(chunk);
    if (next.missingPad) warn(warnings, 'missing-pad', `the odd-sized '${chunk.id}' chunk has no pad byte after it`);

    if (id === 'fmt ') {
      if (format) warn(warnings, 'duplicate-chunk', `a second fmt chunk at byte ${offset} is ignored`);
      else format = parseFmt(copy(await source.read(bodyOffset, Math.min(size, FMT_MAX_USEFUL_BYTES))), declaredSize, { bigEndian, warnings });
    } else if (id === 'data') {
      if (data) warn(warnings, 'duplicate-chunk', `a second data chunk at byte ${offset} is ignored`);
      else data = chunk;
    } else if (id === 'fact' && size >= 4 && factSamples === null) {
      const body = await source.read(bodyOffset, 4);
      factSamples = new DataView(body.buffer, body.byteOffset, 4).getUint32(0, !bigEndian);
    }
    if (restOfFile) break;
    walked.next = next.offset;
  }

  if (!format) throw new VoiceprepError('malformed', 'there is no fmt chunk');
  if (!data) throw new VoiceprepError('malformed', 'there is no data chunk');
  checkTail(chunks, fileSize, declaredRiffSize, warnings);
  const dataOffset = data.offset + CHUNK_HEADER_BYTES;
  let frames: number;
  if (isMpegTag(format.effectiveTag)) {
    // The stream, not the fmt chunk, says what it is and how long (its first frames, its tag and its end are read).
    // Loaded here only: reading plain WAV files never pays for the MP3 reader.
    const { describeMpegData } = await import('./mpeg-in-wave.js');
    const stream = await describeMpegData(source, dataOffset, data.size);
    format = { ...format, encodingName: stream.encoding, sampleRate: stream.sampleRate, channels: stream.channels };
    frames = stream.frames;
  } else {
    frames = countFrames(format, data.size, warnings);
  }

  return {
    container,
    fileSize,
    declaredRiffSize,
    format,
    dataOffset,
    dataSize: data.size,
    declaredDataSize: data.declaredSize,
    frames,
    factSamples,
    chunks,
    warnings,
  };
}

/**
 * Where the next chunk starts. An odd-sized body is followed by a pad byte, but some writers leave it out; when
 * the byte after the body looks like the start of a chunk id and the padded position does not, the pad is missing.
 */
function nextChunkOffset(
  bodyOffset: number,
  size: number,
  fileSize: number,
  after: Uint8Array,
): { offset: number; padded: boolean; missingPad: boolean } {
  const end = bodyOffset + size;
  if (size % 2 === 0) return { offset: end, padded: false, missingPad: false };
  if (end >= fileSize) return { offset: end, padded: false, missingPad: true };
  const unpaddedLooksRight = looksLikeChunkId(after.subarray(0, 4));
  const paddedLooksRight = looksLikeChunkId(after.subarray(1, 5));
  if (unpaddedLooksRight && !paddedLooksRight) return { offset: end, padded: false, missingPad: true };
  return { offset: end + 1, padded: true, missingPad: false };
}

/**
 * Whether `bytes` read like a chunk header whose body fits in `available` bytes. A data size of 0 followed by a
 * real chunk is an empty data chunk; followed by anything else it is a recorder that never came back to fill it in.
 */
function startsWithChunk(bytes: Uint8Array, available: number, bigEndian: boolean): boolean {
  if (bytes.length < CHUNK_HEADER_BYTES || !looksLikeChunkId(bytes.subarray(0, 4))) return false;
  return new DataView(bytes.buffer, bytes.byteOffset, 8).getUint32(4, !bigEndian) <= available - CHUNK_HEADER_BYTES;
}

function looksLikeChunkId(bytes: Uint8Array): boolean {
  return bytes.length === 4 && bytes.every((b) => b >= 0x20 && b <= 0x7e);
}

function parseDs64(body: Uint8Array): Ds64 {
  if (body.length < DS64_MIN_BYTES) {
    throw new VoiceprepError('malformed', `the ds64 chunk holds ${body.length} bytes; ${DS64_MIN_BYTES} are needed`);
  }
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const u64 = (at: number) => view.getUint32(at, true) + view.getUint32(at + 4, true) * 2 ** 32;
  return { riffSize: u64(0), dataSize: u64(8) };
}

function checkTail(chunks: ChunkInfo[], fileSize: number, declaredRiffSize: number, warnings: WaveWarning[]): void {
  const last = chunks[chunks.length - 1];
  const walkedTo = last ? last.offset + CHUNK_HEADER_BYTES + last.size + (last.padded ? 1 : 0) : 12;
  if (walkedTo < fileSize && fileSize - walkedTo < CHUNK_HEADER_BYTES) {
    warn(warnings, 'trailing-bytes', `${fileSize - walkedTo} byte(s) after the last chunk are ignored`);
  }
  // A file cut short already has a warning that says so; its RIFF size is wrong for the same reason.
  const explained = warnings.some((w) => ['data-size-unset', 'data-truncated', 'chunk-truncated'].includes(w.code));
  if (declaredRiffSize + 8 !== fileSize && !explained) {
    warn(warnings, 'riff-size', `the RIFF header declares ${declaredRiffSize + 8} bytes but the file has ${fileSize}`);
  }
}

/**
 * Counts the frames the data holds and warns about what does not add up. A block codec's final partial block is
 * decoded as far as it goes (as sox and ffmpeg do), so only a remainder too short to hold a single frame is lost.
 * sox counts the pad byte after an odd number of GSM blocks in the data size: one byte after blocks of an odd size
 * is that, not damage.
 */
function countFrames(format: WaveFormat, dataSize: number, warnings: WaveWarning[]): number {
  const rest = dataSize % format.blockAlign;
  const codec = createBlockCodec(format);
  let frames: number;
  if (codec) {
    const padByte = rest === 1 && format.blockAlign % 2 === 1;
    if (rest > 0 && !padByte && codec.framesIn(rest) === 0) {
      warn(warnings, 'partial-frame', `the data ends ${rest} byte(s) into a block, too few to decode; they are ignored`);
    }
    frames = codec.framesIn(dataSize);
  } else {
    if (rest !== 0) warn(warnings, 'partial-frame', `the data ends ${rest} byte(s) into a frame; they are ignored`);
    frames = Math.floor(dataSize / format.blockAlign);
  }
  if (format.encoding && format.byteRate !== format.sampleRate * format.blockAlign) {
    warn(warnings, 'byte-rate', `the fmt chunk's byte rate ${format.byteRate} is not ${format.sampleRate} x ${format.blockAlign}`);
  }
  return frames;
}

function warn(warnings: WaveWarning[], code: WaveWarning['code'], message: string): void {
  warnings.push({ code, message });
}

/** The source may hand back a view into a reused buffer; what we keep past the next read must be copied. */
function copy(bytes: Uint8Array): Uint8Array {
  return bytes.slice();
}
