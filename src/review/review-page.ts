import { checkOptions, invalidArgument } from '../arguments.js';
import type { FileRecord } from '../check/file-record.js';
import { REVIEW_SCRIPT } from './review-script.js';
import { escapeHtml, waveformSvg } from './waveform-svg.js';
import type { Waveform } from './waveform.js';
import { type WordsLanguage, warningWordings, wordsOf } from './words.js';

/**
 * The review page: one self-contained HTML file (its style and script inline, each waveform inline SVG) listing
 * every file of a check or a convert with its players, waveform, duration, size, levels, warnings and problems, in
 * plain words first and figures one click away. It refers to the audio files by relative path and makes no network
 * request (its Content-Security-Policy says so to the browser). Plain string work, no Node module: a browser can
 * build it too.
 */

/** A record of `check` or `convert` (their JSON shapes), with the waveform of the file it plays when one was drawn. */
export interface ReviewRecord extends FileRecord {
  /** convert's: the playback file written; null when nothing was written. Absent for check's records. */
  output?: { path: string; bytes: number; seconds: number } | null;
  conversion?: {
    peakDbfs: number | null;
    clippedSamples: number;
    gainDb: number;
    levels?: { after: { activeDbov: number | null } } | null;
  } | null;
  waveform?: Waveform | null;
  /** Where the original can be heard, when not at `path`; null when it is gone (replaced by --in-place). */
  original?: string | null;
}

export interface ReviewOptions {
  /** 'en' (default) or 'zh-CN'. */
  language?: WordsLanguage;
  /** The page's heading. */
  title?: string;
  /**
   * The address of a file's audio as the page refers to it: by default the path itself (a relative path stays
   * relative to where the page is opened), with every character a URL would misread escaped.
   */
  href?: (path: string) => string;
  /** How a path is shown: by default as it is in the record. */
  shown?: (path: string) => string;
}

/** In the first bytes of every review page: how `check` tells voiceprep's own page from any other file. */
export const REVIEW_MARK = '<meta name="generator" content="voiceprep review page">';

const TEXT = {
  en: {
    title: 'Review of the playback files',
    intro: 'Listen to every prompt as the caller will hear it before uploading. Play all plays them one after another.',
    playAll: 'Play all',
    original: 'Play original',
    converted: 'Play converted',
    file: 'File',
    sound: 'Sound',
    result: 'Result',
    ready: 'Ready to upload',
    listen: 'Ready, but listen to it first:',
    fix: 'Not ready: fix this before uploading:',
    details: 'Figures and codes',
    duration: 'duration',
    size: 'size',
    level: 'speech level',
    peak: 'peak',
    noSpeech: 'no speech',
    cannotPlay: 'This browser cannot play this file.',
    waveform: (seconds: string, level: string, clips: number) => `Waveform: ${seconds} s, speech level ${level}${clips ? `, clipped in ${clips} places` : ''}`,
    count: (files: number) => `${files} ${files === 1 ? 'file' : 'files'}`,
  },
  'zh-CN': {
    title: '放音文件试听检查',
    intro: '上传前请按来电者听到的效果逐个试听。“全部播放”会依次播放所有提示音。',
    playAll: '全部播放',
    original: '播放原文件',
    converted: '播放转换后',
    file: '文件',
    sound: '声音',
    result: '结果',
    ready: '可以上传',
    listen: '可以上传，但请先试听：',
    fix: '不能上传：请先解决以下问题：',
    details: '数值与代码',
    duration: '时长',
    size: '大小',
    level: '语音电平',
    peak: '峰值',
    noSpeech: '无语音',
    cannotPlay: '本浏览器无法播放此文件。',
    waveform: (seconds: string, level: string, clips: number) => `波形：${seconds} 秒，语音电平 ${level}${clips ? `，${clips} 处削波` : ''}`,
    count: (files: number) => `共 ${files} 个文件`,
  },
};

