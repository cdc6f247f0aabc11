import type { Command } from 'commander';
import { SILENCE_SECONDS } from '../option-rules.js';
import { InvalidArgumentError } from 'commander';
import type { CliIo } from './output.js';
import { targetOption } from './option-parsers.js';
import { CONFIG_FILE, withProjectDefaults } from './project-config.js';
import { EXIT_OK, EXIT_PROBLEMS, type HeldSignals, SIGNAL_EXIT_CODES, takeHeldSignal } from './exit-codes.js';

interface SilenceFlags {
  output: string;
  target?: string;
  force?: boolean;
}

function secondsArgument(text: string): number {
  const value = Number(text);
  if (text.trim() === '' || !SILENCE_SECONDS.accepts(value)) throw new InvalidArgumentError(`expected ${SILENCE_SECONDS.words}`);
  return value;
}

/** `voiceprep silence <seconds> -o <file>`: a compliant prompt of silence, named as every output is. */
export function registerSilence(program: Command, io: CliIo, setExitCode: (code: number) => void, signals?: HeldSignals): void {
  program
    .command('silence')
    .description('write a compliant playback file of silence (the platform\'s way to turn off the recording notice)')
    .argument('<seconds>', 'how long, e.g. 1', secondsArgument)
    .requiredOption('-o, --output <file>', 'the file to write; a name the platform refuses is made compliant, as convert does')
    .option('-f, --force', 'replace a different file already at the output path')
    .option('--target <name>', `the platform to write for (default: huawei-voicecall, or what ${CONFIG_FILE} says)`, targetOption)
    .addHelpText(
      'after',
      `
Examples:
  voiceprep silence 1 -o upload/empty.wav       one second of silence
  voiceprep silence 0.5 -o "upload/空白.wav"      written as upload/kongbai.wav

Exit codes: 0 written (or already there, the same), 1 not written (a different file is there, or a write failed),
2 usage error.`,
    )
    .action(async (seconds: number, given: SilenceFlags, command: Command) => {
      const flags = await withProjectDefaults(given, ['target'], command);
      const held = takeHeldSignal(signals);
      if (held) {
        io.stderr.write(`voiceprep: interrupted by ${held} before writing anything\n`);
        setExitCode(SIGNAL_EXIT_CODES[held]);
        return;
      }
      setExitCode(await writeSilence(seconds, flags, io));
    });
}

async function writeSilence(seconds: number, flags: SilenceFlags, io: CliIo): Promise<number> {
  const [{ basename, dirname, join }, { silenceBytes }, { compliantName }, { writeFileAtomically }, { isVoiceprepError }, { makeFolder, writeFailure }, { targetNamed }] =
    await Promise.all([
      import('node:path'),
      import('../pipeline/silence.js'),
      import('../batch/compliant-name.js'),
      import('../node/atomic-file.js'),
      import('../errors.js'),
      import('../node/make-folder.js'),
      import('../profile/target-named.js'),
    ]);
  const profile = flags.target === undefined ? undefined : targetNamed(flags.target);
  const name = compliantName(basename(flags.output), profile?.names);
  const target = join(dirname(flags.output), name);
  try {
    const bytes = await silenceBytes(seconds, { profile });
    // as convert -o does, the folder is made when it is missing
    await makeFolder(dirname(target));
    const { outcome } = await writeFileAtomically(target, async (sink) => sink.write(bytes), { replace: flags.force }).catch((error: unknown) => {
      throw isVoiceprepError(error) ? error : writeFailure(error, target);
    });
    if (outcome === 'exists') {
      io.stderr.write(`error: a different file is already at ${target}: use --force to replace it\n`);
      return EXIT_PROBLEMS;
    }
    const renamed = name === basename(flags.output) ? '' : ` (the platform refuses the name ${JSON.stringify(basename(flags.output))})`;
    io.stdout.write(`${outcome === 'unchanged' ? 'already there' : 'wrote'} ${target}: ${seconds} s of silence, ${bytes.length} bytes${renamed}\n`);
    return EXIT_OK;
  } catch (error) {
    if (!isVoiceprepError(error)) throw error;
    io.stderr.write(`error: ${error.message}\n`);
    return EXIT_PROBLEMS;
  }
}
