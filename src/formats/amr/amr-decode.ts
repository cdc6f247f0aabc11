import { decoder as createAmrDecoder } from '@audio/decode-amr';
import { VoiceprepError } from '../../errors.js';
import { byteChunks } from '../common/byte-chunks.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { DecodedChunk, PassContext } from '../common/decoded-source.js';

/**
 * One pass of opencore-amr (the 3GPP reference decoders of AMR-NB and AMR-WB, compiled to WebAssembly by
 * @audio/decode-amr) over the whole file, magic line included: the decoder reads it to tell NB from WB, and keeps
 * a frame cut by a chunk's end until the next chunk completes it. Every frame decodes to 20 ms: a damaged or
 * missing one (NO_DATA) comes out as the decoder's concealment, so the timing holds.
 */

const READ_BYTES = 64 * 1024;

export async function* decodeAmr(source: ByteSource, context: PassContext): AsyncGenerator<DecodedChunk> {
  const amr = await createAmrDecoder();
  context.own(amr);
  let decodedAny = false;
  for await (const bytes of byteChunks(source, 0, source.size, READ_BYTES)) {
    const { channelData } = amr.decode(bytes);
    if (channelData.length === 0 || channelData[0].length === 0) continue;
    decodedAny = true;
    yield channelData;
  }
  if (!decodedAny) throw new VoiceprepError('malformed', 'not one whole AMR frame follows its first line');
}
