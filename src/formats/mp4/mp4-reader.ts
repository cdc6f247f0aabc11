import { mp4Format } from './format.js';
import { recognizesMp4 } from './signature.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import { DecodedSource } from '../common/decoded-source.js';
import type { FormatSummary } from '../../source/format-summary.js';
import { VoiceprepError } from '../../errors.js';
import { printable } from '../common/sniff.js';
import { toWavCommand } from '../common/unsupported-format.js';

/**
 * MP4, M4A, MOV and 3GP files (ISO/IEC 14496-12 boxes, 'ftyp' first): their audio is nearly always AAC, which is
 * decoded (mediabunny demuxes, FAAD2 decodes, both loaded only when such a file is opened); other codecs are
 * described and refused. The description's box walk reads box headers only, and the few small boxes that describe
 * the first audio track; a box's declared size moves the walk but never sizes a read beyond what is there.
 */

const BOX_HEADER_BYTES = 8;
/** Enough for the first entries of mdhd, hdlr and stsd. */
const SMALL_BOX_BYTES = 256;
/** A real file has tens of boxes on that path; garbage that parses as tiny boxes stops here. */
const MAX_BOXES = 1024;

/** Sample entry types (codecs) people meet in MP4 audio. */
const CODEC_NAMES: ReadonlyMap<string, string> = new Map([
  ['mp4a', 'AAC'],
  ['alac', 'ALAC'],
  ['ac-3', 'AC-3'],
  ['ec-3', 'E-AC-3'],
  ['Opus', 'Opus'],
  ['fLaC', 'FLAC'],
  ['samr', 'AMR'],
  ['sawb', 'AMR-WB'],
  ['.mp3', 'MP3'],
  ['ulaw', 'mu-law'],
  ['alaw', 'A-law'],
  ['lpcm', 'PCM'],
  ['sowt', 'PCM'],
  ['twos', 'PCM'],
]);

interface AudioTrack {
  /** The codec's name, from the sample entry's type. */
  codec: string | null;
  sampleRate: number;
  channels: number;
  seconds: number | null;
}

export const mp4Reader: AudioFormatReader = {
  name: mp4Format.name,
  recognizes: recognizesMp4,

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const track = await findAudioTrack(source);
    return { format: summarize(track), seconds: track?.seconds ?? null };
  },

  async open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    const track = await findAudioTrack(source);
    if (!track) throw new VoiceprepError('malformed', 'the MP4 file holds no sound track (a video without sound, or a file cut short before its index)');
    if (track.codec !== 'AAC') {
      throw new VoiceprepError(
        'unsupported-encoding',
        `an MP4 file of ${track.codec ?? 'unknown'} audio, which voiceprep does not decode (MP4 with AAC it does); ` +
          `convert it to WAV first, for example: ${toWavCommand(options, 'm4a')}`,
      );
    }
    const [{ findAacTrack, aacUnits }, { openFaad, decodeAac }] = await Promise.all([import('./mp4-decode.js'), import('../common/aac-decode.js')]);
    const aac = await findAacTrack(source);
    if (!aac) throw new VoiceprepError('malformed', "the MP4 file's AAC track has no decoder configuration (esds box)");
    // The output's rate and channels are FAAD2's (HE-AAC comes out at twice its core rate).
    const faad = await openFaad(aac.asc);
    const { sampleRate, channels } = faad;
    faad.free();
    return new DecodedSource({
      format: { ...summarize(track), sampleRate, channels },
      frames: Math.round((track.seconds ?? 0) * sampleRate),
      exactFrames: false,
      warnings: [],
      pass: (context) => {
        const placement = { priming: Math.round(aac.primingSeconds * sampleRate), declaredFrames: Math.round((track.seconds ?? 0) * sampleRate) };
        return decodeAac(aac.asc, aacUnits(source), placement, context);
      },
    });
  },
};

function summarize(track: AudioTrack | null): FormatSummary {
  return {
    container: 'MP4',
    encoding: track?.codec ?? (track ? 'unknown' : 'no audio'),
    formatTag: null,
    extensible: false,
    sampleRate: track?.sampleRate ?? 0,
    channels: track?.channels ?? 0,
    bitsPerSample: null,
  };
}

interface Box {
  type: string;
  bodyStart: number;
  end: number;
}

/** Counts the box headers read, so that a file of garbage that parses as tiny boxes stops. */
interface WalkBudget {
  boxes: number;
}

/** The first track whose handler is 'soun', or null when the file has none. */
async function findAudioTrack(source: ByteSource): Promise<AudioTrack | null> {
  const budget: WalkBudget = { boxes: 0 };
  const whole: Box = { type: '', bodyStart: 0, end: source.size };
  const moov = await findChild(source, whole, 'moov', budget);
  if (!moov) return null;
  let trak = await findChild(source, moov, 'trak', budget);
  for (; trak; trak = await findChild(source, moov, 'trak', budget, trak.end)) {
    const mdia = await findChild(source, trak, 'mdia', budget);
    const hdlr = mdia && (await findChild(source, mdia, 'hdlr', budget));
    if (!mdia || !hdlr || ascii(await smallBody(source, hdlr), 8, 4) !== 'soun') continue;
    const mdhd = await findChild(source, mdia, 'mdhd', budget);
    const minf = await findChild(source, mdia, 'minf', budget);
    const stbl = minf && (await findChild(source, minf, 'stbl', budget));
    const stsd = stbl && (await findChild(source, stbl, 'stsd', budget));
    const entry = stsd ? parseSampleEntry(await smallBody(source, stsd)) : null;
    return {
      codec: entry?.codec ?? null,
      sampleRate: entry?.sampleRate ?? 0,
      channels: entry?.channels ?? 0,
      seconds: mdhd ? parseMediaDuration(await smallBody(source, mdhd)) : null,
    };
  }
  return null;
}

