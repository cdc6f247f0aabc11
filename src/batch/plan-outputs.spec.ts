import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { planOutputs } from './plan-outputs.js';

const cwd = '/work/project';
const found = (path: string, relativePath = path) => ({ path, relativePath, searched: true });

describe('planOutputs', () => {
  it('mirrors subfolders below the output folder and renames to the platform rules', () => {
    const plan = planOutputs([found('in/sub/欢迎.wav', 'sub/欢迎.wav'), found('in/ok.wav', 'ok.wav')], { kind: 'folder', folder: 'out' }, false, cwd);
    expect(plan.map((p) => p.output)).toEqual([join(cwd, 'out/sub/huanying.wav'), join(cwd, 'out/ok.wav')]);
    expect(plan.map((p) => p.renamed)).toEqual([true, false]);
  });

  it('gives inputs that map to one name distinct outputs, and a file whose name complies keeps it', () => {
    const plan = planOutputs([found('a b.wav'), found('a_b.wav'), found('a?b.wav')], { kind: 'folder', folder: 'out' }, false, cwd);
    expect(plan.map((p) => p.output)).toEqual(['a_b-2.wav', 'a_b.wav', 'a_b-3.wav'].map((name) => join(cwd, 'out', name)));
    expect(plan.map((p) => p.renamed)).toEqual([true, false, true]);
  });

  it('gives a name to a file it will refuse (a .webm) only after the files it converts', () => {
    const plan = planOutputs([found('speech.webm'), found('speech.opus'), found('speech.vox')], { kind: 'folder', folder: 'out' }, false, cwd);
    expect(plan.map((p) => p.output)).toEqual(['speech-3.wav', 'speech.wav', 'speech-2.wav'].map((name) => join(cwd, 'out', name)));
  });

  it('with --keep-names, keeps a name exactly, case and all, and refuses a second input of that name', () => {
    const plan = planOutputs([found('A_B.WAV'), found('a_b.wav')], { kind: 'folder', folder: 'out' }, true, cwd);
    expect(plan[0]).toMatchObject({ output: join(cwd, 'out/A_B.WAV'), renamed: false, problem: null });
    expect(plan[1]).toMatchObject({ output: null, problem: { code: 'exists' } });
  });

  it('never lets a relative path climb out of the output folder', () => {
    const plan = planOutputs([found('../x/a.wav', '../x/a.wav'), found('/abs/b.wav', '/abs/b.wav')], { kind: 'folder', folder: 'out' }, false, cwd);
    expect(plan.map((p) => p.output)).toEqual([join(cwd, 'out/a.wav'), join(cwd, 'out/b.wav')]);
  });

  it('with --keep-names, refuses a bad name instead of renaming it', () => {
    const [plan] = planOutputs([found('欢迎.wav')], { kind: 'folder', folder: 'out' }, true, cwd);
    expect(plan.output).toBeNull();
    expect(plan.problem?.code).toBe('name');
    expect(plan.problem?.message).toContain("'欢'");
  });

  it('in place, writes beside the input', () => {
    const plan = planOutputs([found('in/a b.wav'), found('in/ok.wav')], { kind: 'in-place' }, false, cwd);
    expect(plan.map((p) => p.output)).toEqual([join(cwd, 'in/a_b.wav'), join(cwd, 'in/ok.wav')]);
  });

  it('writes prompt.mp3 as prompt.wav, unless a prompt.wav beside it keeps that name', () => {
    const plan = planOutputs([found('in/a.mp3', 'a.mp3'), found('in/a.wav', 'a.wav'), found('in/欢迎.FLAC', '欢迎.FLAC'), found('in/b.mp3', 'b.mp3')], { kind: 'folder', folder: 'out' }, false, cwd);
    expect(plan.map((p) => p.output)).toEqual(['a-2.wav', 'a.wav', 'huanying.wav', 'b.wav'].map((name) => join(cwd, 'out', name)));
    expect(plan.map((p) => p.renamed)).toEqual([true, false, true, true]);
  });

  it('with --keep-names, still gives a converted MP3 the .wav it needs, keeping its stem', () => {
    const [plan] = planOutputs([found('a.mp3')], { kind: 'folder', folder: 'out' }, true, cwd);
    expect(plan.output).toBe(join(cwd, 'out/a.wav'));
  });

  it('in place, never puts a converted file onto another input that keeps its name', () => {
    const plan = planOutputs([found('in/a.mp3'), found('in/a.wav')], { kind: 'in-place' }, false, cwd);
    expect(plan.map((p) => p.output)).toEqual([join(cwd, 'in/a-2.wav'), join(cwd, 'in/a.wav')]);
    expect(plan.every((p) => p.problem === null)).toBe(true);
  });

  it('refuses an output that would overwrite an input when writing to a folder', () => {
    const [plan] = planOutputs([found('out/a.wav', 'a.wav')], { kind: 'folder', folder: 'out' }, false, cwd);
    expect(plan.problem?.code).toBe('exists');
  });
});
