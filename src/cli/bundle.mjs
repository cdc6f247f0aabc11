#!/usr/bin/env node
// `npm run build`, last step: bundles the command line and the batch's worker entry into dist/bundle/ with esbuild.
// Loading ~40 compiled modules and commander one by one took ~70 ms of a conversion's start (measured: import of
// dist/cli/main.js and convert-run.js); one file per entry, with the rarely needed parts split into lazy chunks,
// takes ~30 ms. The library keeps its one-module-per-file layout in dist/ (typed, tree-shakable).
import { copyFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const dist = fileURLToPath(new URL('../../dist/', import.meta.url));

await build({
  entryPoints: { cli: `${dist}cli/main.js`, 'convert-job': `${dist}batch/convert-job.js` },
  outdir: `${dist}bundle`,
  bundle: true,
  splitting: true,
  format: 'esm',
  platform: 'node',
  target: 'node20',
  logLevel: 'warning',
  minify: true,
  sourcemap: 'linked',
  // Loaded only when needed (a pool, a glob, a progress bar, a wide table, a name to transliterate), or they start
  // worker threads from files of their own: they stay separate packages.
  // @audio/decode-aac (FAAD2) is GPL-2.0: it stays its own package, loaded from node_modules when an AAC file is
  // opened, and is never copied into voiceprep's own files.
  external: ['piscina', 'pinyin-pro', 'transliteration', 'fast-glob', 'cli-progress', 'string-width', '@audio/decode-aac'],
  // commander is CommonJS and requires node: modules, which an ES module bundle can only do through createRequire.
  banner: { js: "import { createRequire as bundleRequire } from 'node:module'; const require = bundleRequire(import.meta.url);" },
});
// The worker shim imports './convert-job.js' beside it: next to the bundled one, it loads that.
copyFileSync(`${dist}batch/convert-worker.cjs`, `${dist}bundle/convert-worker.cjs`);
