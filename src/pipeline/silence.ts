import { checkOptions } from '../arguments.js';
import { VoiceprepError } from '../errors.js';
import { withKernels } from '../wasm/kernels.js';
import { DEFAULT_PROFILE, type OutputProfile } from '../profile/profile.js';
import { GrowingBytes } from '../write/growing-bytes.js';
import { CanonicalWaveWriter } from '../write/wave-writer.js';
import { SILENCE_SECONDS } from '../option-rules.js';
import { PROFILE } from './output-rules.js';
import { outputOf } from './output-target.js';
import { samplesThatFit } from './settings.js';

/**
 * `voiceprep silence`: a playback file of nothing but silence, for the platform's trick of uploading a prompt with no
 * content (its FAQ's way to turn off the recording notice). Written as every output is: the profile's encoder makes
 * the silence (its code for zero) and the canonical writer lays out the file.
 */
export async function silenceBytes(seconds: number, given: { profile?: OutputProfile } = {}): Promise<Uint8Array> {
  if (typeof seconds !== 'number' || !SILENCE_SECONDS.accepts(seconds)) {
    throw new VoiceprepError('invalid-argument', `seconds: expected ${SILENCE_SECONDS.words}, not ${JSON.stringify(seconds) ?? String(seconds)}`);
  }
  const { profile = DEFAULT_PROFILE } = checkOptions<{ profile?: OutputProfile }>(given, { profile: PROFILE });
  const output = outputOf(profile);
  const samples = Math.max(1, Math.round(seconds * output.rate));
  const fits = samplesThatFit({ profile });
  if (samples > fits) {
    throw new VoiceprepError('too-long', `${seconds} s of silence makes a file larger than the platform's ${profile.maxBytes} bytes, which hold ${(fits / output.rate).toFixed(1)} s`);
  }
  const sink = new GrowingBytes(output.layout.fileSize(samples));
  const writer = new CanonicalWaveWriter(sink, samples, output.layout);
  await withKernels(async (kernels) => {
    const block = Math.min(samples, 1 << 16);
    const encoder = output.codec.createEncoder(kernels, block);
    const zeros = new Float32Array(block);
    for (let done = 0; done < samples; done += block) await writer.write(encoder.encode(zeros.subarray(0, Math.min(block, samples - done))));
  });
  await writer.finish();
  return sink.bytes();
}
