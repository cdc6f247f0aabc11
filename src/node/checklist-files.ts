import { readFile, stat } from 'node:fs/promises';
import { basename, resolve } from 'node:path';
import { checkOptions, pathArgument } from '../arguments.js';
import { VoiceprepError } from '../errors.js';
import { LEVEL } from '../option-rules.js';
import { PROFILE } from '../pipeline/output-rules.js';
import type { OutputProfile } from '../profile/profile.js';
import { type ChecklistRow, checklistRow, parseDescriptions } from '../refs/checklist.js';
import { checkPaths } from './check-paths.js';
import { fsWords } from './search-folder.js';

export interface ChecklistOptions {
  /** A `name,description` CSV: the description (文件说明) to type for each file. */
  descriptions?: string;
  /** The platform whose rules the files are judged by (default: Huawei Voice Call's). */
  profile?: OutputProfile;
  /** Also judge each file's active speech level against this many dBov (as `check --level`); it is measured anyway. */
  level?: number;
}

export interface Checklist {
  rows: ChecklistRow[];
  /** Files the descriptions CSV gives no description for, and names in it that are no file of the folder. */
  undescribed: string[];
  unknownDescriptions: string[];
  summary: { files: number; ok: number; failed: number };
}

/** The level a file is measured against when no target is asked for: only the figure is kept, not the verdict. */
const MEASURED_AGAINST = -26;

/**
 * The upload checklist of a folder of playback files: every file below it (as `check` finds them), its description
 * from the CSV, its duration, size and active speech level, and check's verdict (with `level`, the level's too).
 * Rows are in name order. A folder that is not there or holds no file, or a descriptions CSV that cannot be read or parsed, throws
 * (`not-found`, `invalid-argument`).
 */
export async function checklist(folder: string, options: ChecklistOptions = {}, cwd = process.cwd()): Promise<Checklist> {
  pathArgument(folder, 'folder');
  const given = checkOptions<ChecklistOptions>(options, { descriptions: 'string', profile: PROFILE, level: LEVEL });
  const folderStats = await stat(resolve(cwd, folder)).catch((error: unknown) => error as Error);
  if (folderStats instanceof Error || !folderStats.isDirectory()) {
    const why = folderStats instanceof Error ? fsWords(folderStats) : 'not a folder';
    throw new VoiceprepError('not-found', `the prompts folder ${folder} cannot be searched (${why})`);
  }
  const descriptions = given.descriptions === undefined ? new Map<string, string>() : await readDescriptions(given.descriptions, cwd);
  const { files } = await checkPaths([folder], { profile: given.profile, level: given.level ?? MEASURED_AGAINST }, cwd);
  // check's record of a folder with nothing in it is no file to upload
  if (files.length === 1 && files[0].path === folder && files[0].problems[0]?.code === 'not-found') {
    throw new VoiceprepError('not-found', `the folder ${folder} holds no file to upload`);
  }
  const rows = files.map((record) => {
    // without a target the level is a figure to read, not a verdict
    if (given.level === undefined) {
      record.problems = record.problems.filter((problem) => problem.code !== 'level');
      record.ok = record.problems.length === 0;
    }
    const name = basename(record.path);
    return checklistRow(record, name, descriptions.get(name) ?? '');
  });
  rows.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  const names = new Set(rows.map((row) => row.name));
  const ok = rows.filter((row) => row.ok).length;
  return {
    rows,
    undescribed: given.descriptions === undefined ? [] : rows.filter((row) => !descriptions.has(row.name)).map((row) => row.name),
    unknownDescriptions: [...descriptions.keys()].filter((name) => !names.has(name)),
    summary: { files: rows.length, ok, failed: rows.length - ok },
  };
}

async function readDescriptions(path: string, cwd: string): Promise<Map<string, string>> {
  const text = await readFile(resolve(cwd, path), 'utf8').catch((error: unknown) => {
    throw new VoiceprepError('not-found', `the descriptions file ${path} cannot be read (${fsWords(error)})`);
  });
  try {
    return parseDescriptions(text);
  } catch (error) {
    throw new VoiceprepError('invalid-argument', `the descriptions file ${path} is not CSV of name,description (${error instanceof Error ? error.message : String(error)})`);
  }
}
