import { type FileBytes, type NumberRule, type OptionRule, checkOptions } from '../arguments.js';
import { VoiceprepError } from '../errors.js';
import { VOX_RATE } from '../option-rules.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat, SourceWarning } from '../source/audio-source.js';
import { type ByteSource, sourceArgument } from '../source/byte-source.js';
import { FORMAT_OF_EXTENSION, extensionOf } from './file-kinds.js';
import { identifyReader } from './identify.js';
import { FORMATS } from './registry.js';
import { HEAD_BYTES, identifyNonWave } from './common/sniff.js';

/**
 * The reader for a file, chosen by its content (never by its name, except for the one format that has no
 * signature), from the registry of formats (registry.ts), in its order: WAV, then the other formats with a
 * signature, then Dialogic VOX, which has none and is known by its `.vox` name alone. A file no format recognizes is
 * a `not-wav` error that says what it seems to be instead.
 */
export function readerFor(source: ByteSource, options: OpenOptions = {}): Promise<AudioFormatReader> {
  // Identified once per source: a refused convert describes the file it could not open, and check --level reads the
  // header, says what a non-WAV file is and then decodes it, all from the one answer. The name takes part (it is how
  // a VOX file is known), so a call under another name asks again.
  const known = identified.get(source);
  if (known && known.name === options.name) return known.reader;
  const reader = identify(source, options);
  identified.set(source, { name: options.name, reader });
  return reader;
}

/** What each source was identified as (the promise, so that calls at once share it; a refusal is kept too). */
const identified = new WeakMap<ByteSource, { name: string | undefined; reader: Promise<AudioFormatReader> }>();

async function identify(source: ByteSource, options: OpenOptions): Promise<AudioFormatReader> {
  const reader = await identifyReader(source, FORMATS, options);
  if (reader) return reader;
  throw new VoiceprepError('not-wav', identifyNonWave(await source.read(0, HEAD_BYTES), source.size));
}

export const MIN_INPUT_RATE = 1000;
export const MAX_INPUT_RATE = 768000;

/**
 * Opens any supported file for decoding. A name that says another format than the content gets a warning. A rate
 * outside 1 kHz to 768 kHz is refused here, for every caller: a header that claims billions of hertz would have the
 * resampler design (and allocate) a filter of billions of taps.
 */
export async function openAudio(input: ByteSource | FileBytes, given: OpenOptions = {}): Promise<AudioSource> {
  const source = sourceArgument(input, 'source');
  const options = checkOptions<OpenOptions>(given, OPEN_RULES);
  const reader = await readerFor(source, options);
  const audio = await reader.open(source, options);
  if (audio.sampleRate < MIN_INPUT_RATE || audio.sampleRate > MAX_INPUT_RATE) {
    audio.close();
    throw new VoiceprepError(
      'unsupported-encoding',
      `unsupported sample rate: ${audio.sampleRate} Hz (voiceprep reads ${MIN_INPUT_RATE} to ${MAX_INPUT_RATE} Hz)`,
    );
  }
  const misnamed = nameMismatch(reader, options.name);
  if (misnamed) audio.warnings.push(misnamed);
  return audio;
}

/** What a file is, from its header alone. */
export async function probeAudio(input: ByteSource | FileBytes, given: OpenOptions = {}): Promise<ProbedFormat> {
  const source = sourceArgument(input, 'source');
  const options = checkOptions<OpenOptions>(given, OPEN_RULES);
  return (await readerFor(source, options)).probe(source, options);
}

const BANDWIDTH: NumberRule = { words: 'a positive number of Hz', accepts: (value) => value > 0 && Number.isFinite(value) };

const OPEN_RULES: { readonly [K in keyof Required<OpenOptions>]: OptionRule } = {
  name: 'string',
  path: 'string',
  voxRate: VOX_RATE,
  bandwidthHz: BANDWIDTH,
  mono: 'boolean',
};

function nameMismatch(reader: AudioFormatReader, name: string | undefined): SourceWarning | null {
  const extension = extensionOf(name ?? '');
  const named = FORMAT_OF_EXTENSION[extension];
  if (!named || named === reader.name) return null;
  return { code: 'misnamed', message: `the name says ${extension} but the content is ${reader.name}: read as ${reader.name}` };
}
