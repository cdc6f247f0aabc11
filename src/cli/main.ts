import { Command, CommanderError } from 'commander';
import { registerCheck } from './check-command.js';
import { registerConvert } from './convert-command.js';
import { registerTargets } from './targets-command.js';
import { registerRefs } from './refs-command.js';
import { registerChecklist } from './checklist-command.js';
import { registerSilence } from './silence-command.js';
import { type CliIo, processIo } from './output.js';
import { EXIT_OK, EXIT_PROBLEMS, EXIT_USAGE, type HeldSignals, SIGNAL_EXIT_CODES } from './exit-codes.js';

const VERSION = '0.1.0';

/**
 * Runs the command line and resolves to the exit code: 0 all good, 1 some file has a problem, 2 the command line
 * itself is wrong, 130/143 interrupted. Nothing a user does makes it print a stack trace: unexpected errors become
 * one line too. `signals`: the SIGINT and SIGTERM that bin/voiceprep.js holds while the command loads.
 */
export async function main(argv: readonly string[], io: CliIo = processIo(), signals?: HeldSignals): Promise<number> {
  const program = new Command('voiceprep')
    .description('Make playback files a voice platform accepts from any audio, and prove they comply: Huawei Cloud Voice Call (A-law, 8000 Hz, mono WAV) by default, or --target amazon-connect, teams, asterisk, ... (voiceprep targets).')
    .version(VERSION, '-V, --version')
    .exitOverride()
    .configureOutput({
      writeOut: (text) => io.stdout.write(text),
      writeErr: (text) => io.stderr.write(text),
    })
    .showSuggestionAfterError()
    .addHelpText(
      'after',
      `
Examples:
  voiceprep convert prompts -o upload              every audio file below prompts/ into upload/
  voiceprep convert 'in/**/*.mp3' -o out --trim    cut anything too long to fit 2 MiB
  voiceprep convert prompts -o upload --level -26 --trim-silence
                                                   ... at one speech level, without dead air
  voiceprep convert prompts --in-place             replace each file once its compliant version is complete
  voiceprep check upload                           prove every file in upload/ complies (exit 1 if not)
  voiceprep check upload --level -26               ... and that every prompt's speech is at -26 dBov
  voiceprep refs src --prompts prompts             every prompt the code names exists and complies
  voiceprep checklist upload > upload.md           the list to work through in the console's upload page
  voiceprep silence 1 -o upload/empty.wav          a prompt of 1 s of silence

Exit codes: 0 every file complies, 1 some file has a problem, 2 usage error, 130/143 interrupted.`,
    );

  let exitCode = EXIT_OK;
  const setExitCode = (code: number) => {
    exitCode = code;
  };
  registerConvert(program, io, setExitCode, signals);
  registerCheck(program, io, setExitCode, signals);
  registerTargets(program, io);
  registerRefs(program, io, setExitCode, signals);
  registerChecklist(program, io, setExitCode, signals);
  registerSilence(program, io, setExitCode, signals);

  try {
    await program.parseAsync(argv as string[], { from: 'user' });
  } catch (error) {
    if (error instanceof CommanderError) {
      // Help or the version asked for is a success; help shown because no command was given is a usage error.
      const asked = ['commander.helpDisplayed', 'commander.version'].includes(error.code);
      return asked ? EXIT_OK : EXIT_USAGE;
    }
    io.stderr.write(`voiceprep: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}\n`);
    return EXIT_PROBLEMS;
  }
  // a signal held while no command took it over (help, the version) still ends the run as that signal does
  const held = signals?.held[0];
  return held && exitCode === EXIT_OK ? SIGNAL_EXIT_CODES[held] : exitCode;
}
