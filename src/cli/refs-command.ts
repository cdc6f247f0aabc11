import type { Command } from 'commander';
import { DEFAULT_PROFILE } from '../profile/profile.js';
import { targetNamed } from '../profile/target-named.js';
import { targetOption } from './option-parsers.js';
import { CONFIG_FILE, withProjectDefaults } from './project-config.js';
import type { CliIo } from './output.js';
import type { RefsOptions } from './refs-run.js';
import { type HeldSignals, takeHeldSignal } from './exit-codes.js';

interface RefsFlags {
  prompts?: string;
  target?: string;
  json?: boolean;
  quiet?: boolean;
}

export function registerRefs(program: Command, io: CliIo, setExitCode: (code: number) => void, signals?: HeldSignals): void {
  program
    .command('refs')
    .description('prove that every playback file the code names exists in the prompts folder and complies (a missing one fails a call with 1010002)')
    .argument('<sources...>', 'code and request files, folders (searched recursively, node_modules left out) and globs: JSON, YAML, JavaScript, TypeScript, Java, Python, Go, PHP, C#')
    .option('--prompts <folder>', `the folder that holds the playback files the code names (or "prompts" in ${CONFIG_FILE})`)
    .option('--target <name>', `the platform whose rules the prompts are judged by (default: huawei-voicecall, or what ${CONFIG_FILE} says)`, targetOption)
    .option('--json', 'print one JSON document: {"names": [...], "warnings": [...], "sources": [...], "summary": {...}} (schema in the README)')
    .option('-q, --quiet', 'list only the names with problems, then the summary')
    .option('--no-color', 'no colour')
    .addHelpText(
      'after',
      `
It reads the values of the API's playback keys (waitVoice, preVoice, lastMinVoice, recordHintTone, notifyVoice,
preTone, posTone) as JSON and YAML keys, object literals, assignments, keyword arguments, setters and Map puts.
A name built at run time is a warning with its place, never a guess. Problems: missing, non-compliant (check's
problems), bad-name; warnings: case, dynamic, unused.

Examples:
  voiceprep refs src config --prompts prompts
  voiceprep refs 'api/**/*.json' --prompts prompts --json | jq '.names[] | select(.ok | not) | .name'

Exit codes: 0 every name is a compliant prompt, 1 some name has a problem (or a source cannot be read), 2 usage error
(also a --prompts folder that is not there).`,
    )
    .action(async (sources: string[], given: RefsFlags, command: Command) => {
      takeHeldSignal(signals); // refs stops nothing under way: a later signal ends it as usual
      const flags = await withProjectDefaults(given, ['prompts', 'target'], command);
      if (flags.prompts === undefined) command.error(`error: required option '--prompts <folder>' not specified (or set "prompts" in ${CONFIG_FILE})`, { exitCode: 2 });
      const profile = flags.target === undefined ? DEFAULT_PROFILE : targetNamed(flags.target);
      const options: RefsOptions = { prompts: flags.prompts, json: flags.json, quiet: flags.quiet, profile };
      const { runRefs } = await import('./refs-run.js');
      setExitCode(await runRefs(sources, options, io));
    });
}
