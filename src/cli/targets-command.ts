import type { Command } from 'commander';
import { ENCODINGS } from '../profile/encodings.js';
import { type OutputProfile, RIFF_MAX_BYTES } from '../profile/profile.js';
import { TARGETS } from '../profile/profiles.js';
import { stemRoom } from '../profile/name-rules.js';
import { type CliIo, formatTable } from './output.js';

/** `voiceprep targets`: every platform voiceprep writes for, with its rules and where each was read. */
export function registerTargets(program: Command, io: CliIo): void {
  program
    .command('targets')
    .description('list every target platform (--target) with what it plays, its limits, its name rules and their source')
    .option('--json', 'print them as JSON (the fields are described in the README)')
    .action((flags: { json?: boolean }) => {
      io.stdout.write(flags.json ? `${JSON.stringify(TARGETS.map(targetJson), null, 2)}\n` : targetsText());
    });
}

/** A target as `targets --json` prints it: plain data, the rules' regular expressions as their source text. */
export function targetJson(target: OutputProfile) {
  const { names } = target;
  return {
    id: target.id,
    aliases: target.aliases ?? [],
    platform: target.platform,
    encoding: target.encoding,
    encodingName: ENCODINGS[target.encoding].name,
    sampleRate: target.sampleRate,
    channels: target.channels,
    maxBytes: target.maxBytes === RIFF_MAX_BYTES ? null : target.maxBytes,
    maxSeconds: target.maxSeconds ?? null,
    names: {
      character: names.character.source,
      characterWords: names.characterWords,
      maxLength: names.maxLength,
      lengthOf: names.lengthOf ?? 'name',
      first: names.first?.words ?? null,
      extension: names.extension,
      extensionCase: names.extensionCase ?? 'any',
    },
    source: target.source ?? null,
    why: target.why ?? null,
  };
}

function targetsText(): string {
  const rows = TARGETS.map((target) => [
    [target.id, ...(target.aliases ?? [])].join(', '),
    `${ENCODINGS[target.encoding].name}, ${target.sampleRate} Hz, mono`,
    limits(target),
    nameWords(target),
  ]);
  const table = formatTable(['target', 'writes', 'limit', 'names'], rows);
  const sources = TARGETS.map((target) => `  ${target.id}: ${target.why ?? ''}${target.source ? `\n    source: ${target.source}` : ''}`).join('\n');
  return `${table}\n\nWhy each writes what it does, and where its rules were read:\n${sources}\n`;
}

function limits(target: OutputProfile): string {
  const size = target.maxBytes === RIFF_MAX_BYTES ? 'no size limit' : `${target.maxBytes.toLocaleString('en')} bytes`;
  return target.maxSeconds === undefined ? size : `${size}, < ${target.maxSeconds} s`;
}

function nameWords(target: OutputProfile): string {
  const { names } = target;
  const length = names.lengthOf === 'stem' ? `${stemRoom(names)} + ${names.extension}` : `${names.maxLength} with ${names.extension}`;
  const first = names.first ? `, starting with ${names.first.words}` : '';
  return `${names.characterWords}${first}; at most ${length}`;
}
