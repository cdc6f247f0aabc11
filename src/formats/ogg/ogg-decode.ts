import { VoiceprepError } from '../../errors.js';
import type { ByteSource } from '../../source/byte-source.js';
import { type OggCodec, identifyOggCodec } from './ogg-codecs.js';
import { BEGINNING_OF_STREAM, END_OF_STREAM, PacketAssembler, pageBytes, readPages } from './ogg-pages.js';
import type { DecodedChunk, PassContext } from '../common/decoded-source.js';
import { openOpusDecoder, openVorbisDecoder } from './ogg-packet-decoders.js';

/** The logical stream to decode, chosen among the file's first pages. */
export interface OggStream {
  serial: number;
  codec: OggCodec;
}

/**
 * One pass over an Ogg Opus or Vorbis stream: voiceprep's own page reader (checksums checked, damaged pages
 * skipped) feeds the packets of the chosen stream to the codec's decoder. Where the stream starts and ends is
 * Ogg's business, in the same units as granule positions (48 kHz samples for Opus, the stream's rate for Vorbis):
 * Opus's pre-skip is dropped from the start, and the last page's granule position cuts what the final packets
 * decode beyond the true end (Vorbis and Opus both pad their last frame). Both as RFC 7845 and the Vorbis I
 * specification say, and as FFmpeg and libvorbis do.
 *
 * A chained file (RFC 3533 section 4: logical streams one after another, as joined recordings and some streams'
 * captures are) is decoded link after link, in order, each with its own decoder, pre-skip and end; a link at another
 * rate ends the pass there, with a warning (the audio so far is all at the first link's rate).
 */
export async function* decodeOgg(source: ByteSource, stream: OggStream, context: PassContext): AsyncGenerator<DecodedChunk> {
  const openDecoder = async (codec: OggCodec) => {
    const opened = codec.opusHead ? await openOpusDecoder(codec.opusHead) : await openVorbisDecoder();
    context.own(opened);
    return opened;
  };
  let decoder = await openDecoder(stream.codec);
  let serial = stream.serial;
  let lostPackets = 0;
  let skippedBytes = 0;
  let decodedAny = false;
  let failure: string | null = null;
  let assembler = new PacketAssembler(decoder.maxPacketBytes, () => lostPackets++);
  let preSkipLeft = stream.codec.opusHead?.preSkip ?? 0;
  let packetNumber = 0;
  let previousGranule = 0;
  let endOfStream = -1;
  let stoppedAtChain = false;

  // What follows the last link's end is reported once, as bytes after the end, not as damage.
  const skipped = (_: number, bytes: number) => {
    if (endOfStream < 0) skippedBytes += bytes;
  };
  pages: for await (const page of readPages(source, 0, source.size, skipped)) {
    if (endOfStream >= 0) {
      // Past a link's last page, only the first page of another link is of use: its first packet names its codec.
      if (!(page.flags & BEGINNING_OF_STREAM)) continue;
      const codec = identifyOggCodec(page.body);
      if (codec.name !== 'Opus' && codec.name !== 'Vorbis') continue;
      if (codec.sampleRate !== stream.codec.sampleRate) {
        context.warn('chain-rate', `the file chains another ${codec.name} stream at ${codec.sampleRate} Hz after the first one's ${stream.codec.sampleRate} Hz; only the audio before it is converted`);
        stoppedAtChain = true;
        break;
      }
      decoder = await openDecoder(codec);
      assembler = new PacketAssembler(decoder.maxPacketBytes, () => lostPackets++);
      [serial, preSkipLeft, packetNumber, previousGranule, endOfStream] = [page.serial, codec.opusHead?.preSkip ?? 0, 0, 0, -1];
    }
    if (page.serial !== serial) continue;
    const last = (page.flags & END_OF_STREAM) !== 0;
    // What the last page's packets may add: its granule position less the one before it. A granule position that
    // goes backwards is damage, and is not trusted to cut anything.
    let allowed = last && page.granule >= previousGranule ? page.granule - previousGranule : Infinity;
    for (const packet of assembler.packetsOf(page)) {
      const number = packetNumber++;
      if (number < decoder.headerPackets) {
        decoder.header(number, packet);
        continue;
      }
      if (!packet) {
        lostPackets++;
        continue;
      }
      let chunk: DecodedChunk | null;
      try {
        chunk = await decoder.decode(packet);
      } catch (error) {
        if (error instanceof VoiceprepError) throw error;
        failure = error instanceof Error ? error.message : String(error);
        break pages;
      }
      if (!chunk) continue;
      const length = chunk[0].length;
      const from = Math.min(preSkipLeft, length);
      const to = Math.min(length, allowed);
      preSkipLeft -= from;
      allowed -= length;
      if (from < to) {
        decodedAny = true;
        yield chunk.map((samples) => samples.subarray(from, to));
      }
    }
    if (page.granule >= 0) previousGranule = page.granule;
    if (last) endOfStream = page.offset + pageBytes(page);
  }

  if (failure) {
    const where = `the ${stream.codec.name} stream could not be decoded to its end (${failure})`;
    if (!decodedAny) throw new VoiceprepError('malformed', where);
    context.warn('decoder-failed', `${where}; the audio before the damage is kept`);
  }
  const damaged = lostPackets + decoder.complaints;
  if (damaged > 0) context.warn('damaged-packets', `${damaged} damaged or lost ${stream.codec.name} packet(s) were skipped`);
  if (skippedBytes > 0) context.warn('damaged-pages', `${skippedBytes} byte(s) that are not valid Ogg pages were skipped`);
  if (endOfStream < 0 && !failure) context.warn('truncated', 'the stream has no last page (the file was cut short); what its whole pages hold is converted');
  else if (endOfStream >= 0 && endOfStream < source.size && !stoppedAtChain) {
    context.warn('after-end', `${source.size - endOfStream} byte(s) after the end of the ${stream.codec.name} stream are ignored`);
  }
}
