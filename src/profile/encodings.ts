/**
 * The sample encodings a playback file can hold, with the facts about each that the encoder, the writer, the
 * meters and the checker need. An output profile names one of these; nothing else in voiceprep spells them out.
 * libsndfile's split is the model: the container (RIFF WAVE, laid out by src/write) is apart from the encoding.
 */
export type OutputEncoding = 'alaw' | 'ulaw' | 'pcm16';

export interface EncodingSpec {
  readonly encoding: OutputEncoding;
  /** As reports and messages say it: 'A-law', '16-bit PCM'. */
  readonly name: string;
  /** WAVE format tag (WAVE_FORMAT_ALAW = 6). */
  readonly waveTag: number;
  readonly bitsPerSample: number;
  readonly bytesPerSample: number;
  /** How a reader names samples stored this way (its `SampleFormat`): input stored so is copied, not re-encoded. */
  readonly storedAs: string;
  /**
   * The canonical layout's `fmt ` size and whether it carries a `fact` chunk: a G.711 WAV has an 18-byte fmt
   * (cbSize 0) and a fact chunk, as sox and GoldWave write it and as strict readers (libsndfile) expect; 16-bit PCM
   * has the 16-byte fmt and no fact chunk.
   */
  readonly fmtBytes: 16 | 18;
  readonly fact: boolean;
  /**
   * The lowest magnitude (full scale = 1.0) that encodes to the encoding's largest code: a sample there cannot be
   * told from full scale, so a run of them is a flat top (clipping), and a level's gain stops just below it.
   * A-law: from 31744/32768 (-0.28 dBFS) up, samples encode to the largest code (to within one 16-bit step, where
   * G.711 rounds negative values differently), which decodes to 32256/32768. mu-law: from 31612/32768 (-0.31 dBFS)
   * up, decoding to 32124/32768. 16-bit PCM: only full scale itself, 32767/32768.
   */
  readonly rail: number;
}

export const ENCODINGS: Readonly<Record<OutputEncoding, EncodingSpec>> = {
  alaw: { encoding: 'alaw', name: 'A-law', waveTag: 0x0006, bitsPerSample: 8, bytesPerSample: 1, storedAs: 'alaw', fmtBytes: 18, fact: true, rail: 31744 / 32768 },
  ulaw: { encoding: 'ulaw', name: 'mu-law', waveTag: 0x0007, bitsPerSample: 8, bytesPerSample: 1, storedAs: 'mulaw', fmtBytes: 18, fact: true, rail: 31612 / 32768 },
  // plain PCM has the 16-byte fmt chunk and no fact chunk: the 44-byte header every WAV reader knows
  pcm16: { encoding: 'pcm16', name: '16-bit PCM', waveTag: 0x0001, bitsPerSample: 16, bytesPerSample: 2, storedAs: 's16le', fmtBytes: 16, fact: false, rail: 32767 / 32768 },
};
