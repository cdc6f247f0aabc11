import { aacReader } from './refused/aac-reader.js';
import { aiffReader } from './aiff/aiff-reader.js';
import { amrReader } from './refused/amr-reader.js';
import { auReader } from './au/au-reader.js';
import type { AudioFormatReader } from '../source/audio-source.js';
import { cafReader } from './caf/caf-reader.js';
import { flacReader } from './flac/flac-reader.js';
import { matroskaReader } from './refused/matroska-reader.js';
import { mp3Reader } from './mp3/mp3-reader.js';
import { mp4Reader } from './refused/mp4-reader.js';
import { oggReader } from './ogg/ogg-reader.js';

/**
 * The readers of the formats beyond WAV, in the order they are to be asked: MP3, FLAC, Ogg Vorbis and Opus are
 * decoded; AIFF, AU and CAF samples are read as they are stored (their compressed codecs are refused); AAC,
 * MP4/M4A, AMR and Matroska/WebM are described, and refused with the command that converts them. MP3 comes last: an ID3v2 tag too long to see past is taken as MP3, while FLAC and AAC behind a
 * short tag are their own readers' (they look past it). WAV's reader belongs before these, VOX's after them.
 *
 * Importing this costs ~10 ms: each reader loads its WebAssembly decoder (~85 ms for all four) when it first
 * opens a file, so that checking headers, and converting WAV, never pay for them.
 */
export const COMPRESSED_READERS: readonly AudioFormatReader[] = [
  flacReader,
  oggReader,
  mp4Reader,
  aacReader,
  aiffReader,
  auReader,
  cafReader,
  amrReader,
  matroskaReader,
  mp3Reader,
];
