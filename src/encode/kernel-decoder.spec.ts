import { describe, expect, it } from 'vitest';
import type { OutputEncoding } from '../profile/encodings.js';
import { withKernels } from '../wasm/kernels.js';
import { codecFor } from './encoder.js';

/** Every byte value, then every 16-bit word (little-endian), and an odd tail that the vector loop leaves over. */
const BYTES = Uint8Array.from({ length: 2 * 65536 + 11 }, (_, i) => (i < 256 ? i : (i * 2654435761) >>> 24));

describe('KernelDecoder (the codecs decoded by kernel)', () => {
  it.each(['alaw', 'ulaw', 'pcm16'] as OutputEncoding[])('gives %s exactly the floats the codec decodes, read in place or copied in', async (encoding) => {
    const codec = codecFor(encoding);
    const expected = new Float32Array(BYTES.length);
    const count = codec.decode(BYTES, expected);
    await withKernels(async (kernels) => {
      const decoder = codec.createDecoder(kernels, BYTES.length);
      // bytes from outside the kernels' memory are copied in; an encoder's output is read where it is
      expect(Array.from(decoder.decode(BYTES))).toEqual(Array.from(expected.subarray(0, count)));
      const inside = kernels.u8(kernels.alloc(BYTES.length), BYTES.length);
      inside.set(BYTES);
      expect(Array.from(decoder.decode(inside))).toEqual(Array.from(expected.subarray(0, count)));
      expect(() => codec.createDecoder(kernels, 10).decode(BYTES)).toThrow(RangeError);
    });
  });
});
