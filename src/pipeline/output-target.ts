import type { AudioSource } from '../source/audio-source.js';
import { codecFor, type OutputCodec } from '../encode/encoder.js';
import { encodingOf, type OutputProfile } from '../profile/profile.js';
import { canonicalLayout } from '../write/canonical-wave.js';

/**
 * The most silence `trimSilence` looks past: a file longer than what fits and this much more is too long. Where the
 * speech ends is known only once the whole file is measured, so without a bound the first pass would decode any
 * length a header claims (a FLAC of 16-byte frames claims 41 hours in 1.5 MB) before it could refuse the file.
 */
export const MAX_TRIMMED_SILENCE_SECONDS = 300;

/** What a conversion writes, resolved once from its profile. */
export interface Output {
  readonly profile: OutputProfile;
  readonly rate: number;
  /** Where the encoding cannot tell a sample from full scale (see src/profile/encodings.ts). */
  readonly rail: number;
  readonly layout: ReturnType<typeof canonicalLayout>;
  readonly codec: OutputCodec;
}

export function outputOf(profile: OutputProfile): Output {
  const encoding = encodingOf(profile);
  return { profile, rate: profile.sampleRate, rail: encoding.rail, layout: canonicalLayout(profile), codec: codecFor(profile.encoding) };
}

/** Whether the input's samples are stored exactly as the profile writes them: then they are copied as they are. */
export function storedAsOutput(audio: AudioSource, profile: OutputProfile): boolean {
  return (
    audio.stored !== undefined &&
    audio.stored.sampleFormat === encodingOf(profile).storedAs &&
    audio.sampleRate === profile.sampleRate &&
    audio.channels === profile.channels
  );
}

/** The most samples of silence that `trimSilence` looks past. */
export function trimmedSilenceSamples(output: Output): number {
  return MAX_TRIMMED_SILENCE_SECONDS * output.rate;
}
