import { type Token, isDigitCode, isWordCode, punctAt, unquote } from './token.js';

/**
 * The languages whose comments are `//` and `/* *\/` and whose strings are quoted: JavaScript, TypeScript and JSON,
 * Java, Go, C# and PHP. What sets them apart is a few kinds of literal, given here.
 */
export interface CLikeDialect {
  /** `/.../flags` regular expressions (JavaScript): their quotes are not strings. */
  readonly regex?: boolean;
  /** Backquotes: a template (JavaScript, `${...}` built at run time) or a raw string (Go). */
  readonly backquote?: 'template' | 'raw';
  /** `#` starts a comment too (PHP). */
  readonly hashComments?: boolean;
  /** PHP: a double-quoted string with `$name` or `{$...}` in it is built at run time. */
  readonly dollarInterpolation?: boolean;
  /** C#: `@"..."` is verbatim and `$"..{x}.."` interpolated. */
  readonly csharpStrings?: boolean;
  /** Java's and C#'s `"""` text blocks. */
  readonly textBlocks?: boolean;
}

/** After these a `/` starts a regular expression rather than a division. */
const BEFORE_REGEX = new Set(['return', 'typeof', 'case', 'do', 'else', 'in', 'of', 'new', 'delete', 'void', 'throw', 'yield', 'await']);

/** The tokens of a C-like source, comments left out. Never throws: an unterminated literal runs to the end. */
export function tokenizeCLike(text: string, dialect: CLikeDialect): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let at = 0;
  const push = (token: Token) => tokens.push(token);
  while (at < length) {
    const code = text.charCodeAt(at);
    if (code <= 32) {
      at++;
      continue;
    }
    const ch = text[at];
    const next = text[at + 1];
    if (ch === '/' && next === '/') {
      at = endOfLine(text, at);
      continue;
    }
    if (ch === '#' && dialect.hashComments && next !== '[') {
      at = endOfLine(text, at);
      continue;
    }
    if (ch === '/' && next === '*') {
      const end = text.indexOf('*/', at + 2);
      at = end < 0 ? length : end + 2;
      continue;
    }
    if (isWordCode(code) && !isDigitCode(code)) {
      // C#'s $"..." and $@"..." are strings with a prefix ('$' is a word character, '@' is not: see below)
      if (dialect.csharpStrings && ch === '$' && (next === '"' || (next === '@' && text[at + 2] === '"'))) {
        at = readQuoted(text, at, next === '@' ? at + 2 : at + 1, { raw: next === '@', doubledQuote: next === '@', interpolation: 'braces' }, push);
        continue;
      }
      let end = at + 1;
      while (end < length && isWordCode(text.charCodeAt(end))) end++;
      push({ kind: 'word', text: text.slice(at, end), start: at });
      at = end;
      continue;
    }
    if (isDigitCode(code)) {
      let end = at + 1;
      while (end < length && (isWordCode(text.charCodeAt(end)) || text[end] === '.')) end++;
      push({ kind: 'number', text: text.slice(at, end), start: at });
      at = end;
      continue;
    }
    if (ch === '@' && dialect.csharpStrings && (next === '"' || (next === '$' && text[at + 2] === '"'))) {
      at = readQuoted(text, at, next === '$' ? at + 2 : at + 1, { raw: true, doubledQuote: true, interpolation: next === '$' ? 'braces' : undefined }, push);
      continue;
    }
    if (ch === '"' && dialect.textBlocks && text.startsWith('"""', at)) {
      const end = text.indexOf('"""', at + 3);
      const close = end < 0 ? length : end + 3;
      push({ kind: 'string', text: text.slice(at, close), start: at, value: text.slice(at + 3, end < 0 ? length : end) });
      at = close;
      continue;
    }
    if (ch === '"' || ch === "'") {
      const interpolation = ch === '"' && dialect.dollarInterpolation ? 'dollar' : undefined;
      at = readQuoted(text, at, at, { raw: false, interpolation }, push);
      continue;
    }
    if (ch === '`' && dialect.backquote) {
      at = readQuoted(text, at, at, { raw: dialect.backquote === 'raw', interpolation: dialect.backquote === 'template' ? 'template' : undefined }, push);
      continue;
    }
    if (ch === '/' && dialect.regex && startsRegex(tokens[tokens.length - 1])) {
      at = skipRegex(text, at);
      continue;
    }
    const punct = punctAt(text, at);
    push({ kind: 'punct', text: punct, start: at });
    at += punct.length;
  }
  return tokens;
}

