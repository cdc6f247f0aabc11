import { OggVorbisDecoder } from '@wasm-audio-decoders/ogg-vorbis';
import { OpusDecoder } from 'opus-decoder';
import { VoiceprepError } from '../../errors.js';
import { OPUS_RATE, type OpusHead } from './ogg-codecs.js';
import type { DecodedChunk, Freeable } from '../common/decoded-source.js';
import { hushed } from '../common/hushed.js';

/** Decodes the packets of one Ogg logical stream, one at a time, in order. */
export interface PacketDecoder extends Freeable {
  /** How many packets at the start of the stream are headers rather than audio. */
  readonly headerPackets: number;
  /** Packets larger than this would overflow the decoder's input buffer. */
  readonly maxPacketBytes: number;
  /** Header packet number `index`; null when it was too large to keep (a comment packet with cover art). */
  header(index: number, packet: Uint8Array | null): void;
  /** The audio of one packet, or null when it holds none; counts what the decoder complained about. */
  decode(packet: Uint8Array): Promise<DecodedChunk | null>;
  /** Packets the decoder reported as damaged so far. */
  readonly complaints: number;
}

/**
 * Opus through opus-decoder (libopus), at 48 kHz. Pre-skip and end trimming are the Ogg layer's work (they are
 * counted in the same 48 kHz samples as granule positions), so the decoder is told no pre-skip; the output gain
 * of the OpusHead, which libopus leaves to the caller, is applied here.
 */
export async function openOpusDecoder(head: OpusHead): Promise<PacketDecoder> {
  const decoder = new OpusDecoder({
    sampleRate: OPUS_RATE,
    channels: head.channels,
    streamCount: head.streamCount,
    coupledStreamCount: head.coupledStreamCount,
    channelMappingTable: head.channelMapping,
    preSkip: 0,
  });
  await decoder.ready;
  const gain = 10 ** (head.outputGainDb / 20);
  let complaints = 0;
  return {
    headerPackets: 2,
    // opus-decoder's input buffer: 120 ms at 256 kbps per channel, the most libopus ever produces.
    maxPacketBytes: Math.floor(32000 * 0.12 * head.channels),
    header: () => undefined,
    async decode(packet) {
      const decoded = hushed(() => decoder.decodeFrame(packet), () => complaints++);
      if (decoded.samplesDecoded === 0) return null;
      if (gain !== 1) {
        for (const channel of decoded.channelData) {
          for (let i = 0; i < channel.length; i++) channel[i] *= gain;
        }
      }
      return decoded.channelData;
    },
    get complaints() {
      return complaints;
    },
    free: () => decoder.free(),
  };
}

/** What @wasm-audio-decoders/ogg-vorbis reads of codec-parser's page objects (their fields are plain names). */
interface VorbisPage {
  data: Uint8Array;
  codecFrames: Array<{ data: Uint8Array; header: { vorbisSetup?: Uint8Array } }>;
  isLastPage: boolean;
}

const NO_BYTES = new Uint8Array(0);
/** The decoder's input buffer: a packet (or setup header) larger than this cannot be given to it. */
const VORBIS_INPUT_BYTES = 128 * 1024;

/**
 * Vorbis through @wasm-audio-decoders/ogg-vorbis (libvorbis), given one packet at a time as a page of its own, so
 * that the Ogg layer (voiceprep's, with checksums and granule positions) stays in charge. The identification and
 * setup headers go in with the first audio packet: before that the decoder reports an uninitialised channel count
 * (tens of thousands of empty channels). `isLastPage` stays false: the end is trimmed by the Ogg layer.
 */
export async function openVorbisDecoder(): Promise<PacketDecoder> {
  const decoder = new OggVorbisDecoder();
  await decoder.ready;
  let identification: Uint8Array | null = null;
  let setup: Uint8Array | null = null;
  let started = false;
  let complaints = 0;
  return {
    headerPackets: 3,
    maxPacketBytes: VORBIS_INPUT_BYTES,
    header(index, packet) {
      if (index === 0) identification = packet;
      if (index === 2) setup = packet;
    },
    async decode(packet) {
      const pages: VorbisPage[] = [{ data: NO_BYTES, codecFrames: [{ data: packet, header: {} }], isLastPage: false }];
      if (!started) {
        if (!identification || !setup) throw new VoiceprepError('malformed', 'the Vorbis stream has no usable setup header');
        pages.unshift({ data: identification, codecFrames: [], isLastPage: false });
        pages[1].codecFrames[0].header.vorbisSetup = setup;
        started = true;
      }
      const decoded = await decoder.decodeOggPages(pages as unknown as Parameters<OggVorbisDecoder['decodeOggPages']>[0]);
      complaints += decoded.errors.length;
      return decoded.samplesDecoded > 0 ? decoded.channelData : null;
    },
    get complaints() {
      return complaints;
    },
    free: () => decoder.free(),
  };
}
