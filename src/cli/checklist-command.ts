import { type Command, Option } from 'commander';
import { DEFAULT_PROFILE } from '../profile/profile.js';
import { targetNamed } from '../profile/target-named.js';
import { CONFIG_FILE, withProjectDefaults } from './project-config.js';
import { CHECKLIST_LANGUAGES, type ChecklistLanguage } from '../refs/checklist.js';
import { levelOption, targetOption } from './option-parsers.js';
import type { CliIo } from './output.js';
import type { ChecklistRunOptions } from './checklist-run.js';
import { type HeldSignals, takeHeldSignal } from './exit-codes.js';

interface ChecklistFlags {
  target?: string;
  descriptions?: string;
  lang: ChecklistLanguage;
  format: 'markdown' | 'csv';
  level?: number;
}

export function registerChecklist(program: Command, io: CliIo, setExitCode: (code: number) => void, signals?: HeldSignals): void {
  program
    .command('checklist')
    .description("the list to work through in the console's upload page (放音文件管理 -> 添加放音文件): each file, its description, duration, size, level and whether it complies")
    .argument('<folder>', 'the folder of playback files to upload (searched recursively)')
    .option('--descriptions <csv>', 'a name,description CSV: the description (文件说明) to type for each file')
    .addOption(new Option('--lang <language>', 'headings in Chinese or English').choices(CHECKLIST_LANGUAGES).default('zh'))
    .addOption(new Option('--format <format>', 'Markdown for people, CSV for spreadsheets').choices(['markdown', 'csv']).default('markdown'))
    .option('--target <name>', `the platform whose rules each file is judged by (default: huawei-voicecall, or what ${CONFIG_FILE} says)`, targetOption)
    .option('--level <dBov>', "also judge each file's active speech level against this (as check --level); it is shown either way", levelOption)
    .addHelpText(
      'after',
      `
Examples:
  voiceprep checklist upload > upload.md
  voiceprep checklist upload --descriptions prompts.csv --lang en --format csv > upload.csv

Exit codes: 0 every file complies, 1 some file does not (the list is printed all the same), 2 usage error (also a
folder or descriptions file that cannot be read).`,
    )
    .action(async (folder: string, given: ChecklistFlags, command: Command) => {
      takeHeldSignal(signals); // checklist stops nothing under way: a later signal ends it as usual
      const { target, ...flags } = await withProjectDefaults(given, ['target', 'level'], command);
      const options: ChecklistRunOptions = { ...flags, profile: target === undefined ? DEFAULT_PROFILE : targetNamed(target) };
      const { runChecklist } = await import('./checklist-run.js');
      setExitCode(await runChecklist(folder, options, io));
    });
}
