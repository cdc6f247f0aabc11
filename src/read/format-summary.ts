import type { WaveHeader } from './wave-header.js';

/** The format as read from the header, in the terms a report shows (the check record and the convert report). */
export interface FormatSummary {
  container: WaveHeader['container'];
  /** 'PCM', 'IEEE float', 'A-law', 'mu-law', 'IMA ADPCM', ... */
  encoding: string;
  /** The effective tag: the sub-format's for WAVE_FORMAT_EXTENSIBLE. */
  formatTag: number;
  extensible: boolean;
  sampleRate: number;
  channels: number;
  bitsPerSample: number;
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
    bitsPerSample: format.bitsPerSample,
  };
}
