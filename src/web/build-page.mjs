#!/usr/bin/env node
// Builds dist/web/voiceprep.html (part of `npm run build`): one self-contained file, for a double click (file://)
// or any static host. esbuild bundles the page (src/web/page) and its two workers, the converter (src/web/worker,
// which runs voiceprep/core) and the namer (src/web/naming, with the transliterators); all three go inline into
// page.html with page.css. The workers' code sits in <script type="text/plain"> elements, which the browser keeps
// as text without running it, and the page starts each from a Blob URL of that text. The text is base64: the
// decoders carry their WebAssembly as strings of raw bytes (yEnc), and an HTML parser turns a NUL in a script's
// text into U+FFFD, which broke every one of them (their CRC check failed) until the code was encoded.
// The build fails when the file outgrows its budget.
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import * as esbuild from 'esbuild';

const root = fileURLToPath(new URL('../../', import.meta.url));
const here = fileURLToPath(new URL('./', import.meta.url));
const output = `${root}dist/web/voiceprep.html`;
/** The page is copied around by email and chat; 2 MB keeps it light, with room for the codecs to come. */
const MAX_PAGE_BYTES = 2 * 1024 * 1024;
/**
 * The browsers with WebAssembly SIMD, which the engine's kernels need: newer syntax is lowered for them. (Chinese
 * desktop browsers such as 360 and QQ run older Chromium versions than Chrome itself.)
 */
const TARGET = ['chrome91', 'edge91', 'firefox89', 'safari16.4'];

/**
 * Modules that a dependency imports but the page never runs, replaced by an empty one. ogg-opus-decoder imports
 * its 4 MB machine-learning decoder dynamically, for an option voiceprep does not use.
 */
const EMPTY_MODULES = /^@wasm-audio-decoders\/opus-ml$/;
/**
 * The readers' modules that load the AAC, MP4 and AMR decoders (~1 MB of WebAssembly), replaced in the converter by
 * one that refuses in words: the page is one file, so a decoder in it is a cost to everyone, and the page has the
 * browser's own decoder make M4A and AAC into WAV before the converter sees them (page/browser-decode.ts).
 */
const DECODED_ELSEWHERE = /[\\/]formats[\\/](common[\\/]aac-decode|mp4[\\/]mp4-decode|amr[\\/]amr-decode)\.js$/;

/**
 * All that the page's own bundle may hold: its modules, the name allocator, the platform's constants and output
 * profile, the plain words for warnings and the waveform drawing (strings only), the registry of input formats (plain data: which extensions a folder pick keeps), and the zip writer.
 * The engine (and the WebAssembly it will carry) and the transliterators run in the workers: in the page's bundle
 * they would be parsed a second time, on the thread that must stay responsive.
 */
const PAGE_MAY_USE =
  /^(src\/web\/page\/|src\/web\/prepared-file\.ts$|src\/review\/(words|waveform-svg)\.ts$|src\/formats\/(file-kinds|registry)\.ts$|src\/formats\/[^/]+\/(format|index|signature|adts-header)\.ts$|src\/formats\/common\/(audio-format|format-facts|sniff|ascii|audio-tags|adts-sync|mpeg-frame)\.ts$|src\/profile\/|node_modules\/fflate\/)/;
/**
 * The readers, which each format's declaration (formats/<format>/index.ts) imports only when a file of it is opened.
 * The page's own thread and the naming worker read the registry for its extensions, and never open a file: in their
 * bundles the readers' imports are left as they are, unresolved, rather than bringing the engine in.
 */
const READER_MODULE = /^\.\/[a-z0-9-]+-reader\.js$/;

