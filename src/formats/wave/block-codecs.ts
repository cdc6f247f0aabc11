import { WAVE_FORMAT_ADPCM, WAVE_FORMAT_GSM610, WAVE_FORMAT_IMA_ADPCM } from './format-tags.js';
import type { WaveFormat } from './wave-header.js';
import { createGsm610Codec } from '../../codecs/gsm610.js';
import { createImaAdpcmCodec } from '../../codecs/ima-adpcm.js';
import { createMsAdpcmCodec } from '../../codecs/ms-adpcm.js';
import type { BlockCodec } from '../../codecs/block-codec.js';

/**
 * The codec for a WAVE format, or null when the format is not one of these (another format tag, or a variant they
 * do not decode: IMA or Microsoft ADPCM of other than 4 bits, stereo GSM, GSM not in 65-byte blocks). Throws a
 * 'malformed' VoiceprepError when the fmt fields contradict each other (a block too small for its own header,
 * more samples per block than the block can hold).
 */
export function createBlockCodec(format: WaveFormat): BlockCodec | null {
  switch (format.effectiveTag) {
    case WAVE_FORMAT_IMA_ADPCM:
      return createImaAdpcmCodec(format);
    case WAVE_FORMAT_ADPCM:
      return createMsAdpcmCodec(format);
    case WAVE_FORMAT_GSM610:
      return createGsm610Codec(format);
    default:
      return null;
  }
}
