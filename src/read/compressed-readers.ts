import { aacReader } from './aac-reader.js';
import type { AudioFormatReader } from './audio-source.js';
import { flacReader } from './flac-reader.js';
import { mp3Reader } from './mp3-reader.js';
import { mp4Reader } from './mp4-reader.js';
import { oggReader } from './ogg-reader.js';

/**
 * The readers of compressed formats, in the order they are to be asked. MP3 comes last: an ID3v2 tag too long to
 * see past is taken as MP3, while FLAC and AAC files behind a short tag are their own readers' (they look past it).
 * WAV's reader belongs before these (a RIFF file is never anything else), VOX's after them.
 */
export const COMPRESSED_READERS: readonly AudioFormatReader[] = [flacReader, oggReader, mp4Reader, aacReader, mp3Reader];
