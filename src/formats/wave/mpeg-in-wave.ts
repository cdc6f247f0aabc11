import { VoiceprepError, isVoiceprepError } from '../../errors.js';
import type { AudioSource, OpenOptions } from '../../source/audio-source.js';
import { type ByteSource, sliceOf } from '../../source/byte-source.js';
import { summarizeFormat } from './summarize-format.js';
import { describeMpegStream, openMpegStream } from '../mp3/mp3-reader.js';
import { encodingName } from '../common/mpeg-frame.js';
import type { WaveHeader } from './wave-header.js';

/**
 * MPEG audio in a WAVE file (format tag 0x55, or 0x50 for layers I and II): what Windows' ACM MP3 codec, some call
 * recorders and `ffmpeg -c:a libmp3lame -f wav` write. The data chunk is an MP3 stream and is read as one. The
 * stream, not the fmt chunk, says what it is and how long: fmt's rate and channels may disagree with it, and the
 * fact chunk is missing, or 0, where ffmpeg wrote to a pipe.
 */

export interface MpegData {
  /** 'MPEG-1 Layer III', ... */
  encoding: string;
  sampleRate: number;
  channels: number;
  /** Exact with a LAME tag, else the stream's size over the mean size of its first frames (the decode finds the real count). */
  frames: number;
}

/** The stream in the data chunk, from its first frames, its Xing/Info tag and its end (up to ~130 KB read). */
export async function describeMpegData(source: ByteSource, dataOffset: number, dataSize: number): Promise<MpegData> {
  const { header, frames } = await inDataChunk(() => describeMpegStream(sliceOf(source, dataOffset, dataSize)));
  return { encoding: encodingName(header), sampleRate: header.sampleRate, channels: header.channels, frames };
}

/**
 * Opens the stream; `header` is read-wave-header's, whose format already gives the stream's rate, channels and layer;
 * `options` may narrow the decode as for an MP3 file (the band an output needs, the mono mix).
 */
export async function openMpegInWave(source: ByteSource, header: WaveHeader, options: OpenOptions = {}): Promise<AudioSource> {
  const data = sliceOf(source, header.dataOffset, header.dataSize);
  const audio = await inDataChunk(() => openMpegStream(data, () => summarizeFormat(header), options));
  audio.warnings.unshift(...header.warnings.map(({ code, message }) => ({ code, message })));
  return audio;
}

/** The MP3 reader's complaints are about the data chunk here, not the file: they say so. */
async function inDataChunk<T>(read: () => Promise<T>): Promise<T> {
  try {
    return await read();
  } catch (error) {
    if (!isVoiceprepError(error) || error.code !== 'malformed') throw error;
    throw new VoiceprepError('malformed', `the data chunk (MPEG audio): ${error.message}`);
  }
}
