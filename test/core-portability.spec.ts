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

/**
 * The only packages the core may import: the WebAssembly audio decoders, made
 * to run in browsers and Node alike. Their browser bundle is checked in src/formats/open-audio-compressed.spec.ts.
 */
const BROWSER_SAFE_PACKAGES = [
  // AAC (FAAD2) and AMR (opencore-amr) in WebAssembly, and mediabunny's MP4 demuxer: made for browsers too (the page
  // leaves them out for its size, not because they need Node: build-page.mjs)
  '@audio/decode-aac',
  '@audio/decode-amr',
  '@wasm-audio-decoders/ogg-vorbis',
  'mediabunny',
  'mpg123-decoder',
  'opus-decoder',
];

describe('voiceprep/core', () => {
  it('imports nothing outside src/ but the browser-safe audio decoders: no fs, no worker_threads, so it runs in a browser', () => {
    const { modules, outside } = reach('core.ts');
    expect(modules.length).toBeGreaterThan(20);
    const packages = new Set(outside.map((line) => line.split(' imports ')[1]));
    expect([...packages].sort()).toEqual(BROWSER_SAFE_PACKAGES);
  });

  it('would see a node: import: the Node entry, which adds files on disk, has them', () => {
    const { outside } = reach('index.ts');
    expect(outside.some((line) => line.includes('node:fs'))).toBe(true);
  });
});
