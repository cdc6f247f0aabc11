import { readFileSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { unzipSync } from 'fflate';
import { chromium, type Browser, type BrowserContext, type Locator, type Page } from 'playwright-core';
import { afterAll, beforeAll, expect } from 'vitest';

/** The page as `npm run build` (and the tests' global setup) writes it. */
export const PAGE_FILE = fileURLToPath(new URL('../../../dist/web/voiceprep.html', import.meta.url));
export const PAGE_FILE_URL = pathToFileURL(PAGE_FILE).href;

/**
 * Debian's Chromium (installed by .ci/run): Playwright's own browser download cannot be reached from here. The
 * flags keep it from contacting anything by itself, so that every request seen is the page's.
 */
export function launchChromium(): Promise<Browser> {
  return chromium.launch({
    executablePath: '/usr/bin/chromium',
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--no-first-run',
    ],
  });
}

/**
 * One browser tab in one locale, reused from test to test: a new tab costs a new renderer process (seconds on a
 * busy machine), a fresh navigation does not. Every request goes through a route, which lets the page's own URL,
 * Blob URLs and data: URLs through and stops anything else.
 */
export class BrowserTab {
  /** Every request since the last `open`, in order (the page itself, Blob URLs, ...). */
  requests: string[] = [];
  /** Requests that would have left the computer, ever: they were stopped, and the suite fails on any. */
  readonly blocked: string[] = [];
  /** Uncaught errors in the page, ever. */
  readonly errors: string[] = [];
  private url = '';
  /** Further addresses let through besides the page's own (a review page's audio files beside it). */
  private allowed: RegExp | null = null;

  private constructor(
    readonly context: BrowserContext,
    readonly page: Page,
  ) {}

  static async create(browser: Browser, locale: string): Promise<BrowserTab> {
    const context = await browser.newContext({ locale, acceptDownloads: true });
    const tab = new BrowserTab(context, await context.newPage());
    context.on('request', (request) => tab.requests.push(request.url()));
    await context.route('**/*', (route) => {
      const request = route.request().url();
      if (request === tab.url || /^(blob|data):/.test(request) || tab.allowed?.test(request)) return route.continue();
      tab.blocked.push(request);
      return route.abort();
    });
    tab.page.on('pageerror', (error) => tab.errors.push(error.message));
    return tab;
  }

  /** Lets requests matching `pattern` through too, until the next `open`. */
  allow(pattern: RegExp): void {
    this.allowed = pattern;
  }

  /** Opens `url` afresh, `width` pixels wide. */
  async open(url: string, width = 1280): Promise<Page> {
    this.url = url;
    this.allowed = null;
    this.requests = [];
    await this.page.setViewportSize({ width, height: 900 });
    await this.page.goto(url);
    return this.page;
  }
}

/**
 * For the describe block it is called in: one browser, and a tab per locale (`{ english: 'en-US' }` gives
 * `tabs.english`, there once the block's tests run), closed after them with the two promises every page suite
 * holds checked over all its tests: nothing left the computer, and nothing threw.
 */
export function browserTabs<Name extends string>(locales: Record<Name, string>): Record<Name, BrowserTab> {
  const tabs = {} as Record<Name, BrowserTab>;
  const names = Object.keys(locales) as Name[];
  let browser: Browser | undefined;
  beforeAll(async () => {
    browser = await launchChromium();
    for (const name of names) tabs[name] = await BrowserTab.create(browser, locales[name]);
  });
  afterAll(async () => {
    await browser?.close();
    for (const name of names) {
      expect(tabs[name].blocked).toEqual([]);
      expect(tabs[name].errors).toEqual([]);
    }
  });
  return tabs;
}

/** The element holding the results: `data-state` is 'working' while files convert, 'done' once all have a verdict. */
export function results(page: Page): Locator {
  return page.locator('[data-state]').first();
}

export async function waitUntilDone(page: Page): Promise<void> {
  await page.locator('[data-state="done"]').waitFor({ timeout: 20_000 });
}

/** Clicks the button and returns the zip it saves, entry by entry. */
export async function downloadZip(page: Page, button: Locator): Promise<Record<string, Uint8Array>> {
  const [download] = await Promise.all([page.waitForEvent('download'), button.click()]);
  return unzipSync(new Uint8Array(readFileSync(await download.path())));
}

/** Serves the page over HTTP on the loopback interface, as any static host would. */
export async function servePage(): Promise<{ url: string; close(): Promise<void> }> {
  const html = readFileSync(PAGE_FILE);
  const server = createServer((request, response) => {
    if (request.url !== '/voiceprep.html') {
      response.writeHead(404).end();
      return;
    }
    response.writeHead(200, { 'content-type': 'text/html; charset=utf-8' }).end(html);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/voiceprep.html`,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
