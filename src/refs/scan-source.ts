import { type CLikeDialect, tokenizeCLike } from './c-like.js';
import { type FoundReference, matchReferences } from './match-references.js';
import { MAY_NAME_A_KEY } from './playback-keys.js';
import { tokenizePython } from './python.js';
import { scanYaml } from './yaml.js';

/** A place in a source file: line and column count from 1, a column in characters (UTF-16 code units). */
export interface SourcePlace {
  file: string;
  line: number;
  column: number;
}

/** A playback file's name handed to the platform in a source file, or a place where one is built at run time. */
export interface SourceReference extends SourcePlace {
  key: string;
  /** null when the name is built at run time. */
  name: string | null;
  /** When built at run time: the code that builds it. */
  expression?: string;
}

const JAVASCRIPT: CLikeDialect = { regex: true, backquote: 'template' };
const JSON_TEXT: CLikeDialect = {};
const JAVA: CLikeDialect = { textBlocks: true };
const GO: CLikeDialect = { backquote: 'raw' };
const CSHARP: CLikeDialect = { csharpStrings: true, textBlocks: true };
const PHP: CLikeDialect = { hashComments: true, dollarInterpolation: true };

type Scanner = (text: string) => FoundReference[];

const cLike = (dialect: CLikeDialect): Scanner => (text) => matchReferences(tokenizeCLike(text, dialect), text);

/** Each extension (lower case) a source of that language family has, and how it is read. */
const SCANNERS: ReadonlyMap<string, Scanner> = new Map([
  ...['.js', '.mjs', '.cjs', '.jsx', '.ts', '.mts', '.cts', '.tsx', '.vue', '.svelte'].map((ext) => [ext, cLike(JAVASCRIPT)] as const),
  ...['.json', '.jsonc', '.json5'].map((ext) => [ext, cLike(JSON_TEXT)] as const),
  ['.java', cLike(JAVA)],
  ['.go', cLike(GO)],
  ['.cs', cLike(CSHARP)],
  ['.php', cLike(PHP)],
  ['.py', (text: string) => matchReferences(tokenizePython(text), text)],
  ...['.yaml', '.yml'].map((ext) => [ext, scanYaml] as const),
]);

/** The extensions a folder or glob is searched for: the source files `scanSource` reads. */
export const SOURCE_EXTENSIONS: readonly string[] = [...SCANNERS.keys()];

function extensionOf(file: string): string {
  const slash = Math.max(file.lastIndexOf('/'), file.lastIndexOf('\\'));
  const dot = file.lastIndexOf('.');
  return dot > slash + 1 ? file.slice(dot).toLowerCase() : '';
}

/** Whether `scanSource` reads a file of this name. */
export function isSourceFile(file: string): boolean {
  return SCANNERS.has(extensionOf(file));
}

/**
 * The playback-file names a source file hands to the platform, and the places where one is built at run time, in
 * the order written. `file` is the path the places carry; its extension says the language (a file of another
 * extension has none). Comments and prose in strings are never read as code.
 */
export function scanSource(text: string, file: string): SourceReference[] {
  const scanner = SCANNERS.get(extensionOf(file));
  if (!scanner || !MAY_NAME_A_KEY.test(text)) return [];
  const found = scanner(text);
  if (found.length === 0) return [];
  const lines = lineStarts(text);
  return found.map(({ start, ...rest }) => ({ file, ...placeOf(lines, start), ...rest }));
}

function lineStarts(text: string): number[] {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
}

function placeOf(starts: readonly number[], offset: number): { line: number; column: number } {
  let low = 0;
  let high = starts.length - 1;
  while (low < high) {
    const middle = (low + high + 1) >> 1;
    if (starts[middle] <= offset) low = middle;
    else high = middle - 1;
  }
  return { line: low + 1, column: offset - starts[low] + 1 };
}
