import { existsSync } from 'node:fs';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './support/run-cli.js';
import { waveFile } from './support/wav-builder.js';
import { BrowserTab, launchChromium } from './web/support/page-browser.js';

/**
 * `convert --review` and `check --review` end to end: the CLI writes the page, Chromium opens it from disk with
 * every request but the page's own files refused, and a person's presses are played back.
 */

let root: string;
let browser: Browser;
let tab: BrowserTab;

/** A burst of tone, its pitch and length told apart by `index`, between short silences. */
function prompt(index: number): Uint8Array {
  const rate = 16000;
  const samples = Float32Array.from({ length: Math.round(rate * (0.35 + (index % 5) * 0.05)) }, (_, i) =>
    i < rate * 0.05 ? 0 : 0.3 * Math.sin((2 * Math.PI * (300 + 10 * index) * i) / rate),
  );
  return waveFile({ format: 's16', channels: 1, sampleRate: rate, samples });
}

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-cli-review-'));
  await mkdir(join(root, 'in', 'menu'), { recursive: true });
  for (let i = 0; i < 100; i++) await writeFile(join(root, 'in', i < 50 ? 'menu' : '', `prompt #${String(i).padStart(3, '0')}.wav`), prompt(i));
  browser = await launchChromium();
  tab = await BrowserTab.create(browser, 'en-US');
});

afterAll(async () => {
  await browser?.close();
  await rm(root, { recursive: true, force: true });
  // Through every test: nothing left the computer, and nothing threw.
  expect(tab.blocked).toEqual([]);
  expect(tab.errors).toEqual([]);
});

const rowsOf = (html: string) => [...html.matchAll(/<tr data-file="([^"]*)"/g)].map((match) => match[1]);
const sourcesOf = (html: string) => [...html.matchAll(/data-play="(\w+)" data-src="([^"]*)"/g)].map((match) => ({ kind: match[1], src: match[2] }));