interface QuoteRules {
  /** No backslash escapes (Go's backquotes, C#'s @"..."). */
  raw: boolean;
  /** A quote is written twice inside (C#'s verbatim strings). */
  doubledQuote?: boolean;
  /** How a string is built at run time in this literal, if it can be. */
  interpolation?: 'template' | 'braces' | 'dollar';
}

/** Reads the literal whose quote is at `quoteAt` (a prefix starts at `start`), pushes it, and returns where it ends. */
function readQuoted(text: string, start: number, quoteAt: number, rules: QuoteRules, push: (token: Token) => void): number {
  const quote = text[quoteAt];
  let at = quoteAt + 1;
  while (at < text.length) {
    if (text[at] === quote) {
      if (!rules.doubledQuote || text[at + 1] !== quote) break;
      at++;
    } else if (text[at] === '\\' && !rules.raw) at++;
    // a quote that is not the template's own may sit in ${...}: skip the expression whole
    else if (rules.interpolation === 'template' && text[at] === '$' && text[at + 1] === '{') at = closingBrace(text, at + 1);
    // a newline ends a string in every dialect but templates, raw strings and verbatim strings: an unclosed quote
    // in a comment the tokenizer did not see must not swallow the rest of the file
    else if (text[at] === '\n' && !rules.raw && rules.interpolation !== 'template') break;
    at++;
  }
  const end = Math.min(at + 1, text.length);
  const body = text.slice(quoteAt + 1, Math.min(at, text.length));
  push({ kind: 'string', text: text.slice(start, end), start, value: unquote(body, rules.raw), interpolated: isInterpolated(body, rules.interpolation) });
  return end;
}

function isInterpolated(body: string, interpolation: QuoteRules['interpolation']): boolean {
  if (interpolation === 'template') return body.includes('${');
  if (interpolation === 'braces') return /\{(?!\{)/.test(body.replace(/\{\{/g, ''));
  if (interpolation === 'dollar') return /\$[A-Za-z_{]|\{\$/.test(body);
  return false;
}

/** The offset of the `}` that closes the `{` at `open` (nested braces counted), or the end of the text. */
function closingBrace(text: string, open: number): number {
  let depth = 0;
  for (let at = open; at < text.length; at++) {
    if (text[at] === '{') depth++;
    else if (text[at] === '}' && --depth === 0) return at;
  }
  return text.length;
}

function startsRegex(previous: Token | undefined): boolean {
  if (!previous) return true;
  if (previous.kind === 'punct') return !(previous.text === ')' || previous.text === ']' || previous.text === '}');
  return previous.kind === 'word' && BEFORE_REGEX.has(previous.text);
}

/** Skips a regular expression literal (a `/` in a class does not end it); a newline ends a misread one. */
function skipRegex(text: string, at: number): number {
  let inClass = false;
  for (let i = at + 1; i < text.length; i++) {
    const ch = text[i];
    if (ch === '\\') i++;
    else if (ch === '\n') return i;
    else if (ch === '[') inClass = true;
    else if (ch === ']') inClass = false;
    else if (ch === '/' && !inClass) {
      let end = i + 1;
      while (end < text.length && isWordCode(text.charCodeAt(end))) end++;
      return end;
    }
  }
  return text.length;
}

function endOfLine(text: string, at: number): number {
  const end = text.indexOf('\n', at);
  return end < 0 ? text.length : end;
}
