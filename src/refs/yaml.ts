import type { FoundReference } from './match-references.js';
import { keyNamed } from './playback-keys.js';

/** A key and its `:` on a YAML line: at its start, after a list's `-`, or in a flow mapping `{...}`. */
const KEY = /(?:^|[\s{,?-])(["']?)([A-Za-z_$][\w$]*)\1[ \t]*:(?=[ \t]|$)/g;
/** Templating that builds a value at run time: Helm and Jinja's `{{ }}`, shell and CI's `${ }`, Ansible's `{{ }}`. */
const TEMPLATED = /\{\{|\$\{|\$\(/;

/**
 * The playback-file names a YAML document gives its keys, line by line: `waitVoice: wait.wav`, `- notifyVoice:
 * "n.wav"`, `{preTone: a.wav, posTone: b.wav}`. Comments are left out; a templated value (`{{ .Values.x }}`, `${X}`)
 * or an alias (`*name`) is built at run time. A value on the lines below its key (a block scalar) names no file.
 */
export function scanYaml(text: string): FoundReference[] {
  const found: FoundReference[] = [];
  let lineStart = 0;
  while (lineStart <= text.length) {
    const newline = text.indexOf('\n', lineStart);
    const lineEnd = newline < 0 ? text.length : newline;
    const line = withoutComment(text.slice(lineStart, lineEnd));
    KEY.lastIndex = 0;
    for (let match = KEY.exec(line); match; match = KEY.exec(line)) {
      const key = keyNamed(match[2]);
      if (!key) continue;
      const value = readScalar(line, match.index + match[0].length, line.lastIndexOf('{', match.index) >= 0);
      if (!value) continue;
      const start = lineStart + value.at;
      if (value.templated) found.push({ key, start, name: null, expression: value.text });
      else found.push({ key, start, name: value.name });
    }
    if (newline < 0) break;
    lineStart = newline + 1;
  }
  return found;
}

interface Scalar {
  at: number;
  text: string;
  name: string;
  templated: boolean;
}

function readScalar(line: string, from: number, inFlow: boolean): Scalar | null {
  let at = from;
  while (line[at] === ' ' || line[at] === '\t') at++;
  const first = line[at];
  if (first === undefined || first === '|' || first === '>' || first === '{' || first === '[') return null;
  if (first === '"' || first === "'") {
    let end = at + 1;
    let name = '';
    while (end < line.length && line[end] !== first) {
      if (first === '"' && line[end] === '\\') end++;
      else if (first === "'" && line[end + 1] === "'" && line[end] === "'") end++;
      name += line[end];
      end++;
    }
    const text = line.slice(at, end + 1);
    return name === '' ? null : { at, text, name, templated: TEMPLATED.test(name) };
  }
  const stop = inFlow ? /[,}\]]/ : /$/;
  const rest = line.slice(at);
  const end = rest.search(stop);
  const name = (end < 0 ? rest : rest.slice(0, end)).trim();
  if (name === '' || name === '~' || name === 'null' || name === 'Null' || name === 'NULL') return null;
  return { at, text: name, name, templated: TEMPLATED.test(name) || name.startsWith('*') };
}

/** The line without its comment: a `#` at its start or after a space, outside quotes. */
function withoutComment(line: string): string {
  let quote = '';
  for (let i = 0; i < line.length; i++) {
    const ch = line[i];
    if (quote) {
      if (ch === quote) quote = '';
    } else if (ch === '"' || ch === "'") {
      if (i === 0 || /[\s:[{,-]/.test(line[i - 1])) quote = ch;
    } else if (ch === '#' && (i === 0 || line[i - 1] === ' ' || line[i - 1] === '\t')) {
      return line.slice(0, i);
    }
  }
  return line;
}
