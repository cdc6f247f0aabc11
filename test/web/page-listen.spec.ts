import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { waveFile } from '../support/wav-builder.js';
import { PAGE_FILE_URL, browserTabs, waitUntilDone } from './support/page-browser.js';

/**
 * Hearing and seeing each prompt in the page, in Chromium from file:// with every request to the network refused:
 * players and a waveform on every converted row, one sound at a time, Play all in list order, and plain words
 * that send a person to listen to a silent or clipped file.
 */

const samplePath = (name: string) => fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));
const work = mkdtempSync(join(tmpdir(), 'voiceprep-page-listen-'));
const SILENT = join(work, 'silent.wav');
const CLIPPED = join(work, 'clipped.wav');
const BROKEN = join(work, 'broken.wav');
writeFileSync(SILENT, waveFile({ format: 's16', channels: 1, sampleRate: 16000, samples: new Float32Array(16000 * 3) }));
writeFileSync(CLIPPED, waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples: Float32Array.from({ length: 8000 }, (_, i) => 1.6 * Math.sin(i / 4)) }));
writeFileSync(BROKEN, 'a text file that was renamed to .wav');
// WebM: a format the page still refuses (M4A it decodes, with the browser's own AAC decoder)
const WEBM = fileURLToPath(new URL('../fixtures/compressed/speech.webm', import.meta.url));
const BATCH = ['wait_voice1.wav', 'welcome-stereo-44k.wav', 'press-two.vox', 'thanks.mp3', 'important-48k-24bit.wav'].map(samplePath);