describe('convert --review', () => {
  it('writes one self-contained page for a batch of 100 files: a row each, players on files that exist, waveforms drawn, nothing from the network', async () => {
    const run = await runCli(['convert', 'in', '-o', 'out', '--review'], { cwd: root, timeoutMs: 120_000 });
    expect(run.code, run.stderr).toBe(0);
    expect(run.stdout).toContain('review page: out/review.html');
    const page = join(root, 'out', 'review.html');
    const html = await readFile(page, 'utf8');

    const rows = rowsOf(html);
    expect(rows).toHaveLength(100);
    expect(rows[0]).toBe(resolve(root, 'out', 'menu', 'prompt_000.wav'));
    const sources = sourcesOf(html);
    expect(sources.filter((source) => source.kind === 'converted')).toHaveLength(100);
    expect(sources.filter((source) => source.kind === 'original')).toHaveLength(100);
    for (const { src } of sources) {
      expect(src).not.toMatch(/^[a-z]+:/); // relative: the page and its files move together
      expect(existsSync(new URL(src, pathToFileURL(page))), src).toBe(true);
    }
    // self-contained: no stylesheet, script or image from anywhere
    expect(html).not.toMatch(/<(link|img|iframe)\b|<script [^>]*src=/);

    const browserPage = await tab.open(pathToFileURL(page).href);
    tab.allow(/^file:.*\/(in|out)\//);
    const drawn = await browserPage.locator('tr[data-file] svg[data-role="waveform"] path').evaluateAll((paths) =>
      paths.map((path) => (path as SVGPathElement).getBBox().height),
    );
    expect(drawn).toHaveLength(100);
    expect(drawn.every((height) => height > 10)).toBe(true);
  });

  it('plays: Play converted sets data-playing and the sound advances, a second press stops, Play all walks the rows in order', async () => {
    const page = await tab.open(pathToFileURL(join(root, 'out', 'review.html')).href);
    tab.allow(/^file:.*\/(in|out)\//);
    const rows = page.locator('tr[data-file]');
    const playing = () => page.evaluate(() => [...document.querySelectorAll('[data-playing]')].map((row) => `${(row as HTMLElement).dataset.file}:${(row as HTMLElement).dataset.playing}`));
    const second = rows.nth(1);

    await second.getByRole('button', { name: 'Play converted' }).click();
    expect(await playing()).toEqual([`${await second.getAttribute('data-file')}:converted`]);
    await page.waitForFunction(() => (document.getElementById('player') as HTMLAudioElement).currentTime > 0.1);
    await second.getByRole('button', { name: 'Play converted' }).click();
    expect(await playing()).toEqual([]);

    await second.getByRole('button', { name: 'Play original' }).click();
    expect(await playing()).toEqual([`${await second.getAttribute('data-file')}:original`]);
    // it ends by itself, and then nothing is playing
    await page.waitForFunction(() => document.querySelectorAll('[data-playing]').length === 0, null, { timeout: 5000 });

    // Play all: record each row that sounds, in order, until the third
    await page.evaluate(() => {
      const heard: string[] = [];
      (window as unknown as { heard: string[] }).heard = heard;
      new MutationObserver(() => {
        const row = document.querySelector<HTMLElement>('[data-playing]');
        if (row && heard.at(-1) !== row.dataset.file) heard.push(row.dataset.file as string);
      }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-playing'] });
    });
    await page.getByRole('button', { name: 'Play all' }).click();
    await page.waitForFunction(() => (window as unknown as { heard: string[] }).heard.length >= 3, null, { timeout: 10_000 });
    await page.getByRole('button', { name: 'Play all' }).click();
    const heard = await page.evaluate(() => (window as unknown as { heard: string[] }).heard.slice(0, 3));
    expect(heard).toEqual(await rows.evaluateAll((all) => all.slice(0, 3).map((row) => (row as HTMLElement).dataset.file)));
    expect(await playing()).toEqual([]);
  });

  it('refuses a review file that is not .html (a file meant as an input is never overwritten), with a usage error', async () => {
    const before = await readFile(join(root, 'in', 'prompt #099.wav'));
    const run = await runCli(['check', '--review', 'in/prompt #099.wav', 'in'], { cwd: root });
    expect(run.code).toBe(2);
    expect(run.stderr).toContain('ending in .html');
    expect(await readFile(join(root, 'in', 'prompt #099.wav'))).toEqual(before);
  });
});

describe('convert --in-place --review', () => {
  it("offers no original once --in-place has replaced it, and never writes over a person's own review.html", async () => {
    await mkdir(join(root, 'place'), { recursive: true });
    await writeFile(join(root, 'place', 'a.wav'), prompt(1));
    await writeFile(join(root, 'place', 'review.html'), 'my own notes');
    const refused = await runCli(['convert', 'place', '--in-place', '--review'], { cwd: root });
    expect(refused.code).toBe(1);
    expect(refused.stderr).toContain('is there already and is not a voiceprep review page');
    expect(await readFile(join(root, 'place', 'review.html'), 'utf8')).toBe('my own notes');

    const run = await runCli(['convert', 'place', '--in-place', '--review=place/listen.html'], { cwd: root });
    expect(run.code, run.stderr).toBe(0);
    const html = await readFile(join(root, 'place', 'listen.html'), 'utf8');
    expect(sourcesOf(html)).toEqual([{ kind: 'converted', src: 'a.wav' }]);
    // a page of its own is replaced by the next run
    expect((await runCli(['convert', 'place', '--in-place', '--review=place/listen.html'], { cwd: root })).code).toBe(0);
  });
});

describe('check --review', () => {
  it('writes the page beside the checked files by default, or where asked, in Chinese under a Chinese locale', async () => {
    const run = await runCli(['check', 'out', '--review'], { cwd: root });
    expect(run.stdout).toContain(`review page: ${join(root, 'out', 'review.html')}`);
    // the page of the earlier convert is in the folder too: check says what it is
    expect(run.stdout).toContain("out/review.html: not-wav: voiceprep's review page (written by --review), not a playback file");
    const asked = await runCli(['check', 'out/menu', '--review=pages/menu.html'], { cwd: root, env: { LANG: 'zh_CN.UTF-8' } });
    expect(asked.code, asked.stderr).toBe(0);
    const html = await readFile(join(root, 'pages', 'menu.html'), 'utf8');
    expect(html).toContain('<html lang="zh-CN">');
    expect(rowsOf(html)).toHaveLength(50);
    expect(sourcesOf(html).every(({ src }) => src.startsWith('../out/menu/prompt_0'))).toBe(true);
    expect(html).toContain('可以上传');
  });
});
