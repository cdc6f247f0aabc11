import { isMpegTag } from '../formats/wave/format-tags.js';
import type { WaveHeader } from '../formats/wave/wave-header.js';

/** The format as read from the header, in the terms a report shows (the check record and the convert report). */
export interface FormatSummary {
  /** 'RIFF', 'RF64', 'BW64' or 'RIFX' for WAV files; 'MP3', 'FLAC', 'Ogg', 'VOX', ... for the rest. */
  container: string;
  /** 'PCM', 'IEEE float', 'A-law', 'mu-law', 'IMA ADPCM', 'MPEG-1 Layer III', 'FLAC', 'Vorbis', 'Opus', ... */
  encoding: string;
  /** The effective WAVE format tag (the sub-format's for WAVE_FORMAT_EXTENSIBLE); null for files that are not WAV. */
  formatTag: number | null;
  extensible: boolean;
  sampleRate: number;
  channels: number;
  /** Bits per sample where the format has them (WAV, FLAC); null for lossy codecs. */
  bitsPerSample: number | null;
}

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
