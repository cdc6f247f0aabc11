import { invalidArgument } from '../arguments.js';
import { SIZE } from '../option-rules.js';
import type { WaveHeader, WaveWarning } from '../read/wave-header.js';
import { WAVE_FORMAT_ALAW } from '../read/format-tags.js';
import { REQUIRED_CHANNELS, REQUIRED_SAMPLE_RATE } from '../platform-rules.js';
import { canonicalFileSize, maxSamplesForFileSize, OUTPUT_SAMPLE_RATE } from '../write/canonical-wave.js';
import { type FormatSummary, summarizeFormat } from '../read/format-summary.js';
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

/** Chunks a canonical playback file has; anything else is reported as a harmless extra. */
const CANONICAL_CHUNKS = new Set(['fmt ', 'fact', 'data']);

export interface HeaderVerdict {
  problems: Problem[];
  warnings: Warning[];
  format: FormatSummary;
  seconds: number;
}

/**
 * Everything that stops the platform from accepting a WAVE file, judged from its header alone. `fix` is the
 * command that repairs the file, appended to each problem so that every message says what to do.
 */
export function judgeHeader(header: WaveHeader, fileBytes: number, maxBytes: number, fixWith: (extra?: string) => string): HeaderVerdict {
  if (typeof header !== 'object' || header === null || typeof header.format !== 'object') throw invalidArgument('header', 'a WaveHeader (from readWaveHeader)', header);
  if (typeof fileBytes !== 'number') throw invalidArgument('fileBytes', 'the file\'s size in bytes', fileBytes);
  if (!SIZE.accepts(maxBytes)) throw invalidArgument('maxBytes', SIZE.words, maxBytes);
  if (typeof fixWith !== 'function') throw invalidArgument('fixWith', 'a function that gives the command that fixes the file', fixWith);
  const fix = fixWith();
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
  if (format.extensible && format.effectiveTag === WAVE_FORMAT_ALAW) {
    problem('encoding', 'A-law inside WAVE_FORMAT_EXTENSIBLE, which the platform need not accept; it wants plain A-law');
  } else if (format.effectiveTag !== WAVE_FORMAT_ALAW || format.bitsPerSample !== 8) {
    problem('encoding', `${describeEncoding(header)}, not A-law`);
  }
  if (format.sampleRate !== REQUIRED_SAMPLE_RATE) problem('sample-rate', `${format.sampleRate} Hz, not ${REQUIRED_SAMPLE_RATE} Hz`);
  if (format.channels !== REQUIRED_CHANNELS) problem('channels', `${format.channels} channels, not mono`);
  if (fileBytes > maxBytes) {
    const fits = maxSamplesForFileSize(maxBytes);
    // A file that is not a playback file yet shrinks when converted (8000 bytes a second): it may fit then.
    const converted = canonicalFileSize(Math.round(seconds * OUTPUT_SAMPLE_RATE));
    const remedy =
      converted <= maxBytes
        ? `converted, it takes ${converted} bytes: ${fix}`
        : `${seconds.toFixed(1)} s of audio, and ${(fits / OUTPUT_SAMPLE_RATE).toFixed(1)} s fit: cut it to fit with ${fixWith(' --trim').replace(/^fix with /, '')}, or split the recording`;
    problems.push({ code: 'size', message: `${fileBytes} bytes is over the ${maxBytes}-byte limit; ${remedy}` });
  }

  if (header.frames === 0) warnings.push({ code: 'empty', message: 'it holds no audio: the platform would play nothing' });
  for (const chunk of header.chunks) {
    if (!CANONICAL_CHUNKS.has(chunk.id)) {
      const what = chunk.id === 'LIST' ? 'a LIST chunk (metadata)' : `an extra '${chunk.id}' chunk`;
      warnings.push({ code: 'extra-chunk', message: `${what}, which the platform ignores` });
    }
  }
  // Layout details matter only for a file that is A-law already; anything else must be converted anyway.
  if (format.effectiveTag === WAVE_FORMAT_ALAW) {
    if (header.factSamples === null) warnings.push({ code: 'no-fact', message: 'no fact chunk, which an A-law WAV file should have' });
    if (format.fmtSize !== 18) {
      warnings.push({ code: 'fmt-size', message: `a ${format.fmtSize}-byte fmt chunk (the canonical A-law layout has 18)` });
    }
  }

  return { problems, warnings, format: summarizeFormat(header), seconds };
}

function describeEncoding(header: WaveHeader): string {
  const { format } = header;
  const bits = format.encoding === 'pcm' || format.encoding === 'float' ? `${format.validBitsPerSample}-bit ` : '';
  return `${bits}${format.encodingName}${format.extensible ? ' (WAVE_FORMAT_EXTENSIBLE)' : ''}`;
}
