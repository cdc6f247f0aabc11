import { VoiceprepError } from './errors.js';

/**
 * What the library's functions accept from their callers, checked at the door: a script that passes `NaN`, `null` or
 * a number where a file belongs gets a `VoiceprepError` (code `invalid-argument`) that says which argument and what
 * was expected, not a TypeError from deep inside a reader, nor a silent wrong result.
 */

/** How an option is judged: a numeric range shared with the CLI, or the type a flag or a name has. */
export type OptionRule = NumberRule | ValueRule | 'boolean' | 'string';

/** A numeric option's range (src/option-rules.ts holds them all). */
export interface NumberRule {
  /** What is expected, as the end of "expected ...". */
  readonly words: string;
  accepts(value: number): boolean;
}

/** An option whose value is not a number: an object such as an output profile. */
export interface ValueRule {
  /** What is expected, as the end of "expected ...". */
  readonly words: string;
  acceptsValue(value: unknown): boolean;
}

/** The bytes of a whole file, as a script holds them: from readFile (a Buffer), fetch or a File (an ArrayBuffer). */
export type FileBytes = Uint8Array | ArrayBuffer;

/** How a value looks in a message: itself when it is short and plain, else what kind of thing it is. */
export function describeValue(value: unknown): string {
  if (typeof value === 'string') return value.length <= 40 ? `${JSON.stringify(value)} (a string)` : `a string of ${value.length} characters`;
  if (value === null || typeof value !== 'object') return typeof value === 'function' ? 'a function' : String(value);
  if (Array.isArray(value)) return 'an array';
  const kind = tagOf(value);
  return kind === 'Object' ? 'an object' : `a ${kind}`;
}

export function invalidArgument(what: string, expected: string, value: unknown): VoiceprepError {
  return new VoiceprepError('invalid-argument', `${what}: expected ${expected}, not ${describeValue(value)}`);
}

/** By the built-in tag rather than instanceof, so that bytes made in another realm (a vm context, a frame) pass. */
function tagOf(value: object): string {
  return Object.prototype.toString.call(value).slice(8, -1);
}

export function isFileBytes(value: unknown): value is FileBytes {
  return typeof value === 'object' && value !== null && (tagOf(value) === 'Uint8Array' || tagOf(value) === 'ArrayBuffer');
}

const FILE_BYTES = "the file's bytes (a Uint8Array, a Buffer or an ArrayBuffer)";

/** The bytes of `value` (a Buffer is a Uint8Array; an ArrayBuffer is viewed whole, not copied). */
export function bytesArgument(value: unknown, what: string, expected = FILE_BYTES): Uint8Array {
  if (isFileBytes(value)) return ArrayBuffer.isView(value) ? value : new Uint8Array(value);
  if (typeof Blob !== 'undefined' && value instanceof Blob) {
    throw new VoiceprepError('invalid-argument', `${what}: a Blob or File is read first: pass new Uint8Array(await file.arrayBuffer())`);
  }
  throw invalidArgument(what, expected, value);
}

/** A path on disk: a string that could name a file (not empty, no NUL, which no file system allows in a name). */
export function pathArgument(value: unknown, what: string): string {
  if (typeof value === 'string' && value !== '' && !value.includes('\0')) return value;
  if (typeof value === 'string' && value.includes('\0')) {
    throw new VoiceprepError('invalid-argument', `${what}: a path cannot contain a NUL character (is it a file's contents read as text? pass its bytes instead)`);
  }
  if (value instanceof URL) throw new VoiceprepError('invalid-argument', `${what}: expected a path as a string; for a file: URL, pass fileURLToPath(url)`);
  throw invalidArgument(what, 'a path (a non-empty string)', value);
}

export function stringArgument(value: unknown, what: string): string {
  if (typeof value === 'string') return value;
  throw invalidArgument(what, 'a string', value);
}

/**
 * Checks an options object against its rules and returns the options that were given (keys set to undefined count as
 * not given, as does no object or null). An unknown key is refused: `{ levle: -26 }` would otherwise do nothing.
 */
export function checkOptions<T extends object>(options: unknown, rules: { readonly [K in keyof Required<T>]: OptionRule }): T {
  if (options === undefined || options === null) return {} as T;
  if (typeof options !== 'object' || Array.isArray(options)) throw invalidArgument('options', 'an object such as { level: -26 }', options);
  const known = Object.keys(rules);
  const checked: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(options)) {
    if (!known.includes(key)) {
      throw new VoiceprepError('invalid-argument', `unknown option ${JSON.stringify(key)}: the options are ${known.join(', ')}`);
    }
    if (value === undefined) continue;
    const rule: OptionRule = rules[key as keyof T];
    if (rule === 'boolean' || rule === 'string') {
      if (typeof value !== rule) throw invalidArgument(key, rule === 'boolean' ? 'true or false' : 'a string', value);
    } else if ('acceptsValue' in rule) {
      if (!rule.acceptsValue(value)) throw invalidArgument(key, rule.words, value);
    } else if (typeof value !== 'number' || !rule.accepts(value)) {
      throw invalidArgument(key, rule.words, value);
    }
    checked[key] = value;
  }
  return checked as T;
}
