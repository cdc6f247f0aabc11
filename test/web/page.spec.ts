import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { Page } from 'playwright-core';
import { afterAll, describe, expect, it } from 'vitest';
import { compliantName } from '../../src/batch/compliant-name.js';
import { linear16FromAlaw } from '../../src/codecs/g711-expand.js';
import { checkBytes, convertBytes, isCompliantName } from '../../src/core.js';
import { PAGE_FILE_URL, browserTabs, downloadZip, results, servePage, waitUntilDone } from './support/page-browser.js';

const SAMPLES = ['IVR menu (old).wav', 'important-48k-24bit.wav', 'wait_voice1.wav', 'welcome-stereo-44k.wav', '欢迎致电.wav'];
const samplePath = (name: string) => fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));
const sampleBytes = (name: string) => new Uint8Array(readFileSync(samplePath(name)));
/** Picked by path: Playwright hands a local browser the path, much faster than sending the bytes over. */
const work = mkdtempSync(join(tmpdir(), 'voiceprep-page-'));
const BROKEN = join(work, 'broken.wav');
writeFileSync(BROKEN, 'a text file that was renamed to .wav');

/** The page in Chromium, driven as a person would: pick, wait, download, and the zip checked with voiceprep's reader. */
describe('the page, in Chromium', () => {
  const tabs = browserTabs({ english: 'en-US', chinese: 'zh-CN' });
  afterAll(() => rmSync(work, { recursive: true, force: true }));

  it('converts picked files opened from disk (file://), in English; the zip holds every playback file, compliant', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    expect(await page.locator('html').getAttribute('lang')).toBe('en');
    const states = await watchState(page);

    await page.locator('input[type="file"][multiple]').setInputFiles([...SAMPLES.map(samplePath), BROKEN]);
    await waitUntilDone(page);

    expect(await states()).toEqual(['working', 'done']);
    for (const name of [...SAMPLES, 'broken.wav']) expect(await page.locator('tbody tr', { hasText: name }).count()).toBe(1);
    const broken = page.locator('tbody tr', { hasText: 'broken.wav' });
    expect(await broken.textContent()).toContain('Not an audio file this page can read');
    expect(await broken.locator('details').textContent()).toContain('not-wav');
    expect(await page.locator('tbody tr', { hasText: 'wait_voice1.wav' }).textContent()).toContain('Already compliant: kept as it is');

    const zip = await downloadZip(page, page.getByRole('button', { name: /Download/ }));
    expect(Object.keys(zip).sort()).toEqual(SAMPLES.map((name) => compliantName(name)).sort());
    for (const [name, bytes] of Object.entries(zip)) {
      expect(isCompliantName(name)).toBe(true);
      expect(await checkBytes(bytes, name), name).toMatchObject({ ok: true, problems: [] });
    }
    expect(zip['wait_voice1.wav']).toEqual(sampleBytes('wait_voice1.wav'));
    // The same engine as the CLI's: the same bytes out.
    expect(zip['welcome-stereo-44k.wav']).toEqual((await convertBytes(sampleBytes('welcome-stereo-44k.wav'))).bytes);

    // A row saves its file alone, under its playback file name.
    const [one] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'Save huanyingzhidian.wav' }).click()]);
    expect(one.suggestedFilename()).toBe('huanyingzhidian.wav');
    expect(new Uint8Array(readFileSync(await one.path()))).toEqual(zip['huanyingzhidian.wav']);

    // The page itself, then only Blob URLs: the workers' code and the download.
    expect(tabs.english.requests[0]).toBe(PAGE_FILE_URL);
    expect(tabs.english.requests.slice(1).every((url) => url.startsWith('blob:'))).toBe(true);
  });

  it('converts MP3, FLAC, Ogg Vorbis, Opus, Dialogic VOX, AIFF, AU and CAF as the CLI does: the decoders run in the page\'s workers', async () => {
    const fixture = (path: string) => fileURLToPath(new URL(`../fixtures/${path}`, import.meta.url));
    const inputs = ['compressed/speech-cbr.mp3', 'compressed/speech-16bit-8k.flac', 'compressed/speech-tone-vorbis.oga', 'compressed/speech.opus', 'codecs/loud.vox', 'compressed/tone-float.aifc', 'compressed/tone-stereo.au', 'compressed/tone-s16le.caf'];
    const page = await tabs.english.open(PAGE_FILE_URL);
    await page.locator('input[type="file"][multiple]').setInputFiles(inputs.map(fixture));
    await waitUntilDone(page);
    const zip = await downloadZip(page, page.getByRole('button', { name: /Download/ }));
    expect(Object.keys(zip).sort()).toEqual(['loud.wav', 'speech-16bit-8k.wav', 'speech-cbr.wav', 'speech-tone-vorbis.wav', 'speech.wav', 'tone-float.wav', 'tone-s16le.wav', 'tone-stereo.wav']);
    for (const input of inputs) {
      const name = compliantName(input.split('/').pop() as string);
      const cli = await convertBytes(new Uint8Array(readFileSync(fixture(input))), { name: input.split('/').pop() });
      expect(zip[name], input).toEqual(cli.bytes);
    }
  });

  it("converts phone recordings (M4A, AAC) with the browser's own decoder, to the CLI's sound; AMR is refused in words", async () => {
    const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/compressed/${name}`, import.meta.url));
    const page = await tabs.english.open(PAGE_FILE_URL);
    await page.locator('input[type="file"][multiple]').setInputFiles(['speech.m4a', 'speech-44k.aac', 'speech.amr'].map(fixture));
    await waitUntilDone(page);
    expect(await page.locator('tbody tr', { hasText: 'speech.amr' }).textContent()).toContain('voiceprep command');
    const zip = await downloadZip(page, page.getByRole('button', { name: /Download/ }));
    expect(Object.keys(zip).sort()).toEqual(['speech-44k.wav', 'speech.wav']);
    for (const [input, name] of [['speech.m4a', 'speech.wav'], ['speech-44k.aac', 'speech-44k.wav']]) {
      const cli = await convertBytes(new Uint8Array(readFileSync(fixture(input))), { name: input });
      expect(await checkBytes(zip[name], name), name).toMatchObject({ ok: true });
      // Chromium's AAC decoder is FFmpeg's, the CLI's FAAD2: the same onset and speech. Chromium ends an MP4 where its
      // edit list does; the CLI, as FFmpeg 5.1, lets out the last frame's padding too (at most a frame: 1024 samples).
      const [page8k, cli8k] = [alawSamples(zip[name]), alawSamples(cli.bytes)];
      expect(cli8k.length - page8k.length, input).toBeGreaterThanOrEqual(-1);
      expect(cli8k.length - page8k.length, input).toBeLessThanOrEqual(Math.ceil((1024 * 8000) / 22050));
      expect(snrDb(cli8k, page8k), input).toBeGreaterThan(25);
    }
  });

  it('works from a static host, in Chinese, and names files as the CLI does', async () => {
    const server = await servePage();
    try {
      const page = await tabs.chinese.open(server.url);
      expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
      expect(await page.locator('h1').textContent()).toBe('华为云语音通话放音文件转换');

      await page.locator('input[type="file"][multiple]').setInputFiles([samplePath('欢迎致电.wav'), samplePath('wait_voice1.wav'), BROKEN]);
      await waitUntilDone(page);

      const row = page.locator('tbody tr', { hasText: '欢迎致电.wav' });
      expect(await row.textContent()).toContain('huanyingzhidian.wav');
      expect(await row.textContent()).toContain('已转换');
      expect(await page.locator('tbody tr', { hasText: 'broken.wav' }).textContent()).toContain('不是本页面能读取的音频文件');
      const zip = await downloadZip(page, page.getByRole('button', { name: /下载/ }));
      expect(Object.keys(zip).sort()).toEqual(['huanyingzhidian.wav', 'wait_voice1.wav']);
    } finally {
      await server.close();
    }
  });

  it('applies the options: a file too long for the size limit is refused, then trimmed to fit, then normalized', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    await page.locator('input[type="file"][multiple]').setInputFiles([samplePath('welcome-stereo-44k.wav'), samplePath('wait_voice1.wav')]);
    await waitUntilDone(page);
    const welcome = page.locator('tbody tr', { hasText: 'welcome-stereo-44k.wav' });

    // 0.01 MB = 10,485 bytes: 1.3 s of A-law. The 2 s welcome no longer fits; the 0.9 s wait_voice1 still does.
    await page.getByLabel('Size limit').fill('0.01');
    await page.getByLabel('Size limit').press('Tab');
    await waitUntilDone(page);
    expect(await welcome.textContent()).toContain('Too long: 2.0 s of audio, and 10.2 KB holds 1.3 s');
    expect(await welcome.locator('details').textContent()).toContain('size');

    await page.getByLabel('Trim to fit').check();
    await waitUntilDone(page);
    expect(await welcome.textContent()).toContain('Cut from 2.0 s to 1.3 s to fit the size limit');
    const zip = await downloadZip(page, page.getByRole('button', { name: /Download/ }));
    for (const [name, bytes] of Object.entries(zip)) {
      expect(await checkBytes(bytes, name, { maxBytes: 10_485 }), name).toMatchObject({ ok: true });
    }

    await page.getByLabel('Normalize').check();
    await waitUntilDone(page);
    expect(await welcome.textContent()).toContain('-1.0 dBFS');

    // The level option and Normalize both set the gain: ticking one unticks the other.
    await page.getByLabel('Match speech levels').check();
    await waitUntilDone(page);
    expect(await page.getByLabel('Normalize').isChecked()).toBe(false);
    expect(await welcome.textContent()).toMatch(/Speech level -\d+\.\d -> -26\.\d dBov/);
  });

  it('takes a folder: its audio files only, with its subfolders mirrored in the zip', async () => {
    const folder = join(work, 'folder');
    try {
      mkdirSync(join(folder, 'prompts', 'menu'), { recursive: true });
      writeFileSync(join(folder, 'prompts', '欢迎.wav'), sampleBytes('欢迎致电.wav'));
      writeFileSync(join(folder, 'prompts', 'menu', '欢迎.wav'), sampleBytes('welcome-stereo-44k.wav'));
      writeFileSync(join(folder, 'prompts', 'menu', 'IVR menu (old).WAV'), sampleBytes('IVR menu (old).wav'));
      writeFileSync(join(folder, 'prompts', 'notes.txt'), 'not a prompt');
      writeFileSync(join(folder, 'prompts', 'menu', 'hold.VOX'), readFileSync(new URL('../fixtures/codecs/loud.vox', import.meta.url)));
      writeFileSync(join(folder, 'prompts', 'menu', 'press-one.AIFF'), readFileSync(new URL('../fixtures/compressed/tone.aiff', import.meta.url)));
      const page = await tabs.english.open(PAGE_FILE_URL);

      await page.locator('input[webkitdirectory]').setInputFiles(join(folder, 'prompts'));
      await waitUntilDone(page);

      expect(await page.locator('tbody tr').count()).toBe(5);
      const zip = await downloadZip(page, page.getByRole('button', { name: /Download/ }));
      expect(Object.keys(zip).sort()).toEqual(['huanying.wav', 'menu/IVR_menu_old.wav', 'menu/hold.wav', 'menu/huanying.wav', 'menu/press-one.wav']);
    } finally {
      rmSync(folder, { recursive: true, force: true });
    }
  });

  it('takes files dropped anywhere on the page', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    const bytes = [...sampleBytes('wait_voice1.wav')]; // small, as it crosses to the page as JSON
    await page.evaluate((content) => {
      const transfer = new DataTransfer();
      transfer.items.add(new File([new Uint8Array(content)], '欢迎致电.wav', { type: 'audio/wav' }));
      document.body.dispatchEvent(new DragEvent('dragover', { dataTransfer: transfer, bubbles: true, cancelable: true }));
      document.body.dispatchEvent(new DragEvent('drop', { dataTransfer: transfer, bubbles: true, cancelable: true }));
    }, bytes);
    await waitUntilDone(page);
    expect(await page.locator('tbody tr').textContent()).toContain('huanyingzhidian.wav');
    expect(await page.locator('tbody tr').textContent()).toContain('Already compliant: kept as it is');
    expect(await page.locator('#drop-overlay').isHidden()).toBe(true);
  });

  it('is operable from the keyboard, and switches language', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    // Asked for first: Playwright starts catching file choosers only once it is waiting for one.
    const chooser = page.waitForEvent('filechooser');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('切换到中文');
    await page.keyboard.press('Tab');
    expect(await focusedName(page)).toBe('Choose files');
    await page.keyboard.press('Enter');
    await (await chooser).setFiles(samplePath('important-48k-24bit.wav'));
    await waitUntilDone(page);

    await page.keyboard.press('Shift+Tab');
    await page.keyboard.press('Enter');
    expect(await page.locator('html').getAttribute('lang')).toBe('zh-CN');
    expect(await page.getByRole('button', { name: '全部下载（.zip）' }).isEnabled()).toBe(true);
    expect(await page.locator('thead').textContent()).toContain('时长');
    expect(await page.locator('tbody tr').textContent()).toContain('已转换');
    expect(await results(page).getAttribute('data-state')).toBe('done');

    await page.getByRole('button', { name: 'Switch to English' }).press('Enter');
    expect(await page.getByRole('button', { name: 'Download all (.zip)' }).isEnabled()).toBe(true);
  });

  it('fits a 360 px wide screen: no sideways scrolling', async () => {
    const page = await tabs.chinese.open(PAGE_FILE_URL, 360);
    await page.locator('input[type="file"][multiple]').setInputFiles([...SAMPLES.map(samplePath), BROKEN]);
    await waitUntilDone(page);
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(360);
  });

  it('cannot send anything: the browser itself refuses connections from the page and its workers', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    const attempts = await page.evaluate(async () => {
      const target = 'http://127.0.0.1:9/';
      const fromPage = await fetch(target).then(
        () => 'sent',
        () => 'refused',
      );
      const worker = new Worker(URL.createObjectURL(new Blob([`fetch('${target}').then(() => postMessage('sent'), () => postMessage('refused'))`])));
      const fromWorker = await new Promise((resolve) => (worker.onmessage = (event) => resolve(event.data)));
      return { fromPage, fromWorker };
    });
    expect(attempts).toEqual({ fromPage: 'refused', fromWorker: 'refused' });
    // Refused by the Content-Security-Policy before any request was made, not by the test's route.
    expect(tabs.english.requests.some((url) => url.startsWith('http:'))).toBe(false);
  });

  it('lets its workers compile WebAssembly (the engine\'s coming kernels) under the same policy', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    const compiled = await page.evaluate(async () => {
      const emptyModule = '[0, 97, 115, 109, 1, 0, 0, 0]'; // "\0asm", version 1
      const code = `WebAssembly.compile(new Uint8Array(${emptyModule})).then(() => postMessage('compiled'), (error) => postMessage(String(error)))`;
      const worker = new Worker(URL.createObjectURL(new Blob([code])));
      return new Promise((resolve) => (worker.onmessage = (event) => resolve(event.data)));
    });
    expect(compiled).toBe('compiled');
  });
});

/** Records each value the results element's data-state takes from now on. */
async function watchState(page: Page): Promise<() => Promise<string[]>> {
  await page.evaluate(() => {
    const holder = document.querySelector<HTMLElement>('[data-state]') as HTMLElement;
    const seen: string[] = [];
    (window as unknown as { seenStates: string[] }).seenStates = seen;
    new MutationObserver(() => {
      if (seen.at(-1) !== holder.dataset.state) seen.push(holder.dataset.state as string);
    }).observe(holder, { attributes: true, attributeFilter: ['data-state'] });
  });
  return () => page.evaluate(() => (window as unknown as { seenStates: string[] }).seenStates);
}

function focusedName(page: Page): Promise<string | null> {
  return page.evaluate(() => document.activeElement?.getAttribute('aria-label') ?? document.activeElement?.textContent ?? null);
}

/** The samples of a canonical A-law playback file (its data starts at byte 58: RIFF, fmt with cbSize, fact, data). */
function alawSamples(wave: Uint8Array): Float64Array {
  const data = Buffer.from(wave).indexOf('data') + 8;
  return Float64Array.from(wave.subarray(data), (code) => linear16FromAlaw(code) / 32768);
}

function snrDb(reference: Float64Array, other: Float64Array): number {
  let signal = 0;
  let noise = 0;
  for (let i = 0; i < Math.min(reference.length, other.length); i++) {
    signal += reference[i] ** 2;
    noise += (reference[i] - other[i]) ** 2;
  }
  return 10 * Math.log10(signal / noise);
}
