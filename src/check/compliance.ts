import { invalidArgument } from '../arguments.js';
import { SIZE } from '../pipeline/output-rules.js';
import type { WaveHeader, WaveWarning } from '../formats/wave/wave-header.js';
import { DEFAULT_PROFILE, encodingOf, type OutputProfile } from '../profile/profile.js';
import { canonicalLayout } from '../write/canonical-wave.js';
import type { FormatSummary } from '../source/format-summary.js';
import { summarizeFormat } from '../formats/wave/summarize-format.js';
import type { Problem, Warning } from './file-record.js';

/** Reader warnings that mean the file's sizes disagree with its bytes: a strict parser may refuse such a file. */
const MALFORMING_WARNINGS: ReadonlySet<WaveWarning['code']> = new Set([
  'data-size-unset',
  'data-truncated',
  'chunk-truncated',
  'riff-size',
  'partial-frame',
]);

/** How each container other than RIFF is read aloud: "an RF64", "a BW64", "a RIFX". */
const CONTAINER_ARTICLE: Record<Exclude<WaveHeader['container'], 'RIFF'>, string> = { RF64: 'an', BW64: 'a', RIFX: 'a' };

/** Chunks a canonical playback file may have; anything else is reported as a harmless extra. */
const CANONICAL_CHUNKS = new Set(['fmt ', 'fact', 'data']);

export interface HeaderVerdict {
  problems: Problem[];
  warnings: Warning[];
  format: FormatSummary;
  seconds: number;
}

/**
 * Everything that stops the profile's platform from accepting a WAVE file, judged from its header alone. `fix` is
 * the command that repairs the file, appended to each problem so that every message says what to do.
 */
export function judgeHeader(
  header: WaveHeader,
  fileBytes: number,
  maxBytes: number,
  fixWith: (extra?: string) => string,
  profile: OutputProfile = DEFAULT_PROFILE,
): HeaderVerdict {
  if (typeof header !== 'object' || header === null || typeof header.format !== 'object') throw invalidArgument('header', 'a WaveHeader (from readWaveHeader)', header);
  if (typeof fileBytes !== 'number') throw invalidArgument('fileBytes', 'the file\'s size in bytes', fileBytes);
  if (!SIZE.accepts(maxBytes)) throw invalidArgument('maxBytes', SIZE.words, maxBytes);
  if (typeof fixWith !== 'function') throw invalidArgument('fixWith', 'a function that gives the command that fixes the file', fixWith);
  const fix = fixWith();
  const wanted = encodingOf(profile);
  const layout = canonicalLayout(profile);
  const rate = profile.sampleRate;
  const { format } = header;
  const problems: Problem[] = [];
  const warnings: Warning[] = [];
  const problem = (code: Problem['code'], message: string) => problems.push({ code, message: `${message}: ${fix}` });
  const seconds = header.frames / format.sampleRate;

  if (header.container !== 'RIFF') problem('container', `${CONTAINER_ARTICLE[header.container]} ${header.container} container, not plain RIFF`);
  for (const warning of header.warnings) {
    if (MALFORMING_WARNINGS.has(warning.code)) problem('malformed', warning.message);
    else warnings.push(warning);
  }
  const encoded = format.effectiveTag === wanted.waveTag;
  if (format.extensible && encoded) {
    problem('encoding', `${wanted.name} inside WAVE_FORMAT_EXTENSIBLE, which the platform need not accept; it wants plain ${wanted.name}`);
  } else if (!encoded || format.bitsPerSample !== wanted.bitsPerSample) {
    problem('encoding', `${describeEncoding(header)}, not ${wanted.name}`);
  }
  if (format.sampleRate !== rate) problem('sample-rate', `${format.sampleRate} Hz, not ${rate} Hz`);
  if (format.channels !== profile.channels) problem('channels', `${format.channels} channels, not mono`);
  if (fileBytes > maxBytes) {
    const fits = layout.maxSamplesForFileSize(maxBytes);
    // A file that is not a playback file yet shrinks when converted (8000 bytes a second for 8 kHz A-law): it may fit then.
    const converted = layout.fileSize(Math.round(seconds * rate));
    const remedy =
      converted <= maxBytes
        ? `converted, it takes ${converted} bytes: ${fix}`
        : `${seconds.toFixed(1)} s of audio, and ${(fits / rate).toFixed(1)} s fit: cut it to fit with ${fixWith(' --trim').replace(/^fix with /, '')}, or split the recording`;
    problems.push({ code: 'size', message: `${fileBytes} bytes is over the ${maxBytes}-byte limit; ${remedy}` });
  }

  if (profile.maxSeconds !== undefined && seconds >= profile.maxSeconds) {
    const cut = fixWith(' --trim').replace(/^fix with /, '');
    problems.push({ code: 'length', message: `${seconds.toFixed(1)} s long; ${profile.platform} takes prompts shorter than ${profile.maxSeconds} s: cut it with ${cut}, or split the recording` });
  }
  if (header.frames === 0) warnings.push({ code: 'empty', message: 'it holds no audio: the platform would play nothing' });
  for (const chunk of header.chunks) {
    if (!CANONICAL_CHUNKS.has(chunk.id)) {
      const what = chunk.id === 'LIST' ? 'a LIST chunk (metadata)' : `an extra '${chunk.id}' chunk`;
      warnings.push({ code: 'extra-chunk', message: `${what}, which the platform ignores` });
    }
  }
  // Layout details matter only for a file in the wanted encoding already; anything else must be converted anyway.
  if (encoded) {
    if (wanted.fact && header.factSamples === null) {
      warnings.push({ code: 'no-fact', message: `no fact chunk, which an ${wanted.name} WAV file should have` });
    }
    if (format.fmtSize !== wanted.fmtBytes) {
      warnings.push({ code: 'fmt-size', message: `a ${format.fmtSize}-byte fmt chunk (the canonical ${wanted.name} layout has ${wanted.fmtBytes})` });
    }
  }

  return { problems, warnings, format: summarizeFormat(header), seconds };
}

function describeEncoding(header: WaveHeader): string {
  const { format } = header;
  const bits = format.encoding === 'pcm' || format.encoding === 'float' ? `${format.validBitsPerSample}-bit ` : '';
  return `${bits}${format.encodingName}${format.extensible ? ' (WAVE_FORMAT_EXTENSIBLE)' : ''}`;
}
