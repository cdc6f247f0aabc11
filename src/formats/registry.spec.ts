import { readFileSync, readdirSync } from 'node:fs';
import { Command } from 'commander';
import { describe, expect, it } from 'vitest';
import { CONVERTIBLE_EXTENSIONS, REPORTED_AUDIO_EXTENSIONS } from './file-kinds.js';
import { FORMATS, LISTED_FORMATS, readFormatsInWords } from './registry.js';
import type { AudioFormat } from './common/audio-format.js';
import { READ_FORMATS } from './common/unsupported-format.js';
import { registerConvert } from '../cli/convert-command.js';

const README = readFileSync(new URL('../../README.md', import.meta.url), 'utf8');

describe('the registry of formats', () => {
  it('loads, for each format, the reader of that name, which recognizes what the format does', async () => {
    for (const format of FORMATS as readonly AudioFormat[]) {
      const reader = await format.load();
      expect(reader.name).toBe(format.name);
      expect(reader.recognizes).toBe(format.recognizes);
      expect(reader.decodes === false).toBe(format.refused === true);
    }
  });

  it('holds the format each folder declares in its index.ts, each once: a new format is its folder and a line here', async () => {
    const folders = readdirSync(new URL('.', import.meta.url), { withFileTypes: true })
      .filter((entry) => entry.isDirectory() && entry.name !== 'common')
      .map((entry) => entry.name);
    const declared = await Promise.all(folders.map(async (folder) => Object.values(await import(/* @vite-ignore */ new URL(`./${folder}/index.ts`, import.meta.url).href))[0]));
    expect(new Set(FORMATS).size).toBe(FORMATS.length);
    expect(new Set(declared)).toEqual(new Set(FORMATS));
  });

  it('asks WAV first and VOX, known by its name alone, last', () => {
    expect(FORMATS[0].name).toBe('WAV');
    expect(FORMATS[FORMATS.length - 1].name).toBe('VOX');
  });

  it('gives every extension to one format, in lower case with its dot', () => {
    const extensions = FORMATS.flatMap((format) => format.extensions);
    expect(new Set(extensions).size).toBe(extensions.length);
    for (const extension of extensions) expect(extension).toMatch(/^\.[a-z0-9]+$/);
  });

  it('lists each format at a place of its own', () => {
    expect(new Set(LISTED_FORMATS.map((format) => format.listed)).size).toBe(FORMATS.length);
  });

  it('says what voiceprep reads in the words the refusals use (the readers keep a copy: they sit below it)', () => {
    expect(readFormatsInWords()).toBe(READ_FORMATS);
  });

  it("is what the README says folders and globs are searched for", () => {
    const line = /Folders and globs are searched for `([^`]*)`/.exec(README);
    expect(line?.[1]).toBe(CONVERTIBLE_EXTENSIONS.join(' '));
    expect(REPORTED_AUDIO_EXTENSIONS).toContain('.wma');
  });

  it("is what convert's help says it reads and searches for", () => {
    const program = new Command();
    let help = '';
    registerConvert(program, { stdout: () => {}, stderr: () => {} } as never, () => {});
    const convert = program.commands[0].configureOutput({ writeOut: (text) => (help += text) });
    convert.outputHelp();
    const reads = help.slice(help.indexOf('Reads '), help.indexOf('whatever the file is named'));
    for (const format of LISTED_FORMATS.filter((listed) => !listed.refused)) expect(reads).toContain(format.name);
    expect(help).toContain(`Folders are searched for ${CONVERTIBLE_EXTENSIONS.join(' ')}\n`);
  });
});
