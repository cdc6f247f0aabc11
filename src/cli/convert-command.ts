import type { Command } from 'commander';
import { CONVERTIBLE_EXTENSIONS } from '../formats/file-kinds.js';
import { gainConflict } from '../pipeline/settings.js';
import { highpassOption, jobsOption, levelOption, padOption, rateOption, reviewOption, sizeOption, targetOption } from './option-parsers.js';
import { CONFIG_FILE, withProjectDefaults } from './project-config.js';
import type { CliIo } from './output.js';
import type { ConvertFlags } from './convert-run.js';
import type { HeldSignals } from './exit-codes.js';

export function registerConvert(program: Command, io: CliIo, setExitCode: (code: number) => void, signals?: HeldSignals): void {
  program
    .command('convert')
    .description("convert audio files into compliant playback files for the target (Huawei's by default: A-law, 8000 Hz, mono, platform-safe names)")
    .argument('<inputs...>', 'files of any name, folders (searched recursively for audio files) and globs')
    .option('-o, --output <dir>', 'write the converted files below this folder, mirroring subfolders')
    .option('--in-place', 'replace each input once its converted file is complete')
    .option('--keep-names', 'never rename: a name the platform rejects is a problem and nothing is written')
    .option('-f, --force', 'replace a different file already at an output path')
    .option('--target <name>', `the platform to write for, e.g. amazon-connect (default: huawei-voicecall, or what ${CONFIG_FILE} says); voiceprep targets lists them`, targetOption)
    .option('--max-size <size>', "largest output file, e.g. 2MB, 500KB, 1GB, 2097152 (K, M, G are binary: 1MB = 1 MiB; default: the target's limit, 2 MiB for Huawei)", sizeOption)
    .option('--trim', 'cut a file too long for --max-size to the longest length that fits, with a 50 ms fade-out')
    .option('--normalize', 'scale each file so its peak is at -1 dBFS (the remedy for clipping)')
    .option('--level <dBov>', 'bring each file\'s active speech level (ITU-T P.56) to this, e.g. -26; never clips', levelOption)
    .option('--trim-silence', 'cut leading and trailing silence, keeping 0.1 s before the speech and 0.2 s after')
    .option('--even', 'even the level inside each prompt: quiet phrases up, loud ones down, slowly; pauses left alone, never clips')
    .option('--pad <seconds>', 'add this much silence at both ends (or <start>,<end>, e.g. 0.5,0.2), after --trim-silence; counts in --max-size', padOption)
    .option('--highpass [hz]', 'remove DC offset, rumble and mains hum below this (default 100 Hz), without moving the speech', highpassOption)
    .option('--vox-rate <hz>', 'sample rate of Dialogic .vox files (default 8000; 6000 is the other common one)', rateOption)
    .option('-j, --jobs <n>', 'files converted at once (default and most: one per core, fewer if memory is short)', jobsOption)
    .option('--review [file]', 'write review.html (or this file) in the output folder: every playback file with its player, waveform and verdict, to listen to before uploading', reviewOption)
    .option('--json', 'print one JSON document (the schema of check, plus output) instead of the table')
    .option('-q, --quiet', 'no progress bar')
    .option('--no-color', 'no colour in the table')
    .addHelpText(
      'after',
      `
Reads WAV (PCM, float, A-law, mu-law, IMA and Microsoft ADPCM, GSM 6.10, MP3; RIFF, RF64, BW64, RIFX),
AIFF, AU and CAF (PCM, float, A-law, mu-law), MP3 (layers I-III, gapless), FLAC, Ogg Vorbis, Opus,
phone recordings (M4A/MP4/3GP and ADTS AAC: AAC-LC, HE-AAC; AMR and AMR-WB) and Dialogic VOX,
whatever the file is named: the content decides.
Folders are searched for ${CONVERTIBLE_EXTENSIONS.join(' ')}
(and WebM, WMA..., which are refused with the fix).
A Dialogic .vox file has no header: it is known by its .vox name alone, and its rate from --vox-rate.

Examples:
  voiceprep convert samples -o out                    every audio file below samples/ into out/
  voiceprep convert a.mp3 'b/**/*.WAV' -o out -j 4     files and globs, four at a time
  voiceprep convert prompts -o upload --level -26 --trim-silence
                                                       at one speech level, without dead air
  voiceprep convert takes -o upload --even --highpass --pad 0.5
                                                       even, without rumble, 0.5 s of silence each end
  voiceprep convert old-ivr -o upload --vox-rate 6000  an old IVR library of 6 kHz .vox prompts
  voiceprep convert prompts --in-place --trim          in place, cutting anything over 2 MiB
  voiceprep convert prompts -o out --json > report.json
  voiceprep convert prompts -o connect --target amazon-connect
                                                       mu-law prompts for Amazon Connect

A file that already complies is kept as it is, in voiceprep's own layout, unless an option changes its
sound ("copied": its samples are copied as they are); every converted file is checked before it lands.

A ${CONFIG_FILE} (or a "voiceprep" key in package.json) in this folder or above sets the defaults of
target, maxSize, level, trim, trimSilence, normalize and voxRate; flags win.

Exit codes: 0 every file converted and complies, 1 some file failed (the others were still converted),
2 usage error, 130/143 interrupted by SIGINT/SIGTERM (finished files kept, partial ones removed).`,
    )
    .action(async (inputs: string[], given: ConvertFlags, command: Command) => {
      const flags = await withProjectDefaults(given, ['target', 'maxSize', 'level', 'trim', 'trimSilence', 'normalize', 'voxRate'], command);
      if (Boolean(flags.output) === Boolean(flags.inPlace)) {
        command.error('error: give either --output <dir> or --in-place (one of them, not both)', { exitCode: 2 });
      }
      const conflict = gainConflict(flags, (option) => `--${option}`);
      if (conflict) command.error(`error: ${conflict}`, { exitCode: 2 });
      // Loaded only when converting, so that `check` (run on every commit) starts without the pipeline and pool.
      const { runConvert } = await import('./convert-run.js');
      setExitCode(await runConvert(inputs, flags, io, signals));
    });
}

