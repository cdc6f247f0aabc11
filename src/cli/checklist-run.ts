import { isVoiceprepError } from '../errors.js';
import { type Checklist, checklist } from '../node/checklist-files.js';
import type { OutputProfile } from '../profile/profile.js';
import { type ChecklistLanguage, checklistCsv, checklistMarkdown } from '../refs/checklist.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE } from './exit-codes.js';
import { type CliIo, oneLine } from './output.js';

/** What `checklist` runs with: its flags, and the profile files are judged by. */
export interface ChecklistRunOptions {
  descriptions?: string;
  lang: ChecklistLanguage;
  format: 'markdown' | 'csv';
  level?: number;
  profile: OutputProfile;
}

export async function runChecklist(folder: string, options: ChecklistRunOptions, io: CliIo): Promise<number> {
  let list: Checklist;
  try {
    list = await checklist(folder, { descriptions: options.descriptions, level: options.level, profile: options.profile });
  } catch (error) {
    // a folder or descriptions file that cannot be read is the command line's mistake
    if (!isVoiceprepError(error) || !['not-found', 'invalid-argument'].includes(error.code)) throw error;
    io.stderr.write(`voiceprep checklist: ${oneLine(error.message)}\n`);
    return EXIT_USAGE;
  }
  io.stdout.write(options.format === 'csv' ? checklistCsv(list.rows, options.lang) : checklistMarkdown(list.rows, options.lang));
  // said on stderr, so that the list on stdout stays the list
  if (list.undescribed.length > 0) io.stderr.write(`voiceprep checklist: no description for ${list.undescribed.map(oneLine).join(', ')}\n`);
  if (list.unknownDescriptions.length > 0) io.stderr.write(`voiceprep checklist: described but not in ${oneLine(folder)}: ${list.unknownDescriptions.map(oneLine).join(', ')}\n`);
  return list.summary.failed === 0 ? EXIT_OK : EXIT_PROBLEMS;
}
