import type { ByteSource } from '../../src/source/byte-source.js';

/**
 * A WAV file of any length that never exists in memory: a 44-byte PCM 16-bit header followed by a tone computed
 * on demand for whatever byte range is read. Lets the tests push hundreds of megabytes through the pipeline and
 * watch that memory does not grow with the input.
 */
export function virtualToneWave(rate: number, channels: number, seconds: number, frequency = 997): ByteSource {
  const frames = Math.round(rate * seconds);
  const blockAlign = channels * 2;
  const dataBytes = frames * blockAlign;
  const header = new Uint8Array(44);
  const view = new DataView(header.buffer);
  const ascii = (at: number, text: string) => [...text].forEach((ch, i) => (header[at + i] = ch.charCodeAt(0)));
  ascii(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  ascii(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 1, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, rate, true);
  view.setUint32(28, rate * blockAlign, true);
  view.setUint16(32, blockAlign, true);
  view.setUint16(34, 16, true);
  ascii(36, 'data');
  view.setUint32(40, dataBytes, true);

  const sampleAt = (frame: number) => Math.round(16384 * Math.sin((2 * Math.PI * frequency * frame) / rate));
  const byteAt = (offset: number): number => {
    if (offset < 44) return header[offset];
    const inData = offset - 44;
    const sample = sampleAt(Math.floor(inData / blockAlign)) & 0xffff;
    return inData % 2 === 0 ? sample & 0xff : sample >> 8;
  };
  let buffer = new Uint8Array(0);
  return {
    size: 44 + dataBytes,
    read(offset, length) {
      const end = Math.min(offset + length, 44 + dataBytes);
      const count = Math.max(0, end - offset);
      if (buffer.length < count) buffer = new Uint8Array(count);
      let i = 0;
      // byte by byte up to a frame boundary, then whole frames (the fast path the pipeline's block reads take)
      while (i < count && (offset + i < 44 || (offset + i - 44) % blockAlign !== 0)) buffer[i] = byteAt(offset + i++);
      for (; i + blockAlign <= count; i += blockAlign) {
        const sample = sampleAt((offset + i - 44) / blockAlign);
        for (let channel = 0; channel < channels; channel++) {
          buffer[i + 2 * channel] = sample & 0xff;
          buffer[i + 2 * channel + 1] = (sample >> 8) & 0xff;
        }
      }
      for (; i < count; i++) buffer[i] = byteAt(offset + i);
      return Promise.resolve(buffer.subarray(0, count));
    },
  };
}
