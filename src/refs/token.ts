/** What the matcher (match-references.ts) sees of a source file: its words, literals and punctuation, no comments. */
export interface Token {
  readonly kind: 'word' | 'string' | 'number' | 'punct';
  /** The token as written (a string's quotes and prefix included). */
  readonly text: string;
  /** Where it starts, as an offset into the text. */
  readonly start: number;
  /** A string's value, escapes read. */
  readonly value?: string;
  /** A string that is built at run time: a template with `${...}`, an f-string, PHP's "$name", C#'s $"{...}". */
  readonly interpolated?: boolean;
}

/** Letters, digits, '_' and '$' (JavaScript and PHP names hold '$'). */
export function isWordCode(code: number): boolean {
  return (code >= 97 && code <= 122) || (code >= 65 && code <= 90) || (code >= 48 && code <= 57) || code === 95 || code === 36 || code > 127;
}

export function isDigitCode(code: number): boolean {
  return code >= 48 && code <= 57;
}

const ESCAPES: Record<string, string> = { n: '\n', t: '\t', r: '\r', '0': '\0' };

/** A quoted string's value: backslash escapes read (`\n`, `\u001b`, `\x41`, `\"`), or none in a raw string. */
export function unquote(body: string, raw: boolean): string {
  if (raw || !body.includes('\\')) return body;
  return body.replace(/\\(?:u\{([0-9a-fA-F]{1,6})\}|u([0-9a-fA-F]{4})|x([0-9a-fA-F]{2})|(.))/gs, (_, braced?: string, unicode?: string, hex?: string, ch?: string) => {
    const code = braced ?? unicode ?? hex;
    if (code !== undefined) return String.fromCodePoint(Math.min(parseInt(code, 16), 0x10ffff));
    return ESCAPES[ch ?? ''] ?? ch ?? '';
  });
}

/** Punctuation of two or three characters that means something else than its parts: `==` is no `=`, `=>` no `=`. */
const LONG_PUNCT = ['===', '!==', '...', '?.', '??', '==', '!=', '<=', '>=', '=>', '->', '::', ':=', '+=', '-=', '&&', '||', '?:'];

/** The characters a long punctuation starts with: any other is one character alone, without a search. */
const LONG_STARTS = new Set(LONG_PUNCT.map((punct) => punct[0]));

/** The punctuation that starts at `at`. */
export function punctAt(text: string, at: number): string {
  const ch = text[at];
  if (!LONG_STARTS.has(ch)) return ch;
  for (const punct of LONG_PUNCT) if (text.startsWith(punct, at)) return punct;
  return ch;
}
