import type { Problem, Warning } from '../core.js';
import type { Waveform } from '../review/waveform.js';

/**
 * What the page and its workers say to each other about a file. This module has no engine code in it (only types
 * from voiceprep/core), so that the page's bundle stays free of the engine, which only the workers run.
 */

/** The CLI's options that matter in the page (convert's --max-size, --trim, --normalize, --level -26, --trim-silence). */
export interface PageOptions {
  /** The target's id (convert --target): what the files are for. */
  target: string;
  maxBytes: number;
  trim: boolean;
  normalize: boolean;
  /** Bring the active speech level to -26 dBov (convert --level -26). */
  level: boolean;
  trimSilence: boolean;
  /** Even the level inside each prompt (convert --even). */
  even: boolean;
  /** Remove DC, rumble and hum below 100 Hz (convert --highpass). */
  highpass: boolean;
  /** Milliseconds of silence added before and after (convert --pad <start>,<end>); 0 for none. */
  padStartMs: number;
  padEndMs: number;
  /** The sample rate of Dialogic .vox files, which have no header to say it (convert --vox-rate). */
  voxRate: number;
}

/**
 * What became of one file. Plain data (numbers and codes, never sentences in one language), so that it crosses
 * from the worker to the page as it is and the page words it in the language the person reads.
 */
export interface PreparedFile {
  /** 'kept': already a compliant playback file, so its bytes are kept as they are; 'converted'; 'failed'. */
  verdict: 'kept' | 'converted' | 'failed';
  /** The playback file (the input itself when kept); null when the file failed. */
  bytes: Uint8Array | null;
  /** Why the file failed: codes and messages as `voiceprep check` and `convert` print them. */
  problems: Problem[];
  /** What `check` says of a kept file that does not stop it from working (an extra chunk, no fact chunk, ...). */
  warnings: Warning[];
  /** Duration of the input, when it could be read. */
  inputSeconds: number | null;
  /** Duration and size of the playback file (of the too-large conversion, when that is the problem). */
  seconds: number | null;
  size: number | null;
  /** The size limit the file was held to, and the seconds of audio that fit in it; null if it never got that far. */
  sizeLimit: { bytes: number; fitSeconds: number } | null;
  peakDbfs: number | null;
  clippedSamples: number;
  trimmed: boolean;
  gainDb: number;
  /** The active speech level before and after, in dBov, when it was measured (the level or silence option). */
  levelDbov: { before: number | null; after: number | null } | null;
  /** What the input is ('MP4', 'AMR', 'MP3', ...), when it was recognized: a refusal names it. */
  format: string | null;
  /** The playback file decoded with its encoding's codec (what the phone plays), at `playbackRate`; null when failed. */
  playback: Float32Array | null;
  playbackRate: number;
  /** The playback file's waveform; null when failed. */
  waveform: Waveform | null;
}

/** A file that failed for `problems`, with nothing else known of it. */
export function failedFile(problems: Problem[]): PreparedFile {
  return {
    verdict: 'failed',
    bytes: null,
    problems,
    warnings: [],
    inputSeconds: null,
    seconds: null,
    size: null,
    sizeLimit: null,
    peakDbfs: null,
    clippedSamples: 0,
    trimmed: false,
    gainDb: 0,
    levelDbov: null,
    format: null,
    playback: null,
    playbackRate: 0,
    waveform: null,
  };
}
