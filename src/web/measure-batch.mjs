#!/usr/bin/env node
// The page's speed budget: the bench's batch (40 files x 10 s, 44.1/48 kHz stereo 16-bit, bench/run.mjs) must
// convert in the page within 2x the CLI's time. Run after `npm run build`: `node src/web/measure-batch.mjs`.
// Both are timed on the same files, alternating, median of 7 runs after 2 warm-ups:
// - the CLI as a whole process, `voiceprep convert <folder> -o <out> --quiet` (as the bench times it);
// - the page in Chromium (Playwright), opened afresh each run (cold workers, as each CLI run is a cold process),
//   from the input's change event to data-state="done", measured inside the page; then the zip, from the click
//   on "Download all" to the download.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { chromium } from 'playwright-core';

const root = fileURLToPath(new URL('../../', import.meta.url));
const pageUrl = pathToFileURL(join(root, 'dist', 'web', 'voiceprep.html')).href;
const RUNS = 7;
const WARM_UPS = 2;

const work = mkdtempSync(join(tmpdir(), 'voiceprep-measure-'));
const folder = join(work, 'batch');
mkdirSync(folder);
const files = [];
for (let i = 0; i < 40; i++) {
  const rate = i % 2 === 0 ? 44100 : 48000;
  const file = join(folder, `prompt-${String(i).padStart(2, '0')}-${rate}.wav`);
  writeFileSync(file, pcm16Wave(rate, 2, 10, i));
  files.push(file);
}

const browser = await chromium.launch({
  executablePath: '/usr/bin/chromium',
  args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--no-first-run'],
});
const page = await (await browser.newContext({ locale: 'en-US', acceptDownloads: true })).newPage();
const cli = [];
const inPage = [];
const zip = [];
try {
  for (let run = 0; run < WARM_UPS + RUNS; run++) {
    const cliMs = timeCli();
    const pageMs = await timePage();
    if (run >= WARM_UPS) {
      cli.push(cliMs);
      inPage.push(pageMs.convert);
      zip.push(pageMs.zip);
    }
  }
} finally {
  await browser.close();
  rmSync(work, { recursive: true, force: true });
}

const cliMedian = median(cli);
const pageMedian = median(inPage);
console.log(`40 files x 10 s (44.1/48 kHz stereo 16-bit), median of ${RUNS} runs, ${navigatorCores()} cores:`);
console.log(`  CLI, whole process:        ${cliMedian.toFixed(0).padStart(6)} ms`);
console.log(`  page, pick to done:        ${pageMedian.toFixed(0).padStart(6)} ms  (${(pageMedian / cliMedian).toFixed(2)}x the CLI; budget 2x)`);
console.log(`  page, "Download all" zip:  ${median(zip).toFixed(0).padStart(6)} ms`);

function timeCli() {
  const out = join(work, 'out');
  rmSync(out, { recursive: true, force: true });
  const start = performance.now();
  const result = spawnSync(process.execPath, [join(root, 'bin', 'voiceprep.js'), 'convert', folder, '-o', out, '--quiet'], { stdio: 'ignore' });
  const elapsed = performance.now() - start;
  if (result.status !== 0) throw new Error(`the CLI failed with exit code ${result.status}`);
  return elapsed;
}

async function timePage() {
  await page.goto(pageUrl);
  await page.evaluate(() => {
    const holder = document.querySelector('[data-state]');
    // Capturing on window runs before the page's own listener on the input.
    window.addEventListener('change', () => (window.pickedAt = performance.now()), { capture: true, once: true });
    new MutationObserver(() => {
      if (holder.dataset.state === 'done') window.doneAt ??= performance.now();
    }).observe(holder, { attributes: true, attributeFilter: ['data-state'] });
  });
  await page.locator('input[type="file"][multiple]').setInputFiles(files);
  await page.locator('[data-state="done"]').waitFor({ timeout: 120_000 });
  const convert = await page.evaluate(() => window.doneAt - window.pickedAt);
  const failed = await page.locator('tbody .bad').count();
  if (failed > 0) throw new Error(`${failed} files failed in the page`);
  const start = performance.now();
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: /Download/ }).click()]);
  await download.path();
  return { convert, zip: performance.now() - start };
}

function navigatorCores() {
  return spawnSync('nproc').stdout.toString().trim();
}

function median(values) {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** The bench's speech-like signal (bench/run.mjs): drifting harmonics under a syllable-rate envelope, a little noise. */
function pcm16Wave(rate, channels, seconds, seed) {
  const frames = Math.round(rate * seconds);
  const data = Buffer.alloc(frames * channels * 2);
  let state = seed * 2654435761;
  const noise = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    const pitch = 140 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    let value = 0;
    for (let h = 1; h <= 12; h++) value += Math.sin(2 * Math.PI * pitch * h * t) / h;
    value = 0.25 * envelope * value + 0.01 * noise();
    for (let c = 0; c < channels; c++) {
      data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(value * (c ? 0.8 : 1) * 32767))), (i * channels + c) * 2);
    }
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}
