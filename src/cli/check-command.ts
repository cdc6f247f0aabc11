import type { Command } from 'commander';
import { levelOption, rateOption, reviewOption, sizeOption, targetOption, toleranceOption } from './option-parsers.js';
import { CONFIG_FILE, withProjectDefaults } from './project-config.js';
import type { CliIo } from './output.js';
import type { CheckFlags } from './check-run.js';
import { type HeldSignals, SIGNAL_EXIT_CODES, takeHeldSignal } from './exit-codes.js';

export function registerCheck(program: Command, io: CliIo, setExitCode: (code: number) => void, signals?: HeldSignals): void {
  program
    .command('check')
    .description("prove that files are playback files the target accepts (Huawei's by default; reads headers only, fast, unless --level)")
    .argument('<inputs...>', 'files, folders (searched recursively: every file in them is checked, and anything but a compliant WAV is a problem) and globs')
    .option('--target <name>', `the platform whose rules files are judged by, e.g. amazon-connect (default: huawei-voicecall, or what ${CONFIG_FILE} says)`, targetOption)
    .option('--max-size <size>', "largest file allowed, e.g. 2MB, 500KB, 1GB, 2097152 (K, M, G are binary: 1MB = 1 MiB; default: the target's limit)", sizeOption)
    .option('--level <dBov>', 'also decode each file and judge its active speech level (ITU-T P.56) against this, e.g. -26, its clipping and its leading/trailing silence', levelOption)
    .option('--level-tolerance <dB>', 'how far from --level a file may be (default 1)', toleranceOption)
    .option('--vox-rate <hz>', 'sample rate of Dialogic .vox files (default 8000)', rateOption)
    .option('--review [file]', 'write review.html (or this file) beside the checked files: every file with its player, waveform and verdict, to listen to before uploading', reviewOption)
    .option('--json', 'print one JSON document: {"files": [...], "summary": {...}} (schema in the README)')
    .option('-q, --quiet', 'list only the files with problems, then the summary')
    .option('--no-color', 'no colour')
    .addHelpText(
      'after',
      `
Without --level only headers are read. A file that is not WAV is reported with what it is (MP3, FLAC, ...).

Examples:
  voiceprep check prompts                  every file below prompts/
  voiceprep check upload --level -26       also each prompt's speech level, clipping and long silences
  voiceprep check 'ivr/**/*.wav' --quiet   only what is wrong
  voiceprep check upload --max-size 1MB    a stricter size limit
  voiceprep check prompts --json | jq '.files[] | select(.ok | not) | .path'
  voiceprep check connect --target amazon-connect   judged by Amazon Connect's rules

A ${CONFIG_FILE} (or a "voiceprep" key in package.json) in this folder or above sets the defaults of
target, maxSize, level, levelTolerance and voxRate; flags win.

Exit codes: 0 every file complies, 1 some file has a problem, 2 usage error.`,
    )
    .action(async (inputs: string[], given: CheckFlags, command: Command) => {
      const flags = await withProjectDefaults(given, ['target', 'maxSize', 'level', 'levelTolerance', 'voxRate'], command);
      if (flags.levelTolerance !== undefined && flags.level === undefined) {
        command.error('error: --level-tolerance needs --level <dBov>: the target it is a tolerance around', { exitCode: 2 });
      }
      // check stops nothing under way: a signal from now on ends it as usual, and one that came while it loaded now
      const heldSignal = takeHeldSignal(signals);
      if (heldSignal) {
        // interrupted while loading: nothing was read yet, so there is nothing to report
        io.stderr.write(`voiceprep: interrupted by ${heldSignal} before checking anything\n`);
        setExitCode(SIGNAL_EXIT_CODES[heldSignal]);
        return;
      }
      const { runCheck } = await import('./check-run.js');
      setExitCode(await runCheck(inputs, flags, io));
    });
}