const STYLE = `
:root{color-scheme:light dark;font:15px/1.45 system-ui,-apple-system,"Segoe UI","PingFang SC","Microsoft YaHei",sans-serif}
body{margin:0 auto;max-width:1100px;padding:1rem}
table{border-collapse:collapse;width:100%}
th,td{text-align:left;vertical-align:top;padding:.5rem;border-bottom:1px solid #8884}
td.sound{width:45%}
tr[data-playing]{background:#2a7de126;outline:2px solid #2a7de1}
svg[data-role=waveform]{display:block;width:100%;height:48px;cursor:pointer;color:#2a5d9f;margin:.3rem 0}
button{font:inherit;padding:.25rem .6rem;margin:0 .3rem .3rem 0;cursor:pointer}
button[aria-pressed=true]{background:#2a7de1;color:#fff}
.good{color:#17803d}.listen{color:#a05a00}.bad{color:#c0262d}
ul{margin:.2rem 0;padding-left:1.2rem}
details{font-size:.9em;margin-top:.3rem}
code{font-size:.95em}
.name{overflow-wrap:anywhere;min-width:11rem;width:22%}
@media (prefers-color-scheme:dark){svg[data-role=waveform]{color:#8ab4f8}.good{color:#5cc982}.listen{color:#f0a849}.bad{color:#ff7b7b}}
`;

const OPTION_RULES = {
  language: { acceptsValue: (value: unknown) => value === 'en' || value === 'zh-CN', words: "'en' or 'zh-CN'" },
  title: 'string',
  href: { acceptsValue: (value: unknown) => typeof value === 'function', words: 'a function from a path to an address' },
  shown: { acceptsValue: (value: unknown) => typeof value === 'function', words: 'a function from a path to how it is shown' },
} as const;

export function reviewPage(records: readonly ReviewRecord[], given: ReviewOptions = {}): string {
  if (!Array.isArray(records)) throw invalidArgument('records', "an array of check's or convert's records", records);
  records.forEach((record, index) => {
    if (typeof record !== 'object' || record === null || typeof record.path !== 'string' || !Array.isArray(record.problems) || !Array.isArray(record.warnings)) {
      throw invalidArgument(`records[${index}]`, 'a record of check or convert ({ path, ok, problems, warnings, ... })', record);
    }
  });
  const options = checkOptions<ReviewOptions>(given, OPTION_RULES);
  const language = options.language ?? 'en';
  const text = TEXT[language];
  const href = options.href ?? defaultHref;
  const title = options.title ?? text.title;
  const shown = options.shown ?? ((path: string) => path);
  const rows = records.map((record, index) => row(record, index, language, href, shown)).join('\n');
  return `<!doctype html>
<html lang="${language}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
${REVIEW_MARK}
<meta http-equiv="Content-Security-Policy" content="default-src 'none'; media-src 'self' file: blob:; script-src 'unsafe-inline'; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
<h1>${escapeHtml(title)}</h1>
<p>${escapeHtml(text.intro)} ${escapeHtml(text.count(records.length))}.</p>
<p><button type="button" id="play-all" aria-pressed="false">${text.playAll}</button></p>
<audio id="player" preload="none" hidden></audio>
<table>
<thead><tr><th scope="col">${text.file}</th><th scope="col">${text.sound}</th><th scope="col">${text.result}</th></tr></thead>
<tbody>
${rows}
</tbody>
</table>
<script>${REVIEW_SCRIPT}</script>
</body>
</html>
`;
}

