import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { type Command, InvalidArgumentError } from 'commander';
import { levelOption, rateOption, sizeOption, targetOption, toleranceOption } from './option-parsers.js';

/**
 * A repository states its platform once: `voiceprep.config.json`, or a "voiceprep" key in package.json, found from
 * the working folder upward (the nearest wins; in one folder the config file before package.json). It sets the
 * defaults of `convert` and `check` (and so of the hooks, which run them); a flag on the command line still wins.
 */
export const CONFIG_FILE = 'voiceprep.config.json';

/** What a config file may set, by the flag's own name, each read by the flag's own parser (so in the same words). */
const KEYS = {
  target: (value: unknown) => targetOption(text(value)),
  maxSize: (value: unknown) => sizeOption(typeof value === 'number' ? String(value) : text(value)),
  level: (value: unknown) => levelOption(number(value)),
  levelTolerance: (value: unknown) => toleranceOption(number(value)),
  voxRate: (value: unknown) => rateOption(number(value)),
  trim: (value: unknown) => flag(value),
  trimSilence: (value: unknown) => flag(value),
  normalize: (value: unknown) => flag(value),
  /** refs: the folder of the playback files the code names (relative to the working folder, as --prompts is). */
  prompts: (value: unknown) => text(value),
} as const;

export type ProjectDefaults = { -readonly [K in keyof typeof KEYS]?: ReturnType<(typeof KEYS)[K]> };

export interface ProjectConfig {
  /** The file it was read from, for messages. */
  path: string;
  defaults: ProjectDefaults;
}

/** A config file that cannot be used: the CLI prints this and exits 2, before any file is read. */
export class ConfigError extends Error {}

/** The nearest config from `cwd` upward, or null when there is none. */
export async function findProjectConfig(cwd: string): Promise<ProjectConfig | null> {
  for (let folder = resolve(cwd); ; folder = dirname(folder)) {
    const own = await readJson(join(folder, CONFIG_FILE));
    if (own !== undefined) return { path: join(folder, CONFIG_FILE), defaults: parseDefaults(own, join(folder, CONFIG_FILE)) };
    const manifest = await readJson(join(folder, 'package.json'));
    if (isObject(manifest) && manifest.voiceprep !== undefined) {
      const where = `${join(folder, 'package.json')} ("voiceprep")`;
      return { path: where, defaults: parseDefaults(manifest.voiceprep, where) };
    }
    if (dirname(folder) === folder) return null;
  }
}

/**
 * The flags as given, with what the nearest config sets for `keys` filled in where the command line said nothing. A
 * config voiceprep cannot use ends the command with its words and exit 2, before any file is read.
 */
export async function withProjectDefaults<T extends object>(flags: T, keys: readonly (keyof ProjectDefaults)[], command: Command): Promise<T> {
  const config = await findProjectConfig(process.cwd()).catch((error: unknown) => {
    if (error instanceof ConfigError) command.error(`error: ${error.message}`, { exitCode: 2 });
    throw error;
  });
  return withDefaults(flags, config?.defaults, keys);
}

/** The flags as given, with what the config sets filled in where the command line said nothing. */
export function withDefaults<T extends object>(flags: T, defaults: ProjectDefaults | undefined, keys: readonly (keyof ProjectDefaults)[]): T {
  const merged = { ...flags } as Record<string, unknown>;
  for (const key of keys) if (merged[key] === undefined && defaults?.[key] !== undefined) merged[key] = defaults[key];
  return merged as T;
}

function parseDefaults(value: unknown, where: string): ProjectDefaults {
  if (!isObject(value)) throw new ConfigError(`${where}: expected an object such as { "target": "amazon-connect" }`);
  const defaults: Record<string, unknown> = {};
  for (const [key, given] of Object.entries(value)) {
    if (!Object.hasOwn(KEYS, key)) throw new ConfigError(`${where}: unknown key "${key}": the keys are ${Object.keys(KEYS).join(', ')}`);
    try {
      defaults[key] = KEYS[key as keyof typeof KEYS](given);
    } catch (error) {
      if (!(error instanceof InvalidArgumentError)) throw error;
      throw new ConfigError(`${where}: "${key}": ${error.message}, not ${JSON.stringify(given)}`);
    }
  }
  return defaults as ProjectDefaults;
}

/** undefined when the file does not exist; a file that exists and is not JSON is an error, not "no config". */
async function readJson(path: string): Promise<unknown> {
  let textRead: string;
  try {
    textRead = await readFile(path, 'utf8');
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'ENOENT' || code === 'ENOTDIR' || code === 'EISDIR' || code === 'EACCES') return undefined;
    throw new ConfigError(`${path}: could not be read (${code ?? String(error)})`);
  }
  try {
    return JSON.parse(textRead);
  } catch (error) {
    // a broken package.json is npm's business unless it is where the config lives; a broken config file is ours
    if (path.endsWith('package.json')) return undefined;
    throw new ConfigError(`${path}: not valid JSON (${(error as Error).message})`);
  }
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

function text(value: unknown): string {
  if (typeof value !== 'string') throw new InvalidArgumentError('expected text');
  return value;
}

function number(value: unknown): string {
  if (typeof value !== 'number') throw new InvalidArgumentError('expected a number');
  return String(value);
}

function flag(value: unknown): boolean {
  if (typeof value !== 'boolean') throw new InvalidArgumentError('expected true or false');
  return value;
}
