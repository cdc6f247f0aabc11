import { keyNamed, keySetBy } from './playback-keys.js';
import type { Token } from './token.js';

/** A place where code hands a playback file's name to the platform, as an offset into its text. */
export interface FoundReference {
  /** The API parameter: 'waitVoice'. */
  key: string;
  /** Where the value starts. */
  start: number;
  /** The name, when it is written out; null when it is built at run time. */
  name: string | null;
  /** When built at run time: the code that builds it, on one line. */
  expression?: string;
}

/** What a key written after these is not given a value: `case 'waitVoice':`, `a ? waitVoice : b`, `== "waitVoice":`. */
const NOT_A_KEY_AFTER = new Set(['case', '?', '==', '===', '!=', '!==', 'in', 'is', 'not']);
/** Values that name no file: the parameter is left out. */
const NO_VALUE = new Set(['null', 'None', 'nil', 'undefined', 'NULL', 'true', 'false', 'True', 'False']);
/** Type names: `waitVoice: string` declares a field, `wait_voice: str = "x"` annotates an assignment. */
const TYPES = new Set(['string', 'String', 'str', 'any', 'object', 'Object', 'Optional', 'var', 'let', 'const', 'final']);
/** Words before a `(` that make it a call (`return setWaitVoice(...)`), not a declaration (`void setWaitVoice(...)`). */
const BEFORE_CALL = new Set(['return', 'await', 'yield', 'new', 'throw', 'else', 'do', 'in', 'of', 'case']);
/** Words after which a name and a `(` declare a function. */
const DECLARES = new Set(['function', 'def', 'func', 'fun', 'fn']);
/** What continues a string into an expression built at run time: `"a" + x`, `"%s.wav" % x`, `"{}".format(x)`, PHP's `'a' . $x`. */
const CONTINUES = new Set(['+', '%', '.', '?.', '??', '||', '&&', '?', '[']);

/**
 * The playback-file names a source hands to the platform, read from its tokens: a key of PLAYBACK_KEYS followed by
 * `:` (JSON, YAML's flow style, object literals, Go and Python dicts), `=` (assignments, keyword arguments, C#
 * initializers), `=>` (PHP arrays), `"key"] =` (an index), `"key", value` as a call's or an initializer's first pair
 * (`put("notifyVoice", "n.wav")`, C#'s `{ "k", "v" }`), or a setter or builder call (`setWaitVoice("w.wav")`,
 * `.waitVoice("w.wav")`). A value that is one literal is a name; anything else is built at run time (said, never
 * guessed), except what names no file: null and its kin, a type (a declaration), or the same key passed on
 * (`this.waitVoice = waitVoice`, whose name is found where it is set).
 */
export function matchReferences(tokens: readonly Token[], text: string): FoundReference[] {
  const found: FoundReference[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i];
    if (token.kind !== 'word' && (token.kind !== 'string' || token.interpolated)) continue;
    const at = valueAfterKey(tokens, i);
    if (!at) continue;
    const reference = readValue(tokens, at.index, at.key, text);
    if (reference) found.push(reference);
  }
  return found;
}

/** If the token at `i` is a key in one of the forms above: the key, and where its value starts. */
function valueAfterKey(tokens: readonly Token[], i: number): { key: string; index: number } | null {
  const token = tokens[i];
  const before = tokens[i - 1];
  const after = tokens[i + 1];
  if (!after) return null;
  // a switch label, a ternary's branch, a comparison (Python's `if key == "waitVoice":` opens a block, gives no value)
  if (before && NOT_A_KEY_AFTER.has(before.text)) return null;
  if (token.kind === 'string') {
    const key = keyNamed(token.value ?? '');
    if (!key) return null;
    if (after.text === ':' || after.text === '=>') return { key, index: i + 2 };
    if (after.text === ']' && before?.text === '[' && tokens[i + 2]?.text === '=') return { key, index: i + 3 };
    if (after.text === ',' && (before?.text === '(' || before?.text === '{')) return { key, index: i + 2 };
    return null;
  }
  if (after.text === '(') {
    const key = keySetBy(token.text) ?? keyNamed(token.text);
    if (!key || (before && (DECLARES.has(before.text) || (before.kind === 'word' && !BEFORE_CALL.has(before.text))))) return null;
    return { key, index: i + 2 };
  }
  const key = keyNamed(token.text);
  if (!key) return null;
  if (after.text === ':' || after.text === '=' || after.text === ':=') return { key, index: i + 2 };
  return null;
}

function readValue(tokens: readonly Token[], index: number, key: string, text: string): FoundReference | null {
  const value = tokens[index];
  if (!value) return null;
  const next = tokens[index + 1];
  if (value.kind === 'string') {
    if (!value.interpolated && !(next && CONTINUES.has(next.text))) {
      return value.value === '' ? null : { key, start: value.start, name: value.value ?? '' };
    }
    return builtAtRunTime(tokens, index, key, text);
  }
  if (value.kind === 'number') return null;
  if (value.kind === 'word') {
    if (NO_VALUE.has(value.text)) return null;
    if (TYPES.has(value.text)) return next?.text === '=' ? readValue(tokens, index + 2, key, text) : null;
    // a parameter's declaration: `setWaitVoice(String waitVoice)`, `setWaitVoice(name: string)`, Python's `self`
    if (next && (next.kind === 'word' || next.text === ':' || next.text === '?:') && tokens[index - 1]?.text === '(') return null;
    if (value.text === 'self' || value.text === 'this') {
      if (next?.text !== '.') return null;
    }
    if (passesOn(tokens, index, key, text)) return null;
  }
  if (value.kind === 'punct' && (value.text === ')' || value.text === ';' || value.text === '}' || value.text === ',')) return null;
  return builtAtRunTime(tokens, index, key, text);
}

/** `waitVoice: waitVoice`, `this.waitVoice = waitVoice`, `body.waitVoice = req.waitVoice`: the same key passed on. */
function passesOn(tokens: readonly Token[], index: number, key: string, text: string): boolean {
  let last = index;
  while ((tokens[last + 1]?.text === '.' || tokens[last + 1]?.text === '?.' || tokens[last + 1]?.text === '->') && tokens[last + 2]?.kind === 'word') last += 2;
  if (keyNamed(tokens[last].text) !== key) return false;
  const end = tokens[last + 1];
  // the value ends at a separator, or at the end of its line (Python, Go and YAML need no ';')
  return end === undefined || [',', ';', ')', '}', ']'].includes(end.text) || text.slice(tokens[last].start, end.start).includes('\n');
}

const OPENS = new Set(['(', '[', '{']);
const CLOSES = new Set([')', ']', '}']);

/** The value that starts at `index`, to the separator that ends it (or the end of its line), as one line of code. */
function builtAtRunTime(tokens: readonly Token[], index: number, key: string, text: string): FoundReference {
  const start = tokens[index].start;
  let depth = 0;
  let last = index;
  for (let i = index; i < tokens.length; i++) {
    const token = tokens[i];
    if (depth === 0 && i > index && (token.text === ',' || token.text === ';' || CLOSES.has(token.text) || text.slice(tokens[i - 1].start, token.start).includes('\n'))) break;
    if (OPENS.has(token.text)) depth++;
    else if (CLOSES.has(token.text)) depth--;
    last = i;
  }
  const expression = text.slice(start, tokens[last].start + tokens[last].text.length).replace(/\s+/g, ' ');
  return { key, start, name: null, expression: expression.length > 60 ? `${expression.slice(0, 59)}…` : expression };
}
