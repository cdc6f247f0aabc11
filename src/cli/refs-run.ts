import { isVoiceprepError } from '../errors.js';
import { findReferences, type ReferencesResult } from '../node/find-references.js';
import type { OutputProfile } from '../profile/profile.js';
import type { ReferencePlace } from '../refs/judge-references.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes.js';
import { type CliIo, formatTable, oneLine, painter, prepareWidths, tableWidth } from './output.js';

/** What `refs` runs with: its flags, and the profile names and files are judged by. */
export interface RefsOptions {
  prompts: string;
  profile: OutputProfile;
  json?: boolean;
  quiet?: boolean;
}

export async function runRefs(sources: string[], options: RefsOptions, io: CliIo): Promise<number> {
  let result: ReferencesResult;
  try {
    result = await findReferences(sources, { prompts: options.prompts, profile: options.profile });
  } catch (error) {
    // a prompts folder that is not there is the command line's mistake: every name would be "missing"
    if (!isVoiceprepError(error) || error.code !== 'not-found') throw error;
    io.stderr.write(`voiceprep refs: ${oneLine(error.message)}\n`);
    return EXIT_USAGE;
  }
  if (options.json) {
    io.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
  } else {
    await prepareWidths(result.names.map((name) => name.name));
    io.stdout.write(render(result, options, io));
  }
  return result.summary.failed === 0 && result.sources.length === 0 ? EXIT_OK : EXIT_PROBLEMS;
}

/** `client.ts:12:5`: where an editor or a terminal jumps to. */
export function placeText(place: ReferencePlace): string {
  return `${place.file}:${place.line}:${place.column}`;
}

function render(result: ReferencesResult, options: RefsOptions, io: CliIo): string {
  const paint = painter(io);
  const shown = options.quiet ? result.names.filter((name) => !name.ok) : result.names;
  const lines: string[] = [];
  if (shown.length > 0) {
    const rows = shown.map((name) => [
      oneLine(name.name),
      oneLine(placeText(name.places[0])) + (name.places.length > 1 ? ` (+${name.places.length - 1})` : ''),
      name.places[0].key,
      name.ok ? paint.good('ok') : paint.bad(name.problems.map((problem) => problem.code).join(',')),
    ]);
    const header = ['name', 'named at', 'key', 'verdict'];
    lines.push(formatTable(header, rows, new Set(), { width: tableWidth(io), paths: new Set([0, 1]), lists: new Set([3]) }), '');
  }
  for (const source of result.sources) lines.push(`${paint.bad('✗')} ${oneLine(`${source.path}: ${source.code}: ${source.message}`)}`);
  for (const name of shown) {
    for (const problem of name.problems) {
      for (const place of name.places) lines.push(`${paint.bad('✗')} ${oneLine(`${placeText(place)}: ${problem.code}: ${name.name}: ${problem.message}`)}`);
    }
    if (!options.quiet) for (const warning of name.warnings) lines.push(`${paint.warn('!')} ${oneLine(`${placeText(name.places[0])}: ${warning.code}: ${name.name}: ${warning.message}`)}`);
  }
  if (!options.quiet) {
    for (const warning of result.warnings) {
      const where = warning.place ? placeText(warning.place) : (warning.path ?? '');
      lines.push(`${paint.warn('!')} ${oneLine(`${where}: ${warning.code}: ${warning.message}`)}`);
    }
  }
  const { scanned, names, ok, failed, warnings } = result.summary;
  const summary = `${names} name(s) in ${scanned} source file(s) scanned: ${ok} ok, ${failed} with problems, ${warnings} warning(s)`;
  const bad = failed > 0 || result.sources.length > 0;
  if (lines.length > 0 && lines[lines.length - 1] !== '') lines.push('');
  lines.push(bad ? paint.bad(summary) : paint.good(summary));
  return `${lines.join('\n')}\n`;
}
