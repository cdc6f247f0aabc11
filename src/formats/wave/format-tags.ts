import type { Encoding } from './wave-header.js';

export const WAVE_FORMAT_PCM = 0x0001;
export const WAVE_FORMAT_ADPCM = 0x0002;
export const WAVE_FORMAT_IEEE_FLOAT = 0x0003;
export const WAVE_FORMAT_ALAW = 0x0006;
export const WAVE_FORMAT_MULAW = 0x0007;
export const WAVE_FORMAT_IMA_ADPCM = 0x0011;
export const WAVE_FORMAT_GSM610 = 0x0031;
export const WAVE_FORMAT_MPEG = 0x0050;
export const WAVE_FORMAT_MPEGLAYER3 = 0x0055;
export const WAVE_FORMAT_EXTENSIBLE = 0xfffe;

const DECODABLE: ReadonlyMap<number, { encoding: Encoding; name: string }> = new Map([
  [WAVE_FORMAT_PCM, { encoding: 'pcm', name: 'PCM' }],
  [WAVE_FORMAT_IEEE_FLOAT, { encoding: 'float', name: 'IEEE float' }],
  [WAVE_FORMAT_ALAW, { encoding: 'alaw', name: 'A-law' }],
  [WAVE_FORMAT_MULAW, { encoding: 'mulaw', name: 'mu-law' }],
]);

/** Names for the tags people actually meet in the wild, so an error says "IMA ADPCM" rather than just a number. */
const KNOWN_NAMES: ReadonlyMap<number, string> = new Map([
  [0x0000, 'unknown format'],
  [WAVE_FORMAT_ADPCM, 'Microsoft ADPCM'],
  [0x0010, 'OKI ADPCM'],
  [WAVE_FORMAT_IMA_ADPCM, 'IMA ADPCM'],
  [0x0014, 'G.723 ADPCM'],
  [0x0016, 'ITU G.723 ADPCM'],
  [WAVE_FORMAT_GSM610, 'GSM 6.10'],
  [0x0040, 'G.721 ADPCM'],
  [0x0042, 'G.723.1'],
  [0x0045, 'G.726 ADPCM'],
  [WAVE_FORMAT_MPEG, 'MPEG'],
  [WAVE_FORMAT_MPEGLAYER3, 'MPEG Layer 3'],
  [0x0064, 'G.726 ADPCM'],
  [0x0065, 'G.722 ADPCM'],
  [0x0092, 'Dolby AC-3 SPDIF'],
  [0x00ff, 'AAC'],
  [0x0160, 'WMA'],
  [0x0161, 'WMA'],
  [0x0162, 'WMA Pro'],
  [0x0163, 'WMA Lossless'],
  [0x1610, 'MPEG-4 AAC'],
  [0x2000, 'AC-3'],
  [0x2001, 'DTS'],
  [0xf1ac, 'FLAC'],
  [WAVE_FORMAT_EXTENSIBLE, 'WAVE_FORMAT_EXTENSIBLE'],
]);

export function describeTag(tag: number): { encoding: Encoding | null; name: string } {
  const decodable = DECODABLE.get(tag);
  if (decodable) return decodable;
  return { encoding: null, name: KNOWN_NAMES.get(tag) ?? 'unknown encoding' };
}

export function hexTag(tag: number): string {
  return `0x${tag.toString(16).toUpperCase().padStart(4, '0')}`;
}

/**
 * MPEG audio in a WAVE file (layers I and II under 0x50, layer III under 0x55, as Windows' ACM codecs and ffmpeg
 * write them): the data chunk is an MPEG stream, not blocks of the fmt chunk's block align.
 */
export function isMpegTag(tag: number): boolean {
  return tag === WAVE_FORMAT_MPEG || tag === WAVE_FORMAT_MPEGLAYER3;
}
