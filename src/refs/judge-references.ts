import { nameFault } from '../check/file-name.js';
import type { FileRecord, Problem } from '../check/file-record.js';
import type { NameRules } from '../profile/name-rules.js';
import type { SourcePlace, SourceReference } from './scan-source.js';

/** A prompt file in the prompts folder: its name, and the path it was found at. */
export interface PromptFile {
  name: string;
  path: string;
}

/** Where code names a playback file, and under which API key. */
export interface ReferencePlace extends SourcePlace {
  key: string;
}

export type ReferenceProblemCode = 'missing' | 'non-compliant' | 'bad-name';
export type ReferenceWarningCode = 'unused' | 'case' | 'dynamic';

export interface ReferenceProblem {
  code: ReferenceProblemCode;
  message: string;
  /** `non-compliant`: check's problems with the file. */
  problems?: Problem[];
}

export interface ReferenceWarning {
  code: ReferenceWarningCode;
  message: string;
  /** `dynamic`: where the name is built, and the key it is given to. */
  place?: ReferencePlace;
  /** `unused`: the prompt file no code names. */
  path?: string;
}

/** One name the code hands to the platform, and what becomes of it. */
export interface NameRecord {
  name: string;
  ok: boolean;
  /** Every place that names it, in the order scanned. */
  places: ReferencePlace[];
  /** The prompt file it names (exactly, or but for letter case: a `case` warning); null when there is none. */
  prompt: string | null;
  problems: ReferenceProblem[];
  warnings: ReferenceWarning[];
}

/** The prompt file a name stands for: one of exactly that name, else one that differs only in letter case. */
export function promptFor(name: string, prompts: ReadonlyMap<string, PromptFile>, byLowerCase: ReadonlyMap<string, PromptFile>): { prompt: PromptFile; exact: boolean } | null {
  const exact = prompts.get(name);
  if (exact) return { prompt: exact, exact: true };
  const folded = byLowerCase.get(name.toLowerCase());
  return folded ? { prompt: folded, exact: false } : null;
}

/** The prompts by name, and by name in lower case (the first in path order wins when two differ only in case). */
export function indexPrompts(prompts: readonly PromptFile[]): { byName: Map<string, PromptFile>; byLowerCase: Map<string, PromptFile> } {
  const byName = new Map<string, PromptFile>();
  const byLowerCase = new Map<string, PromptFile>();
  for (const prompt of prompts) {
    if (!byName.has(prompt.name)) byName.set(prompt.name, prompt);
    if (!byLowerCase.has(prompt.name.toLowerCase())) byLowerCase.set(prompt.name.toLowerCase(), prompt);
  }
  return { byName, byLowerCase };
}

/** The names that are written out, each with the places that name it, in the order first named. */
export function namesIn(references: readonly SourceReference[]): Map<string, ReferencePlace[]> {
  const names = new Map<string, ReferencePlace[]>();
  for (const { name, file, line, column, key } of references) {
    if (name === null) continue;
    const places = names.get(name) ?? [];
    places.push({ file, line, column, key });
    names.set(name, places);
  }
  return names;
}

export interface JudgeInput {
  references: readonly SourceReference[];
  prompts: readonly PromptFile[];
  /** How the prompts folder is called in messages. */
  promptsFolder: string;
  /** check's record of each prompt file a name stands for, by its path. */
  records: ReadonlyMap<string, FileRecord>;
  rules: NameRules;
}

/**
 * What becomes of every name the code hands to the platform: `bad-name` (the platform rejects the name, whatever
 * file there is), `missing` (no such file: the 1010002 "does not exist" of a call), `non-compliant` (the file fails
 * check), or ok; with warnings for a name that matches a file only but for letter case, each place where a name is
 * built at run time, and each prompt no code names.
 */
export function judgeReferences(input: JudgeInput): { names: NameRecord[]; warnings: ReferenceWarning[] } {
  const { byName, byLowerCase } = indexPrompts(input.prompts);
  const named = new Set<string>();
  const names: NameRecord[] = [];
  for (const [name, places] of namesIn(input.references)) {
    const record: NameRecord = { name, ok: false, places, prompt: null, problems: [], warnings: [] };
    names.push(record);
    const badName = nameFault(name, input.rules);
    const found = promptFor(name, byName, byLowerCase);
    if (found) named.add(found.prompt.path);
    if (badName) {
      record.problems.push({ code: 'bad-name', message: `the platform rejects this name: ${badName}; rename the file and the code that names it` });
      continue;
    }
    if (!found) {
      const message = `no file of this name in ${input.promptsFolder}: a call naming it fails with 1010002 "does not exist"; add the prompt (and upload it) or fix the name`;
      record.problems.push({ code: 'missing', message });
      continue;
    }
    record.prompt = found.prompt.path;
    if (!found.exact) {
      const message = `the prompts folder has ${found.prompt.name}, which differs from this name only in letter case: make them the same (the platform may tell them apart)`;
      record.warnings.push({ code: 'case', message });
    }
    const checked = input.records.get(found.prompt.path);
    if (checked && !checked.ok) {
      const codes = checked.problems.map((problem) => problem.code).join(', ');
      const message = `${found.prompt.path} is not a playback file the platform accepts (${codes}): ${checked.problems[0]?.message ?? ''}`;
      record.problems.push({ code: 'non-compliant', message, problems: checked.problems });
    }
    record.ok = record.problems.length === 0;
  }
  const warnings: ReferenceWarning[] = [];
  for (const { name, expression, file, line, column, key } of input.references) {
    if (name !== null) continue;
    const message = `the name given to ${key} is built at run time (${expression ?? '?'}): not checked; write it out, or check its values another way`;
    warnings.push({ code: 'dynamic', message, place: { file, line, column, key } });
  }
  const extension = input.rules.extension;
  const built = warnings.length;
  for (const prompt of input.prompts) {
    if (named.has(prompt.path) || !prompt.name.toLowerCase().endsWith(extension)) continue;
    const unless = built > 0 ? ` (unless one of the ${built} name(s) built at run time is it)` : '';
    warnings.push({ code: 'unused', message: `no code scanned names this prompt${unless}: remove it, or name it`, path: prompt.path });
  }
  return { names, warnings };
}
