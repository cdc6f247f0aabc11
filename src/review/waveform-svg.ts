import type { Waveform } from './waveform.js';

/**
 * A waveform as inline SVG markup, for the page and the review page alike: the envelope of the playback file
 * (mirrored bars), the parts of the input cut away drawn shaded at either side, clipped places marked red at the
 * top and bottom, and the active speech level as a dashed line at the amplitude of a sine of that level. Plain
 * attributes, no style sheet and no script: it draws the same wherever it is put. `data-lead`, `data-seconds` and
 * `data-total` let a click be turned into a time in the file.
 */

const WIDTH = 600;
const HEIGHT = 48;
const MIDDLE = HEIGHT / 2;

export function waveformSvg(waveform: Waveform, label: string): string {
  const { seconds, cut, peaks, clipped, activeDbov } = waveform;
  const total = cut.leadingSeconds + seconds + cut.trailingSeconds || 1;
  const x = (time: number) => (time / total) * WIDTH;
  const left = x(cut.leadingSeconds);
  const right = x(cut.leadingSeconds + seconds);
  const column = (right - left) / Math.max(1, peaks.length);
  const parts: string[] = [];
  const shade = (from: number, to: number) =>
    to - from > 0.05 ? parts.push(`<rect x="${fixed(from)}" width="${fixed(to - from)}" height="${HEIGHT}" fill="currentColor" opacity="0.12"/>`) : 0;
  shade(0, left);
  shade(right, WIDTH);
  parts.push(`<line x1="${fixed(left)}" x2="${fixed(right)}" y1="${MIDDLE}" y2="${MIDDLE}" stroke="currentColor" stroke-opacity="0.3"/>`);
  // one path of vertical strokes: a few bytes a column, which keeps a thousand files' page small
  const bars = peaks
    .map((peak, index) => {
      const half = Math.max(0.5, (peak / 1000) * MIDDLE);
      return `M${fixed(left + (index + 0.5) * column)} ${fixed(MIDDLE - half)}v${fixed(2 * half)}`;
    })
    .join('');
  if (bars) parts.push(`<path d="${bars}" stroke="currentColor" stroke-width="${fixed(Math.max(0.6, column * 0.7))}"/>`);
  for (const index of clipped) {
    const at = fixed(left + index * column);
    parts.push(`<rect x="${at}" width="${fixed(Math.max(column, 2))}" height="4" fill="#d22"/><rect x="${at}" y="${HEIGHT - 4}" width="${fixed(Math.max(column, 2))}" height="4" fill="#d22"/>`);
  }
  if (activeDbov !== null) {
    // dBov: a full-scale sine is -3.01 dBov, so the level's sine peaks at 10^((dBov + 3.01) / 20) of full scale
    const amplitude = Math.min(1, 10 ** ((activeDbov + 3.01) / 20)) * MIDDLE;
    for (const y of [MIDDLE - amplitude, MIDDLE + amplitude]) {
      parts.push(`<line x1="${fixed(left)}" x2="${fixed(right)}" y1="${fixed(y)}" y2="${fixed(y)}" stroke="#1a8f5a" stroke-dasharray="4 3"/>`);
    }
  }
  return (
    `<svg data-role="waveform" role="img" aria-label="${escapeHtml(label)}" viewBox="0 0 ${WIDTH} ${HEIGHT}" preserveAspectRatio="none" ` +
    `data-lead="${fixed(cut.leadingSeconds)}" data-seconds="${fixed(seconds)}" data-total="${fixed(total)}">${parts.join('')}</svg>`
  );
}

/** The time in the file (seconds from its start) that a point `fraction` of the way across the drawing shows. */
export function timeAt(fraction: number, lead: number, seconds: number, total: number): number {
  return Math.min(Math.max(fraction * total - lead, 0), Math.max(0, seconds - 0.05));
}

function fixed(value: number): string {
  return String(Math.round(value * 10) / 10);
}

export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);
}
