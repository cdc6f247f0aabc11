import { parse } from 'csv-parse/sync';
import { describe, expect, it } from 'vitest';
import { type ChecklistRow, checklistCsv, checklistMarkdown, parseDescriptions } from './checklist.js';

const ROWS: ChecklistRow[] = [
  { name: 'menu.wav', path: 'p/menu.wav', description: 'Main menu | press 1', seconds: 2.25, bytes: 18058, activeDbov: -26.04, noSpeech: false, ok: true, problems: [] },
  { name: 'quiet.wav', path: 'p/quiet.wav', description: '', seconds: 1, bytes: 8058, activeDbov: null, noSpeech: true, ok: true, problems: [] },
  { name: 'song.wav', path: 'p/song.wav', description: '两行\n说明', seconds: null, bytes: 3000000, activeDbov: null, noSpeech: false, ok: false, problems: ['not-wav', 'size'] },
];

describe('checklistMarkdown', () => {
  it('gives a row per file to tick, with figures people read, in English', () => {
    const text = checklistMarkdown(ROWS, 'en');
    expect(text).toContain('| Uploaded | File name | Description | Duration | Size | Active level | Complies |');
    expect(text).toContain('| [ ] | `menu.wav` | Main menu \\| press 1 | 2.3 s | 17.6 KiB | -26.0 dBov | yes |');
    expect(text).toContain('| [ ] | `quiet.wav` | - | 1.0 s | 7.9 KiB | no speech | yes |');
    expect(text).toContain('| [ ] | `song.wav` | 两行 说明 | - | 2.86 MiB | - | no: not-wav, size |');
    expect(text).toContain('3 file(s), 2 comply, 1 to fix before uploading.');
  });

  it('speaks Chinese by default, as the console does', () => {
    const text = checklistMarkdown(ROWS);
    expect(text).toMatch(/^# 放音文件上传清单\n/);
    expect(text).toContain('| 已上传 | 文件名 | 文件说明 | 时长 | 大小 | 有效语音电平 | 是否合规 |');
    expect(text).toContain('| [ ] | `song.wav` | 两行 说明 | - | 2.86 MiB | - | 否：not-wav, size |');
    expect(text).toContain('共 3 个文件，2 个合规，1 个需先修正再上传。');
  });
});

describe('checklistCsv', () => {
  it('gives a spreadsheet plain numbers, and a CSV reader every cell back as written', () => {
    const text = checklistCsv(ROWS, 'en');
    expect(text.startsWith('\uFEFF')).toBe(true);
    const rows = parse(text, { bom: true }) as string[][];
    expect(rows).toEqual([
      ['uploaded', 'file name', 'description', 'duration (s)', 'size (bytes)', 'active level (dBov)', 'complies', 'problems'],
      ['', 'menu.wav', 'Main menu | press 1', '2.25', '18058', '-26.0', 'yes', ''],
      ['', 'quiet.wav', '', '1.00', '8058', '', 'yes', ''],
      ['', 'song.wav', '两行\n说明', '', '3000000', '', 'no', 'not-wav size'],
    ]);
    expect((parse(checklistCsv(ROWS, 'zh'), { bom: true }) as string[][])[0][1]).toBe('文件名');
  });
});

describe('parseDescriptions', () => {
  it('reads name,description rows, skipping a row of headings, with quoted commas and newlines', () => {
    const text = '\uFEFF文件名,文件说明\nwelcome.wav,"Welcome, caller"\n\nmenu.wav,"two\nlines"\nbare.wav\n';
    expect([...parseDescriptions(text)]).toEqual([
      ['welcome.wav', 'Welcome, caller'],
      ['menu.wav', 'two\nlines'],
      ['bare.wav', ''],
    ]);
    expect([...parseDescriptions('a.wav,first\n')]).toEqual([['a.wav', 'first']]);
  });
});