describe('the page: hear and see every prompt', () => {
  const tabs = browserTabs({ english: 'en-US', chinese: 'zh-CN' });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('gives every converted row both players and a drawn waveform; a press sounds and advances, a second press stops', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    await page.locator('input[type="file"][multiple]').setInputFiles([...BATCH, SILENT, CLIPPED, BROKEN]);
    await waitUntilDone(page);

    const converted = page.locator('tbody tr:has(button.save)');
    expect(await converted.count()).toBe(BATCH.length + 2);
    for (const row of await converted.all()) {
      expect(await row.getByRole('button', { name: 'Play original' }).count()).toBe(1);
      expect(await row.getByRole('button', { name: 'Play converted' }).count()).toBe(1);
      expect(await row.locator('[data-role="waveform"]').count()).toBe(1);
    }
    // not blank: the speech's strokes are tall (the silent file's are flat)
    const heights = await page.locator('tbody tr', { hasText: 'welcome-stereo-44k.wav' }).locator('[data-role="waveform"] path').evaluate((path) => (path as SVGPathElement).getBBox().height);
    expect(heights).toBeGreaterThan(10);
    expect(await page.locator('tbody tr', { hasText: 'broken.wav' }).locator('button[data-play]').count()).toBe(0);

    const row = page.locator('tbody tr', { hasText: 'welcome-stereo-44k.wav' });
    // a screen reader hears which file a player plays
    expect(await row.getByRole('button', { name: 'Play converted' }).evaluate((button) => document.getElementById(button.getAttribute('aria-describedby') as string)?.textContent)).toBe('welcome-stereo-44k.wav');
    await row.getByRole('button', { name: 'Play converted' }).click();
    expect(await row.getAttribute('data-playing')).toBe('converted');
    expect(await row.getByRole('button', { name: 'Play converted' }).getAttribute('aria-pressed')).toBe('true');
    // the Web Audio clock moves the playhead through the file
    const position = () => row.locator('[data-role="waveform"]').getAttribute('data-position');
    await page.waitForFunction(() => Number(document.querySelector('tr[data-playing] svg')?.getAttribute('data-position')) > 0.3);
    expect(Number(await position())).toBeGreaterThan(0.3);
    await row.getByRole('button', { name: 'Play converted' }).click();
    expect(await page.locator('[data-playing]').count()).toBe(0);

    // the original, decoded by the browser; then another row's press takes over: one sound at a time
    await row.getByRole('button', { name: 'Play original' }).click();
    expect(await row.getAttribute('data-playing')).toBe('original');
    const other = page.locator('tbody tr', { hasText: 'wait_voice1.wav' });
    await other.getByRole('button', { name: 'Play converted' }).click();
    expect(await page.locator('[data-playing]').evaluateAll((rows) => rows.map((r) => (r as HTMLElement).dataset.playing))).toEqual(['converted']);
    expect(await other.getAttribute('data-playing')).toBe('converted');
    // it ends by itself (0.9 s), and then nothing carries data-playing
    await page.waitForFunction(() => document.querySelectorAll('[data-playing]').length === 0, null, { timeout: 5000 });

    // a click on the waveform plays from that point: its right half starts past the middle
    const drawing = row.locator('[data-role="waveform"]');
    const box = (await drawing.boundingBox())!;
    await page.mouse.click(box.x + box.width * 0.75, box.y + box.height / 2);
    expect(await row.getAttribute('data-playing')).toBe('converted');
    expect(Number(await position())).toBeGreaterThan(1);
    await page.keyboard.press('Escape');
    expect(await page.locator('[data-playing]').count()).toBe(0);

    // a Dialogic VOX original is voiceprep's to read, not the browser's: the row says so, and its converted file plays
    const vox = page.locator('tbody tr', { hasText: 'press-two.vox' });
    await vox.getByRole('button', { name: 'Play original' }).click();
    await vox.getByText('This browser cannot play the original file (the converted one plays).').waitFor();
    expect(await page.locator('[data-playing]').count()).toBe(0);
    await vox.getByRole('button', { name: 'Play converted' }).click();
    expect(await vox.getAttribute('data-playing')).toBe('converted');
    await page.keyboard.press('Escape');
  });

  it('plays all converted prompts in list order, highlighting each, and says in words what needs an ear', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    await page.locator('input[type="file"][multiple]').setInputFiles([samplePath('wait_voice1.wav'), SILENT, BROKEN, CLIPPED, WEBM]);
    await waitUntilDone(page);
    // a format the page does not read: what to do, in words, before any command
    expect(await page.locator('tbody tr', { hasText: 'speech.webm' }).locator('.bad').textContent()).toBe(
      'This kind of file (WebM) cannot be read here. Open it in the program that made it, save or export it as WAV or MP3, and add that file. (Details has a command that converts it.)',
    );
    expect(await page.locator('tbody tr', { hasText: 'speech.webm' }).locator('details').textContent()).toContain('ffmpeg -i speech.webm');

    const silent = await page.locator('tbody tr', { hasText: 'silent.wav' }).locator('td.verdict').textContent();
    expect(silent).toContain('Converted, but listen to it first:');
    // the core's own 'silent' warning (issue 22), in the words table's wording
    expect(silent).toContain('Silent: there is no speech in it');
    const clipped = await page.locator('tbody tr', { hasText: 'clipped.wav' }).locator('td.verdict').textContent();
    expect(clipped).toContain('Converted, but listen to it first:');
    expect(clipped).toMatch(/clipped \(distorted\)/);
    expect(await page.locator('tbody tr', { hasText: 'wait_voice1.wav' }).locator('td.verdict').textContent()).toMatch(/^✓?\s*Already compliant: kept as it is/);

    const heard = await watchPlaying(page);
    await page.getByRole('button', { name: 'Play all' }).click();
    await page.waitForFunction(() => (window as unknown as { heard: string[] }).heard.length >= 3, null, { timeout: 15_000 });
    // Play all stays pressed through the last prompt, and lets go once it has ended
    await page.waitForFunction(() => document.getElementById('play-all')?.getAttribute('aria-pressed') === 'false', null, { timeout: 10_000 });
    expect(await heard()).toEqual(['wait_voice1.wav', 'silent.wav', 'clipped.wav']);
    expect(await page.locator('[data-playing]').count()).toBe(0);
  });

  it('speaks Chinese: the players, Play all and the words', async () => {
    const page = await tabs.chinese.open(PAGE_FILE_URL);
    await page.locator('input[type="file"][multiple]').setInputFiles([samplePath('wait_voice1.wav'), SILENT]);
    await waitUntilDone(page);
    expect(await page.getByRole('button', { name: '全部播放' }).isEnabled()).toBe(true);
    const row = page.locator('tbody tr', { hasText: 'silent.wav' });
    expect(await row.getByRole('button', { name: '播放原文件' }).count()).toBe(1);
    await row.getByRole('button', { name: '播放转换后' }).click();
    expect(await row.getAttribute('data-playing')).toBe('converted');
    expect(await row.textContent()).toContain('已转换，但请先试听：');
    expect(await row.textContent()).toContain('听不到任何语音');
  });
});

/** Records, in order, the input name of each row that comes to carry data-playing. */
async function watchPlaying(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const heard: string[] = [];
    (window as unknown as { heard: string[] }).heard = heard;
    new MutationObserver(() => {
      const name = document.querySelector('tr[data-playing] th')?.textContent ?? null;
      if (name && heard.at(-1) !== name) heard.push(name);
    }).observe(document.body, { subtree: true, attributes: true, attributeFilter: ['data-playing'] });
  });
  return () => page.evaluate(() => (window as unknown as { heard: string[] }).heard);
}
