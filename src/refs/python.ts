import { type Token, isDigitCode, isWordCode, punctAt, unquote } from './token.js';

/** String prefixes: r raw, b bytes, u unicode, f formatted (built at run time when it holds a `{...}`). */
const PREFIX = /^(?:[rRbBuUfF]|[rR][bBfF]|[bBfF][rR])$/;

/**
 * The tokens of a Python source, comments left out. Triple-quoted strings (docstrings among them) are strings: prose
 * in them is never read as code. Never throws: an unterminated literal runs to the end.
 */
export function tokenizePython(text: string): Token[] {
  const tokens: Token[] = [];
  const length = text.length;
  let at = 0;
  while (at < length) {
    const code = text.charCodeAt(at);
    if (code <= 32) {
      at++;
      continue;
    }
    const ch = text[at];
    if (ch === '#') {
      const end = text.indexOf('\n', at);
      at = end < 0 ? length : end;
      continue;
    }
    if (isWordCode(code) && !isDigitCode(code)) {
      let end = at + 1;
      while (end < length && isWordCode(text.charCodeAt(end))) end++;
      const word = text.slice(at, end);
      if ((text[end] === '"' || text[end] === "'") && PREFIX.test(word)) {
        at = readString(text, at, end, word.toLowerCase(), tokens);
        continue;
      }
      tokens.push({ kind: 'word', text: word, start: at });
      at = end;
      continue;
    }
    if (isDigitCode(code)) {
      let end = at + 1;
      while (end < length && (isWordCode(text.charCodeAt(end)) || text[end] === '.')) end++;
      tokens.push({ kind: 'number', text: text.slice(at, end), start: at });
      at = end;
      continue;
    }
    if (ch === '"' || ch === "'") {
      at = readString(text, at, at, '', tokens);
      continue;
    }
    const punct = punctAt(text, at);
    tokens.push({ kind: 'punct', text: punct, start: at });
    at += punct.length;
  }
  return tokens;
}

function readString(text: string, start: number, quoteAt: number, prefix: string, tokens: Token[]): number {
  const quote = text[quoteAt];
  const triple = text.startsWith(quote.repeat(3), quoteAt);
  const close = triple ? quote.repeat(3) : quote;
  const raw = prefix.includes('r');
  let at = quoteAt + close.length;
  while (at < text.length && !text.startsWith(close, at)) {
    if (text[at] === '\\' && !raw) at++;
    else if (text[at] === '\n' && !triple) break;
    at++;
  }
  const bodyEnd = Math.min(at, text.length);
  const end = Math.min(at + (text.startsWith(close, at) ? close.length : 0), text.length);
  const body = text.slice(quoteAt + close.length, bodyEnd);
  const interpolated = prefix.includes('f') && /\{(?!\{)/.test(body.replace(/\{\{/g, ''));
  tokens.push({ kind: 'string', text: text.slice(start, end), start, value: unquote(body, raw), interpolated });
  return end;
}
