/**
 * voiceprep's core: everything that works on bytes, with no Node-only module, so that it also runs in a browser
 * or a worker. `voiceprep` (index.ts) adds files on disk on top of this.
 */
export { VoiceprepError, isVoiceprepError, type ErrorCode } from './errors.js';
export { bytesSource, type ByteSource } from './source/byte-source.js';
export type { FileBytes } from './arguments.js';
export { readWaveHeader } from './formats/wave/read-wave-header.js';
export type { ChunkInfo, Encoding, WaveFormat, WaveHeader, WaveWarning } from './formats/wave/wave-header.js';
export { openAudio, probeAudio } from './formats/open-audio.js';
export type { AudioFormatReader, AudioSource, PcmBlock, ProbedFormat, SampleFormat, SourceWarning } from './source/audio-source.js';
export {
  MAX_INPUT_RATE,
  MIN_INPUT_RATE,
  PLATFORM_LIMIT_SAMPLES,
  openConversion,
  type ByteSink,
  type Conversion,
  type ConvertOptions,
} from './pipeline/conversion.js';
export { convertBytes, type ConvertResult } from './pipeline/convert-bytes.js';
export { silenceBytes } from './pipeline/silence.js';
export type { ConvertReport, InputDescription } from './pipeline/report.js';
export {
  CANONICAL_HEADER_BYTES,
  OUTPUT_SAMPLE_RATE,
  canonicalFileSize,
  maxSamplesForFileSize,
} from './write/canonical-wave.js';
export { checkBytes, checkSource, summarizeRecords, type CheckOptions } from './check/check-bytes.js';
export { judgeHeader, type HeaderVerdict } from './check/compliance.js';
export { isCompliantName, nameFault } from './check/file-name.js';
export { PROBLEM_FOR_ERROR, type FileRecord, type FormatSummary, type Problem, type ProblemCode, type Summary, type Warning } from './check/file-record.js';
export * from './profile/platform-rules.js';
export { DEFAULT_PROFILE, HUAWEI_VOICECALL, isOutputProfile, type OutputProfile } from './profile/profile.js';
export { PROFILES, TARGETS } from './profile/profiles.js';
export { targetNamed } from './profile/target-named.js';
export { ENCODINGS, type EncodingSpec, type OutputEncoding } from './profile/encodings.js';
export type { NameRules } from './profile/name-rules.js';
export { decodePlayback, waveformOf, type Playback, type Waveform } from './review/waveform.js';
export { reviewPage, type ReviewOptions, type ReviewRecord } from './review/review-page.js';
export { alawFromLinear16 } from './codecs/g711-alaw.js';
export { linear16FromAlaw, linear16FromMulaw } from './codecs/g711-expand.js';