function row(record: ReviewRecord, index: number, language: WordsLanguage, href: (path: string) => string, shown: (path: string) => string): string {
  const id = `f${index}`;
  const text = TEXT[language];
  const converting = record.output !== undefined;
  const playable = converting ? record.output ?? null : record.ok || record.waveform ? { path: record.path } : null;
  const file = converting && record.output ? record.output.path : record.path;
  const players: string[] = [];
  const original = record.original === undefined ? record.path : record.original;
  if (converting && record.output && original !== null) players.push(player(text.original, 'original', href(original), false, id));
  if (playable) players.push(player(converting ? text.converted : text.original, converting ? 'converted' : 'original', href(playable.path), true, id));
  const waveform = record.waveform ?? null;
  const level = waveform?.activeDbov ?? record.conversion?.levels?.after.activeDbov ?? record.levels?.activeDbov ?? null;
  const levelText = level === null || level === undefined ? text.noSpeech : `${level.toFixed(1)} dBov`;
  const drawing = waveform ? waveformSvg(waveform, text.waveform(waveform.seconds.toFixed(1), levelText, waveform.clipped.length)) : '';
  const name = converting && record.output ? `${escapeHtml(shown(record.output.path))}<br><small>${escapeHtml(shown(record.path))}</small>` : escapeHtml(shown(record.path));
  return (
    `<tr data-file="${escapeHtml(file)}"><th scope="row" class="name" id="${id}">${name}</th>` +
    `<td class="sound">${players.join('')}${drawing}<p class="cannot-play" hidden>${text.cannotPlay}</p></td>` +
    `<td>${verdict(record, language, waveform)}${figures(record, language, levelText)}</td></tr>`
  );
}

/** A player, described for screen readers by its row's file name (`described`, the row header's id). */
function player(label: string, kind: 'original' | 'converted', src: string, main: boolean, described: string): string {
  return `<button type="button" data-play="${kind}" data-src="${escapeHtml(src)}" aria-pressed="false" aria-describedby="${described}"${main ? ' data-main' : ''}>${label}</button>`;
}

function verdict(record: ReviewRecord, language: WordsLanguage, waveform: Waveform | null): string {
  const text = TEXT[language];
  if (!record.ok || record.problems.length > 0) {
    const messages = record.problems.map((problem) => `<li>${escapeHtml(problem.message)}</li>`).join('');
    return `<p class="bad">${text.fix}</p><ul>${messages}</ul>`;
  }
  const codes = record.warnings.map((warning) => warning.code);
  const wordings = warningWordings(codes, waveform !== null && waveform.activeDbov === null);
  const listen = wordings.filter((wording) => wording.listen);
  const rest = wordings.filter((wording) => !wording.listen);
  const items = [...listen, ...rest].map((wording) => `<li>${escapeHtml(wordsOf(wording, language))}</li>`).join('');
  if (listen.length === 0) return `<p class="good">${text.ready}</p>${items ? `<ul>${items}</ul>` : ''}`;
  return `<p class="listen">${text.listen}</p><ul>${items}</ul>`;
}

function figures(record: ReviewRecord, language: WordsLanguage, levelText: string): string {
  const text = TEXT[language];
  const seconds = record.output?.seconds ?? record.seconds;
  const bytes = record.output?.bytes ?? record.bytes;
  const peak = record.conversion?.peakDbfs ?? record.levels?.peakDbov ?? null;
  const facts = [
    `${text.duration} ${seconds === null ? '-' : `${seconds.toFixed(1)} s`}`,
    `${text.size} ${bytes === null ? '-' : formatBytes(bytes)}`,
    `${text.level} ${levelText} (ITU-T P.56)`,
    ...(peak === null ? [] : [`${text.peak} ${peak.toFixed(1)} dBFS`]),
  ];
  const codes = [...record.problems, ...record.warnings].map((item) => `<li><code>${escapeHtml(item.code)}</code>: ${escapeHtml(item.message)}</li>`).join('');
  return `<details><summary>${text.details}</summary><p>${escapeHtml(facts.join(' · '))}</p>${codes ? `<ul>${codes}</ul>` : ''}</details>`;
}

function formatBytes(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MB`;
}

/** A path as a relative URL: separators become '/', and each part is escaped ('#', '?', '%', spaces, Chinese). */
function defaultHref(path: string): string {
  const parts = path.replace(/\\/g, '/').split('/');
  const escaped = parts.map((part, index) => (index === 0 && /^[A-Za-z]:$/.test(part) ? part : encodeURIComponent(part))).join('/');
  return path.startsWith('/') || /^[A-Za-z]:[\\/]/.test(path) ? `file://${path.startsWith('/') ? '' : '/'}${escaped}` : escaped;
}
