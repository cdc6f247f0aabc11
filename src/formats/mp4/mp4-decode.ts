import { EncodedPacketSink, Input, type InputAudioTrack, LogLevel, Logging, MP4, QTFF, StreamSource } from 'mediabunny';
import { VoiceprepError } from '../../errors.js';
import type { ByteSource } from '../../source/byte-source.js';

/**
 * The AAC track of an MP4/M4A/3GP file as mediabunny demuxes it: its AudioSpecificConfig, the encoder's priming
 * that the edit list names, and its access units in order. mediabunny reads only the ranges it asks for, through
 * the ByteSource, so a declared size is never more than the file holds.
 */
export interface Mp4AacTrack {
  asc: Uint8Array;
  /** Seconds of priming before the presentation starts (the edit list's start): FFmpeg drops them. */
  primingSeconds: number;
}

// mediabunny prints what it cannot parse ("Unsupported audio codec ...") to the console; voiceprep says what went
// wrong in its own words, one line per file. (Logging is mediabunny's singleton: a program that also uses
// mediabunny, and imports voiceprep's MP4 reader, gets it silent too.)
Logging.level = LogLevel.Silent;

/** The first audio track, when it is AAC; null when the file has audio of another codec, or none. */
export async function findAacTrack(source: ByteSource): Promise<Mp4AacTrack | null> {
  return withTrack(source, async (track) => {
    const config = await track.getDecoderConfig();
    if (!config || !config.codec.startsWith('mp4a.40') || !config.description) return null;
    const description = config.description;
    const asc = ArrayBuffer.isView(description)
      ? new Uint8Array(description.buffer, description.byteOffset, description.byteLength).slice()
      : new Uint8Array(description as ArrayBuffer).slice();
    const first = await new EncodedPacketSink(track).getFirstPacket();
    return { asc, primingSeconds: first ? Math.max(0, -first.timestamp) : 0 };
  });
}

/** The access units of the first audio track, in decoding order, each a copy. */
export async function* aacUnits(source: ByteSource): AsyncGenerator<Uint8Array> {
  const input = inputOver(source);
  try {
    const track = await audioTrackOf(input);
    for await (const packet of demuxed(new EncodedPacketSink(track).packets())) yield packet.data;
  } finally {
    input.dispose();
  }
}

async function withTrack<T>(source: ByteSource, use: (track: InputAudioTrack) => Promise<T>): Promise<T> {
  const input = inputOver(source);
  try {
    return await use(await audioTrackOf(input)).catch(demuxFailure);
  } finally {
    input.dispose();
  }
}

function inputOver(source: ByteSource): Input {
  return new Input({
    formats: [MP4, QTFF],
    source: new StreamSource({
      getSize: () => source.size,
      // A ByteSource may hand back a view it reuses: mediabunny keeps what it reads in its cache.
      read: async (start, end) => (await source.read(start, end - start)).slice(),
    }),
  });
}

async function audioTrackOf(input: Input): Promise<InputAudioTrack> {
  const track = await input.getPrimaryAudioTrack().catch(demuxFailure);
  if (!track) throw new VoiceprepError('malformed', 'the MP4 file has no audio track that can be read');
  return track;
}

async function* demuxed<T>(packets: AsyncIterable<T>): AsyncGenerator<T> {
  try {
    yield* packets;
  } catch (error) {
    demuxFailure(error);
  }
}

/** mediabunny's own errors, for a file whose boxes do not hold together, as a reason in words. */
function demuxFailure(error: unknown): never {
  if (error instanceof VoiceprepError) throw error;
  const reason = error instanceof Error ? error.message : String(error);
  throw new VoiceprepError('malformed', `the MP4 file's structure cannot be read (${reason})`);
}
