import { DecodedSource } from '../common/decoded-source.js';
import { VoiceprepError } from '../../errors.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat, SourceWarning } from '../../source/audio-source.js';
import { flacFormat } from './format.js';
import { recognizesFlac } from './signature.js';
import type { ByteSource } from '../../source/byte-source.js';
import { DECODABLE_FLAC_BITS, type FlacLayout, type StreamInfo, lastFrameEnd, readFlacLayout } from './flac-stream.js';
import type { FormatSummary } from '../../source/format-summary.js';
import { toWavCommand } from '../common/unsupported-format.js';

/** Native FLAC (not FLAC in Ogg), any rate, 1 to 8 channels, 8, 16 or 24 bits, decoded by voiceprep's own decoder (kernels/). */
export const flacReader: AudioFormatReader = {
  name: flacFormat.name,
  recognizes: recognizesFlac,

  async probe(source: ByteSource, options: OpenOptions): Promise<ProbedFormat> {
    const { layout, frames } = await inspect(source);
    const { bitsPerSample, sampleRate } = layout.streamInfo;
    const probed: ProbedFormat = { format: summarize(layout.streamInfo), seconds: frames / sampleRate };
    if (!DECODABLE_FLAC_BITS.includes(bitsPerSample)) probed.undecodable = undecodableDepth(bitsPerSample, options);
    return probed;
  },

  async open(source: ByteSource, options: OpenOptions): Promise<AudioSource> {
    const { layout, frames, exactFrames, warnings } = await inspect(source);
    const { bitsPerSample } = layout.streamInfo;
    if (!DECODABLE_FLAC_BITS.includes(bitsPerSample)) {
      throw new VoiceprepError('unsupported-encoding', undecodableDepth(bitsPerSample, options));
    }
    const { decodeFlac } = await import('./flac-decode.js');
    return new DecodedSource({
      format: summarize(layout.streamInfo),
      frames,
      exactFrames,
      warnings,
      pass: (context) => decodeFlac(source, layout, context),
    });
  },
};

/** FFmpeg before 6.0 cannot decode 32-bit FLAC either; the reference decoder can, from version 1.4. */
function undecodableDepth(bitsPerSample: number, options: OpenOptions): string {
  const command =
    bitsPerSample === 32
      ? toWavCommand(options, 'flac', (input, output) => `flac -d ${input} -o ${output} (flac 1.4 or later)`)
      : toWavCommand(options, 'flac', (input, output) => `ffmpeg -i ${input} -c:a pcm_s24le ${output}`);
  return `FLAC with ${bitsPerSample}-bit samples cannot be decoded (8, 16 and 24-bit FLAC can); convert it to WAV first, for example: ${command}`;
}

function summarize(info: StreamInfo): FormatSummary {
  return {
    container: 'FLAC',
    encoding: 'FLAC',
    formatTag: null,
    extensible: false,
    sampleRate: info.sampleRate,
    channels: info.channels,
    bitsPerSample: info.bitsPerSample,
  };
}

/**
 * The length is exact when the file ends with a whole, undamaged frame whose end is the total STREAMINFO gives
 * (or STREAMINFO does not give one); a file cut short is estimated by where its last frame header starts.
 */
async function inspect(source: ByteSource): Promise<{ layout: FlacLayout; frames: number; exactFrames: boolean; warnings: SourceWarning[] }> {
  const layout = await readFlacLayout(source);
  const { totalSamples } = layout.streamInfo;
  const warnings: SourceWarning[] = [];
  const end = await lastFrameEnd(source, layout);
  if (!end) {
    // Nothing but metadata (or damage) after the header: if the decode finds no frame either, it is refused.
    warnings.push({ code: 'truncated', message: 'no FLAC frame was found at the end of the file (was it cut short?)' });
    return { layout, frames: totalSamples, exactFrames: false, warnings };
  }
  if (!end.whole) {
    warnings.push({ code: 'truncated', message: 'the FLAC stream is cut off inside its last frame' });
    return { layout, frames: end.samples, exactFrames: false, warnings };
  }
  if (totalSamples !== 0 && totalSamples !== end.samples) {
    warnings.push({
      code: 'length-mismatch',
      message: `STREAMINFO gives ${totalSamples} samples but the last frame ends at sample ${end.samples}`,
    });
    return { layout, frames: end.samples, exactFrames: false, warnings };
  }
  return { layout, frames: end.samples, exactFrames: true, warnings };
}
