import { readFileSync } from 'node:fs';
import { dirname, relative, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';

const SRC = fileURLToPath(new URL('../src/', import.meta.url));
const IMPORT = /^(?:import|export)\b[^;]*?\bfrom\s+['"]([^'"]+)['"]|\bimport\(\s*['"]([^'"]+)['"]\s*\)/gm;

/** Every module that `entry` reaches, and every import of something outside src/ (node:*, packages). */
function reach(entry: string): { modules: string[]; outside: string[] } {
  const seen = new Set<string>();
  const outside: string[] = [];
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    for (const match of readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2];
      if (specifier.startsWith('.')) visit(resolve(dirname(file), specifier.replace(/\.js$/, '.ts')));
      else outside.push(`${relative(SRC, file)} imports ${specifier}`);
    }
  };
  visit(resolve(SRC, entry));
  return { modules: [...seen], outside };
}

describe('voiceprep/core', () => {
  it('imports nothing outside src/: no fs, no worker_threads, no packages, so it runs in a browser', () => {
    const { modules, outside } = reach('core.ts');
    expect(modules.length).toBeGreaterThan(20);
    expect(outside).toEqual([]);
  });

  it('would see a node: import: the Node entry, which adds files on disk, has them', () => {
    const { outside } = reach('index.ts');
    expect(outside.some((line) => line.includes('node:fs'))).toBe(true);
  });
});