/** The first box of `type` among the children of `parent`, from `from` on. */
async function findChild(source: ByteSource, parent: Box, type: string, budget: WalkBudget, from = parent.bodyStart): Promise<Box | null> {
  for (let offset = from; offset + BOX_HEADER_BYTES <= parent.end && budget.boxes < MAX_BOXES; budget.boxes++) {
    const box = await readBoxHeader(source, offset, parent.end);
    if (!box) return null;
    if (box.type === type) return box;
    offset = box.end;
  }
  return null;
}

/** A box header: a 32-bit size (1: a 64-bit size follows; 0: to the end) and a type. */
async function readBoxHeader(source: ByteSource, offset: number, parentEnd: number): Promise<Box | null> {
  const header = await source.read(offset, 16);
  if (header.length < BOX_HEADER_BYTES) return null;
  const view = new DataView(header.buffer, header.byteOffset, header.byteLength);
  let size = view.getUint32(0);
  let bodyStart = offset + BOX_HEADER_BYTES;
  if (size === 1) {
    if (header.length < 16) return null;
    size = view.getUint32(8) * 2 ** 32 + view.getUint32(12);
    bodyStart += 8;
  } else if (size === 0) {
    size = parentEnd - offset;
  }
  if (size < bodyStart - offset) return null;
  return { type: ascii(header, 4, 4), bodyStart, end: Math.min(parentEnd, offset + size) };
}

async function smallBody(source: ByteSource, box: Box): Promise<Uint8Array> {
  return (await source.read(box.bodyStart, Math.min(SMALL_BOX_BYTES, box.end - box.bodyStart))).slice();
}

/** mdhd: version and flags, then (32 or 64-bit) times, the timescale and the duration in its units. */
function parseMediaDuration(body: Uint8Array): number | null {
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const longTimes = body[0] === 1;
  const timescaleAt = longTimes ? 20 : 12;
  if (body.length < timescaleAt + (longTimes ? 12 : 8)) return null;
  const timescale = view.getUint32(timescaleAt);
  const duration = longTimes ? view.getUint32(timescaleAt + 4) * 2 ** 32 + view.getUint32(timescaleAt + 8) : view.getUint32(timescaleAt + 4);
  return timescale > 0 ? duration / timescale : null;
}

/**
 * stsd: version and flags, the entry count, then the first sample entry: its size and type (the codec), six
 * reserved bytes and a reference index, eight more (version, revision, vendor), then channels, sample size, two
 * more fields and the rate in 16.16 fixed point, then the entry's own boxes. MP4 (unlike QuickTime) fixes the
 * channel field at 2 for every file: for AAC the real layout is in the esds box's AudioSpecificConfig.
 */
function parseSampleEntry(body: Uint8Array): { codec: string; sampleRate: number; channels: number } | null {
  const entry = 8;
  const entryFields = 36;
  if (body.length < entry + entryFields) return null;
  const view = new DataView(body.buffer, body.byteOffset, body.byteLength);
  const type = ascii(body, entry + 4, 4);
  const described = {
    codec: CODEC_NAMES.get(type) ?? printable(type),
    channels: view.getUint16(entry + 24),
    sampleRate: view.getUint16(entry + 32),
  };
  const entryEnd = Math.min(body.length, entry + view.getUint32(entry));
  for (let box = entry + entryFields; box + BOX_HEADER_BYTES <= entryEnd; ) {
    const size = view.getUint32(box);
    if (size < BOX_HEADER_BYTES) break;
    if (ascii(body, box + 4, 4) === 'esds') {
      const config = audioSpecificConfig(body.subarray(box + 12, Math.min(entryEnd, box + size)));
      return config ? { ...described, ...config } : described;
    }
    box += size;
  }
  return described;
}

const AAC_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];
const ES_DESCRIPTOR = 0x03;
const DECODER_CONFIG = 0x04;
const DECODER_SPECIFIC_INFO = 0x05;

/**
 * The rate and channel configuration of an AudioSpecificConfig (ISO/IEC 14496-3), found through the esds
 * descriptors (ISO/IEC 14496-1): ES_Descriptor, DecoderConfigDescriptor, DecoderSpecificInfo.
 */
function audioSpecificConfig(descriptors: Uint8Array): { sampleRate: number; channels: number } | null {
  let at = 0;
  const enter = (tag: number): boolean => {
    if (descriptors[at] !== tag) return false;
    at++;
    // The length: up to four bytes of seven bits, the top bit saying another follows.
    for (let i = 0; i < 4; i++) {
      const byte = descriptors[at++];
      if (!(byte & 0x80)) break;
    }
    return at < descriptors.length;
  };
  if (!enter(ES_DESCRIPTOR)) return null;
  const flags = descriptors[at + 2];
  at += 3;
  if (flags & 0x80) at += 2;
  if (flags & 0x40) at += 1 + (descriptors[at] ?? 0);
  if (flags & 0x20) at += 2;
  if (!enter(DECODER_CONFIG)) return null;
  at += 13;
  if (!enter(DECODER_SPECIFIC_INFO) || at + 2 > descriptors.length) return null;
  const bits = (descriptors[at] << 8) | descriptors[at + 1];
  const objectType = bits >> 11;
  const rateIndex = (bits >> 7) & 0x0f;
  // The common layout only: an escaped object type or an explicit 24-bit rate shift the fields.
  if (objectType === 31 || rateIndex >= AAC_RATES.length) return null;
  return { sampleRate: AAC_RATES[rateIndex], channels: (bits >> 3) & 0x0f };
}

function ascii(bytes: Uint8Array, at: number, length: number): string {
  return String.fromCharCode(...bytes.subarray(at, at + length));
}
