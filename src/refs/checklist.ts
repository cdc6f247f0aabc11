import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import { invalidArgument } from '../arguments.js';
import type { FileRecord } from '../check/file-record.js';

/**
 * The list to work through in the console's upload page (语音通话控制台 -> 放音文件管理 -> 添加放音文件): each file,
 * the description to type (文件说明), what it is, and whether it complies. Plain data in, text out: the files are
 * read by node/checklist-files.ts.
 */
export interface ChecklistRow {
  /** The file's name: what the console shows and what code names. */
  name: string;
  path: string;
  /** From the descriptions CSV; '' when it gives none. */
  description: string;
  seconds: number | null;
  bytes: number | null;
  /** Active speech level (ITU-T P.56), dBov; null when there is no speech or it could not be measured. */
  activeDbov: number | null;
  /** Decoded and found to hold no active speech (silence). */
  noSpeech: boolean;
  ok: boolean;
  /** check's problem codes. */
  problems: string[];
}

export type ChecklistLanguage = 'zh' | 'en';
export const CHECKLIST_LANGUAGES: readonly ChecklistLanguage[] = ['zh', 'en'];

const WORDS = {
  en: {
    title: 'Playback files to upload',
    how: 'Voice Call console → 放音文件管理 (playback files) → 添加放音文件 (add): for each file, choose it, type its description (文件说明), submit; tick it here when done.',
    headings: ['Uploaded', 'File name', 'Description', 'Duration', 'Size', 'Active level', 'Complies'],
    csvHeadings: ['uploaded', 'file name', 'description', 'duration (s)', 'size (bytes)', 'active level (dBov)', 'complies', 'problems'],
    seconds: 's',
    yes: 'yes',
    no: 'no: ',
    noSpeech: 'no speech',
    summary: (files: number, ok: number) => `${files} file(s), ${ok} comply, ${files - ok} to fix before uploading.`,
  },
  zh: {
    title: '放音文件上传清单',
    how: '语音通话控制台 → 放音文件管理 → 添加放音文件：逐个选择文件，填写文件说明，提交；完成后在此勾选。',
    headings: ['已上传', '文件名', '文件说明', '时长', '大小', '有效语音电平', '是否合规'],
    csvHeadings: ['已上传', '文件名', '文件说明', '时长（秒）', '大小（字节）', '有效语音电平（dBov）', '是否合规', '问题'],
    seconds: '秒',
    yes: '是',
    no: '否：',
    noSpeech: '无语音',
    summary: (files: number, ok: number) => `共 ${files} 个文件，${ok} 个合规，${files - ok} 个需先修正再上传。`,
  },
} as const;

/** A row from check's record of a file (with levels measured) and its description. */
export function checklistRow(record: FileRecord, name: string, description: string): ChecklistRow {
  return {
    name,
    path: record.path,
    description,
    seconds: record.seconds,
    bytes: record.bytes,
    activeDbov: record.levels?.activeDbov ?? null,
    noSpeech: Boolean(record.levels) && record.levels?.activeDbov === null,
    ok: record.ok,
    problems: record.problems.map((problem) => problem.code),
  };
}

/** The checklist as Markdown, for people: a title, how to upload, a table and a one-line summary. */
export function checklistMarkdown(rows: readonly ChecklistRow[], language: ChecklistLanguage = 'zh'): string {
  const words = WORDS[checkLanguage(rows, language)];
  const cell = (text: string) => text.replace(/\|/g, '\\|').replace(/\s*[\r\n]+\s*/g, ' ');
  const level = (row: ChecklistRow) => (row.activeDbov !== null ? `${row.activeDbov.toFixed(1)} dBov` : row.noSpeech ? words.noSpeech : '-');
  const lines = [
    `# ${words.title}`,
    '',
    words.how,
    '',
    `| ${words.headings.join(' | ')} |`,
    `|${words.headings.map((_, column) => (column >= 3 && column <= 5 ? ' ---: ' : ' --- ')).join('|')}|`,
    ...rows.map((row) =>
      [
        '',
        '[ ]',
        `\`${cell(row.name)}\``,
        cell(row.description) || '-',
        row.seconds === null ? '-' : `${row.seconds.toFixed(1)} ${words.seconds}`,
        row.bytes === null ? '-' : formatSize(row.bytes),
        level(row),
        row.ok ? words.yes : `${words.no}${row.problems.join(', ')}`,
        '',
      ].join(' | ').trim(),
    ),
    '',
    words.summary(rows.length, rows.filter((row) => row.ok).length),
    '',
  ];
  return lines.join('\n');
}

/** The checklist as CSV, for spreadsheets: figures as plain numbers, one column per problem list. */
export function checklistCsv(rows: readonly ChecklistRow[], language: ChecklistLanguage = 'zh'): string {
  const words = WORDS[checkLanguage(rows, language)];
  const records = rows.map((row) => [
    '',
    row.name,
    row.description,
    row.seconds === null ? '' : row.seconds.toFixed(2),
    row.bytes ?? '',
    row.activeDbov === null ? '' : row.activeDbov.toFixed(1),
    row.ok ? words.yes : words.no.replace(/[:：]\s*$/, ''),
    row.problems.join(' '),
  ]);
  // a byte order mark, so that Excel opens the Chinese as UTF-8
  return `\uFEFF${stringify([words.csvHeadings, ...records], { record_delimiter: 'windows' })}`;
}

/**
 * Descriptions by file name from a `name,description` CSV (a first row of headings is skipped: one whose first
 * cell is 'name', 'file', '文件名' or '文件名称'). Quoted cells may hold commas and newlines.
 */
export function parseDescriptions(text: string): Map<string, string> {
  const rows = parse(text, { bom: true, relax_column_count: true, skip_empty_lines: true, trim: true }) as string[][];
  const descriptions = new Map<string, string>();
  rows.forEach((row, index) => {
    const [name = '', description = ''] = row;
    if (index === 0 && /^(name|file|file ?name|文件名|文件名称)$/i.test(name)) return;
    if (name !== '') descriptions.set(name, description);
  });
  return descriptions;
}

/** The library's callers get a VoiceprepError for rows or a language of the wrong kind, as for every export. */
function checkLanguage(rows: unknown, language: unknown): ChecklistLanguage {
  if (!Array.isArray(rows)) throw invalidArgument('rows', 'the rows of a checklist (checklist(folder).rows)', rows);
  if (!CHECKLIST_LANGUAGES.includes(language as ChecklistLanguage)) throw invalidArgument('language', "'zh' or 'en'", language);
  return language as ChecklistLanguage;
}

function formatSize(bytes: number): string {
  if (bytes < 1024) return `${bytes} B`;
  if (bytes < 1024 * 1024) return `${(bytes / 1024).toFixed(1)} KiB`;
  return `${(bytes / 1024 / 1024).toFixed(2)} MiB`;
}
