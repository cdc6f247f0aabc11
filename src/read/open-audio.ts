import { VoiceprepError } from '../errors.js';
import type { AudioFormatReader, AudioSource, OpenOptions, ProbedFormat } from './audio-source.js';
import type { ByteSource } from './byte-source.js';
import { identifyNonWave } from './sniff.js';
import { voxReader } from './vox-reader.js';
import { waveReader } from './wave-reader.js';

/**
 * Every format voiceprep reads, in the order they are asked whether a file is theirs: those with a signature first,
 * then Dialogic VOX, which has none and is known by its `.vox` name alone.
 */
const READERS: readonly AudioFormatReader[] = [waveReader, voxReader];

/** Enough of the start of a file for every reader to recognize its own. */
const HEAD_BYTES = 4096;

/**
 * The reader for a file, chosen by its content (never by its name, except for the one format that has no
 * signature). A file no reader recognizes is a `not-wav` error that says what it seems to be instead.
 */
export async function identifyReader(source: ByteSource, options: OpenOptions = {}): Promise<AudioFormatReader> {
  const head = (await source.read(0, HEAD_BYTES)).slice();
  const reader = READERS.find((candidate) => candidate.recognizes(head, options));
  if (!reader) throw new VoiceprepError('not-wav', identifyNonWave(head, source.size));
  return reader;
}

/** Opens any supported file for decoding. */
export async function openAudio(source: ByteSource, options: OpenOptions = {}): Promise<AudioSource> {
  return (await identifyReader(source, options)).open(source, options);
}

/** What a file is, from its header alone. */
export async function probeAudio(source: ByteSource, options: OpenOptions = {}): Promise<ProbedFormat> {
  return (await identifyReader(source, options)).probe(source, options);
}
