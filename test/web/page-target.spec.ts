import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { checkBytes } from '../../src/core.js';
import { PAGE_FILE_URL, browserTabs, downloadZip, waitUntilDone } from './support/page-browser.js';

const samplePath = (name: string) => fileURLToPath(new URL(`../../samples/${name}`, import.meta.url));

/** The page's platform picker (issue 20): the target decides the encoding, the rate, the names and the size limit. */
describe('the page, for another platform', () => {
  const tabs = browserTabs({ english: 'en-US' });

  it('writes what the chosen platform plays, named by its rules, and remembers the choice', async () => {
    const page = await tabs.english.open(PAGE_FILE_URL);
    const picker = page.getByLabel('Platform');
    expect(await picker.inputValue()).toBe('huawei-voicecall');
    await page.locator('input[type="file"][multiple]').setInputFiles([samplePath('wait_voice1.wav'), samplePath('IVR menu (old).wav')]);
    await waitUntilDone(page);
    await picker.selectOption('genesys');
    // the size limit follows the platform: Genesys takes 25,000,000 bytes
    expect(Number(await page.locator('#option-maxBytes').inputValue()) * 1024 * 1024).toBeCloseTo(25_000_000, 0);
    await waitUntilDone(page);
    expect(await page.locator('tbody tr', { hasText: 'wait_voice1.wav' }).textContent()).toContain('wait_voice1.wav');
    const zip = await downloadZip(page, page.getByRole('button', { name: /Download/ }));
    expect(Object.keys(zip).sort()).toEqual(['IVR_menu_old.wav', 'wait_voice1.wav']);
    for (const [name, bytes] of Object.entries(zip)) {
      const record = await checkBytes(bytes, name, { target: 'genesys' });
      expect({ name, problems: record.problems, tag: record.format?.formatTag, bits: record.format?.bitsPerSample }).toEqual({ name, problems: [], tag: 1, bits: 16 });
    }
    // a new visit starts where the person left off
    const again = await tabs.english.open(PAGE_FILE_URL);
    expect(await again.getByLabel('Platform').inputValue()).toBe('genesys');
    await again.getByLabel('Platform').selectOption('huawei-voicecall');
  });
});
