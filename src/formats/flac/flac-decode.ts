import { FLAC_WASM_BASE64 } from './flac-bytes.generated.js';
import { VoiceprepError } from '../../errors.js';
import { byteChunks } from '../common/byte-chunks.js';
import type { ByteSource } from '../../source/byte-source.js';
import type { FlacLayout } from './flac-stream.js';
import type { DecodedChunk, PassContext } from '../common/decoded-source.js';

/** What voiceprep's own FLAC decoder (kernels/decoder.ts) exports. */
interface FlacExports {
  memory: WebAssembly.Memory;
  flac_input(): number;
  flac_capacity(): number;
  flac_output(): number;
  flac_stride(): number;
  flac_damaged(): number;
  flac_reset(channels: number, bitsPerSample: number): void;
  flac_compact(available: number): number;
  flac_next(available: number, final: number): number;
}

const READ_BYTES = 64 * 1024;
/** flac_next's answers besides a frame's samples. */
const NEED_BYTES = 0;
const END = -1;

let compiled: Promise<WebAssembly.Module> | null = null;

async function instantiate(): Promise<FlacExports> {
  if (!compiled) compiled = WebAssembly.compile(bytesOfBase64(FLAC_WASM_BASE64));
  const instance = await WebAssembly.instantiate(await compiled, {});
  return instance.exports as unknown as FlacExports;
}

/**
 * One pass of voiceprep's FLAC decoder (a WebAssembly module of its own, kernels/decoder.ts) over the frames, one
 * frame at a time, so that what one step holds stays bounded: a frame has at most 65535 samples, while a few
 * kilobytes of frames of digital silence would otherwise decode to minutes of audio in one array. The module finds
 * each frame by its header's CRC-8 and keeps it only if its CRC-16 checks out; bytes where no such frame is are
 * skipped, each run of them counted as one damaged frame.
 */
export async function* decodeFlac(source: ByteSource, layout: FlacLayout, context: PassContext): AsyncGenerator<DecodedChunk> {
  const { channels, bitsPerSample } = layout.streamInfo;
  const wasm = await instantiate();
  wasm.flac_reset(channels, bitsPerSample);
  const inputAt = wasm.flac_input();
  const stride = wasm.flac_stride();
  let available = 0;
  let final = false;
  let decodedAny = false;
  const chunks = byteChunks(source, layout.framesStart, layout.framesEnd, READ_BYTES);
  for (;;) {
    let samples: number;
    try {
      samples = wasm.flac_next(available, final ? 1 : 0);
    } catch (error) {
      // a trap: a fault of the module's, not of the file's, yet the audio before it is still good
      const where = `the FLAC stream could not be decoded to its end (${error instanceof Error ? error.message : String(error)})`;
      if (!decodedAny) throw new VoiceprepError('malformed', where);
      context.warn('decoder-failed', `${where}; the audio before the damage is kept`);
      break;
    }
    if (samples === END) break;
    if (samples === NEED_BYTES) {
      // the module asks for more only while what it holds is shorter than a frame can be: a read always fits
      available = wasm.flac_compact(available);
      const next = await chunks.next();
      if (next.done) final = true;
      else {
        new Uint8Array(wasm.memory.buffer, inputAt + available, next.value.length).set(next.value);
        available += next.value.length;
      }
      continue;
    }
    decodedAny = true;
    const out = wasm.flac_output();
    // views of the module's output, valid until the next frame is asked for (its memory never grows)
    const chunk: Float32Array[] = [];
    for (let channel = 0; channel < channels; channel++) chunk.push(new Float32Array(wasm.memory.buffer, out + channel * stride * 4, samples));
    yield chunk;
  }
  const damaged = wasm.flac_damaged();
  // Damage and nothing else: refused here. A stream that is only cut short inside its first frame yields nothing,
  // and DecodedSource refuses it in words that say so (the reader has warned that the file is cut).
  if (!decodedAny && damaged > 0) {
    throw new VoiceprepError('malformed', 'the FLAC stream could not be decoded: not one of its frames is whole');
  }
  if (damaged > 0) context.warn('damaged-frames', `${damaged} damaged FLAC frame(s) were skipped`);
}

function bytesOfBase64(text: string): Uint8Array {
  const binary = atob(text);
  const bytes = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) bytes[i] = binary.charCodeAt(i);
  return bytes;
}
