import type { AudioSource } from './audio-source.js';
import { type ByteSource, sliceOf } from './byte-source.js';
import { summarizeFormat } from './format-summary.js';
import { openMpegStream } from './mp3-reader.js';
import { encodingName } from './mpeg-frame.js';
import type { WaveHeader } from './wave-header.js';

/**
 * MPEG audio in a WAVE file (format tag 0x55, or 0x50 for layers I and II): what Windows' ACM MP3 codec, some call
 * recorders and `ffmpeg -c:a libmp3lame -f wav` write. The data chunk is an MP3 stream and is decoded as one; the
 * report names the WAVE container, and the stream's own rate, channels and layer.
 */
export async function openMpegInWave(source: ByteSource, header: WaveHeader): Promise<AudioSource> {
  const audio = await openMpegStream(sliceOf(source, header.dataOffset, header.dataSize), (mpeg) => ({
    ...summarizeFormat(header),
    encoding: encodingName(mpeg),
    sampleRate: mpeg.sampleRate,
    channels: mpeg.channels,
    bitsPerSample: null,
  }));
  audio.warnings.unshift(...header.warnings.map(({ code, message }) => ({ code, message })));
  return audio;
}
