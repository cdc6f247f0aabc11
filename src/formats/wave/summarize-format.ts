import type { FormatSummary } from '../../source/format-summary.js';
import { isMpegTag } from './format-tags.js';
import type { WaveHeader } from './wave-header.js';

/** A WAV file's format, from its header, in the terms every reader reports (FormatSummary). */
export function summarizeFormat(header: WaveHeader): FormatSummary {
  const { format } = header;
  return {
    container: header.container,
    encoding: format.encodingName,
    formatTag: format.effectiveTag,
    extensible: format.extensible,
    sampleRate: format.sampleRate,
    channels: format.channels,
    // as for every lossy codec: MPEG audio has no bits per sample (fmt's field says 0, or anything)
    bitsPerSample: isMpegTag(format.effectiveTag) ? null : format.bitsPerSample,
  };
}
