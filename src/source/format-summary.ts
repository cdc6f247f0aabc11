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
