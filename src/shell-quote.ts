/**
 * Quotes a path for a POSIX shell only when it needs it, so the suggested command can be pasted as it is. A
 * leading '-' gets './' so that it is not taken for an option; control characters need bash's $'...' form.
 */
export function shellQuote(path: string): string {
  const safe = path.startsWith('-') ? `./${path}` : path;
  if (/^[\w@%+=:,./-]+$/.test(safe)) return safe;
  if (/[\x00-\x1f\x7f]/.test(safe)) return `$'${safe.replace(/[\\']/g, '\\$&').replace(/[\x00-\x1f\x7f]/g, controlEscape)}'`;
  return `'${safe.replace(/'/g, `'\\''`)}'`;
}

function controlEscape(ch: string): string {
  const named: Record<string, string> = { '\n': '\\n', '\t': '\\t', '\r': '\\r' };
  return named[ch] ?? `\\x${ch.charCodeAt(0).toString(16).padStart(2, '0')}`;
}