const convertWorker = await bundle(`${here}worker/convert-worker.ts`);
const namingWorker = await bundle(`${here}naming/naming-worker.ts`, { readersLeftOut: true });
const page = await bundle(`${here}page/main.ts`, { readersLeftOut: true });
const strayInPage = Object.keys(page.metafile.inputs).filter((path) => !PAGE_MAY_USE.test(path));
if (strayInPage.length > 0) {
  throw new Error(`the page's bundle pulls in modules that belong in a worker's:\n  ${strayInPage.join('\n  ')}`);
}
// the readers and their decoders go into the converter alone: a copy in the namer would double the page's weight
const readersInNamer = Object.keys(namingWorker.metafile.inputs).filter((path) => /-reader\.ts$|-decoder|-decode\.ts$/.test(path));
if (readersInNamer.length > 0) throw new Error(`the naming worker's bundle pulls in readers:\n  ${readersInNamer.join('\n  ')}`);
const css = await esbuild.transform(readFileSync(`${here}page.css`, 'utf8'), { loader: 'css', minify: true, target: TARGET });

const html = readFileSync(`${here}page.html`, 'utf8')
  .split('<style>/* page.css */</style>')
  .join(`<style>${css.code.trim()}</style>`)
  .split('<script type="text/plain" id="convert-worker"></script>')
  .join(`<script type="text/plain" id="convert-worker">${base64(convertWorker.code)}</script>`)
  .split('<script type="text/plain" id="naming-worker"></script>')
  .join(`<script type="text/plain" id="naming-worker">${base64(namingWorker.code)}</script>`)
  .split('<script>/* page.js */</script>')
  .join(`<script>${inlineScript(page.code)}</script>`);

const bytes = Buffer.byteLength(html);
if (bytes > MAX_PAGE_BYTES) {
  throw new Error(`voiceprep.html is ${bytes} bytes, over its budget of ${MAX_PAGE_BYTES}. Largest inputs:\n${largestInputs([convertWorker, namingWorker, page])}`);
}
mkdirSync(`${root}dist/web`, { recursive: true });
writeFileSync(output, html);
console.log(`dist/web/voiceprep.html: ${(bytes / 1024).toFixed(0)} KiB (budget ${MAX_PAGE_BYTES / 1024} KiB)`);

async function bundle(entry, { readersLeftOut = false } = {}) {
  const result = await esbuild.build({
    entryPoints: [entry],
    absWorkingDir: root,
    bundle: true,
    minify: true,
    format: 'iife',
    platform: 'browser',
    target: TARGET,
    write: false,
    metafile: true,
    logLevel: 'warning',
    plugins: [
      {
        name: 'voiceprep-page',
        setup(build) {
          build.onResolve({ filter: EMPTY_MODULES }, (args) => ({ path: args.path, namespace: 'empty' }));
          build.onResolve({ filter: /-decode\.js$/ }, (args) =>
            DECODED_ELSEWHERE.test(resolve(args.resolveDir, args.path)) ? { path: `${here}worker/decoders-elsewhere.ts` } : undefined,
          );
          if (readersLeftOut) {
            build.onResolve({ filter: READER_MODULE }, (args) => (args.kind === 'dynamic-import' ? { path: args.path, external: true } : undefined));
          }
          build.onLoad({ filter: /.*/, namespace: 'empty' }, () => ({ contents: 'export {}', loader: 'js' }));
        },
      },
    ],
  });
  return { code: result.outputFiles[0].text, metafile: result.metafile };
}

/** A worker's code as base64 of its UTF-8 bytes: text an HTML parser keeps exactly as it is. */
function base64(code) {
  return Buffer.from(code, 'utf8').toString('base64');
}

/** A script element ends at the first '</script'; esbuild escapes it in strings, and this proves it. */
function inlineScript(code) {
  if (/<\/script|<!--/i.test(code)) throw new Error('the bundled script contains </script or <!--, which would break the page');
  return code;
}

function largestInputs(bundles) {
  const sizes = bundles.flatMap(({ metafile }) => Object.values(metafile.outputs).flatMap((out) => Object.entries(out.inputs)));
  return sizes
    .sort((a, b) => b[1].bytesInOutput - a[1].bytesInOutput)
    .slice(0, 10)
    .map(([path, { bytesInOutput }]) => `  ${(bytesInOutput / 1024).toFixed(0).padStart(6)} KiB  ${path}`)
    .join('\n');
}
