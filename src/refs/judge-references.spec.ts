import { describe, expect, it } from 'vitest';
import type { FileRecord } from '../check/file-record.js';
import { DEFAULT_PROFILE } from '../profile/profile.js';
import { judgeReferences } from './judge-references.js';
import type { SourceReference } from './scan-source.js';

const at = (name: string | null, line: number, key = 'waitVoice'): SourceReference => ({ file: 'a.ts', line, column: 3, key, name, ...(name === null ? { expression: 'pick(x)' } : {}) });
const okRecord = (path: string): FileRecord => ({ path, ok: true, problems: [], warnings: [], format: null, bytes: 100, seconds: 0.1 });

function judge(references: SourceReference[], prompts: string[], records: FileRecord[] = prompts.map((name) => okRecord(`p/${name}`))) {
  return judgeReferences({
    references,
    prompts: prompts.map((name) => ({ name, path: `p/${name}` })),
    promptsFolder: 'p',
    records: new Map(records.map((record) => [record.path, record])),
    rules: DEFAULT_PROFILE.names,
  });
}

describe('judgeReferences', () => {
  it('gathers every place that names one name, in the order named', () => {
    const { names } = judge([at('a.wav', 1), at('b.wav', 2), at('a.wav', 9, 'preVoice')], ['a.wav', 'b.wav']);
    expect(names.map((name) => [name.name, name.ok, name.places.map((place) => `${place.line}:${place.key}`)])).toEqual([
      ['a.wav', true, ['1:waitVoice', '9:preVoice']],
      ['b.wav', true, ['2:waitVoice']],
    ]);
  });

  it('says bad-name for a name the platform rejects even when a file has it, and missing when none has', () => {
    const { names } = judge([at('welcome prompt.wav', 1), at('menu', 2), at('gone.wav', 3)], ['welcome prompt.wav', 'menu']);
    expect(names.map((name) => name.problems.map((problem) => problem.code))).toEqual([['bad-name'], ['bad-name'], ['missing']]);
    expect(names[1].problems[0].message).toContain('the name does not end in .wav');
  });

  it("gives check's problems for a file that fails it", () => {
    const failing: FileRecord = { ...okRecord('p/a.wav'), ok: false, problems: [{ code: 'channels', message: '2 channels, not mono: fix with ...' }] };
    const { names } = judge([at('a.wav', 1)], ['a.wav'], [failing]);
    expect(names[0]).toMatchObject({ ok: false, prompt: 'p/a.wav', problems: [{ code: 'non-compliant', problems: failing.problems }] });
    expect(names[0].problems[0].message).toBe('p/a.wav is not a playback file the platform accepts (channels): 2 channels, not mono: fix with ...');
  });

  it('warns of a name that matches a file only but for letter case, and counts that file as named', () => {
    const { names, warnings } = judge([at('Menu.wav', 1)], ['menu.wav']);
    expect(names[0]).toMatchObject({ ok: true, prompt: 'p/menu.wav', warnings: [{ code: 'case' }] });
    expect(warnings).toEqual([]);
  });

  it('warns of each name built at run time with its place, and of each prompt no code names', () => {
    const { warnings } = judge([at(null, 4, 'notifyVoice'), at('a.wav', 5)], ['a.wav', 'old.wav', 'notes.txt']);
    expect(warnings).toEqual([
      { code: 'dynamic', message: expect.stringContaining('the name given to notifyVoice is built at run time (pick(x))'), place: { file: 'a.ts', line: 4, column: 3, key: 'notifyVoice' } },
      { code: 'unused', message: expect.stringContaining('(unless one of the 1 name(s) built at run time is it)'), path: 'p/old.wav' },
    ]);
  });
});
