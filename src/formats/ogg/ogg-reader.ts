import { DecodedSource } from '../common/decoded-source.js';
import type { OggStream } from './ogg-decode.js';
import { VoiceprepError } from '../../errors.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat } from '../../source/audio-source.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FormatSummary } from '../../source/format-summary.js';
import { oggFormat } from './format.js';
import { recognizesOgg } from './signature.js';
import { type OggCodec, identifyOggCodec } from './ogg-codecs.js';
import { BEGINNING_OF_STREAM, END_OF_STREAM, findLastGranulePage, readPages } from './ogg-pages.js';
import { toWavCommand } from '../common/unsupported-format.js';

/** A file multiplexing more streams than this before its audio is not a voice prompt. */
const MAX_FIRST_PAGES = 16;
const DECODED = ['Opus', 'Vorbis'];
const TRUNCATED = 'the stream has no last page (the file was cut short); what its whole pages hold is converted';

/** Ogg Vorbis and Ogg Opus (.ogg, .oga, .opus): one reader for the container, the codec named by its first page. */
export const oggReader: AudioFormatReader = {
  name: oggFormat.name,
  recognizes: recognizesOgg,

  async probe(source: ByteSource): Promise<ProbedFormat> {
    const stream = await chooseStream(source);
    const last = await findLastGranulePage(source, stream.serial);
    const seconds = last && stream.codec.sampleRate > 0 ? framesAt(last.granule, stream) / stream.codec.sampleRate : null;
    return { format: summarize(stream.codec), seconds };
  },

  async open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    const stream = await chooseStream(source);
    if (!DECODED.includes(stream.codec.name)) {
      throw new VoiceprepError(
        'unsupported-encoding',
        `an Ogg file of ${stream.codec.name}, which voiceprep does not decode (Opus and Vorbis it does); convert it to WAV first, for example: ${toWavCommand(options, 'ogg')}`,
      );
    }
    const last = await findLastGranulePage(source, stream.serial);
    const ended = last !== null && (last.flags & END_OF_STREAM) !== 0;
    const { decodeOgg } = await import('./ogg-decode.js');
    return new DecodedSource({
      format: summarize(stream.codec),
      frames: last ? framesAt(last.granule, stream) : 0,
      // The last granule position is the length, unless a page lost to damage took audio with it; it is not
      // promised in advance.
      exactFrames: false,
      warnings: ended ? [] : [{ code: 'truncated', message: TRUNCATED }],
      pass: (context) => decodeOgg(source, stream, context),
    });
  },
};

function summarize(codec: OggCodec): FormatSummary {
  return {
    container: 'Ogg',
    encoding: codec.name,
    formatTag: null,
    extensible: false,
    sampleRate: codec.sampleRate,
    channels: codec.channels,
    bitsPerSample: codec.bitsPerSample,
  };
}

/**
 * The first Opus or Vorbis stream among the beginning-of-stream pages, which come first in an Ogg file (RFC 3533);
 * without one, the first stream of any kind, so that the file can at least be described.
 */
async function chooseStream(source: ByteSource): Promise<OggStream> {
  let other: OggStream | null = null;
  let pages = 0;
  for await (const page of readPages(source, 0, source.size, () => undefined)) {
    if (!(page.flags & BEGINNING_OF_STREAM) || ++pages > MAX_FIRST_PAGES) break;
    // A beginning-of-stream page holds exactly its stream's first packet.
    const codec = identifyOggCodec(page.body);
    if (DECODED.includes(codec.name)) return { serial: page.serial, codec };
    other ??= { serial: page.serial, codec };
  }
  if (other) return other;
  throw new VoiceprepError('malformed', 'the Ogg file has no valid first page');
}

/** The stream's length at a granule position: Opus counts its pre-skip in it. */
function framesAt(granule: number, stream: OggStream): number {
  return Math.max(0, granule - (stream.codec.opusHead?.preSkip ?? 0));
}
