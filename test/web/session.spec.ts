import { describe, expect, it } from 'vitest';
import { failedFile, type PageOptions, type PreparedFile } from '../../src/web/prepared-file.js';
import type { PickedFile } from '../../src/web/page/pick-files.js';
import { Session, type Entry } from '../../src/web/page/session.js';

const OPTIONS: PageOptions = { target: 'huawei-voicecall', maxBytes: 2 * 1024 * 1024, trim: false, normalize: false, level: false, trimSilence: false, even: false, highpass: false, padStartMs: 0, padEndMs: 0, voxRate: 8000 };

/** A pool whose files finish when the test says so, recording what it was asked. */
function fakePool() {
  const asked: Array<{ name: string; options: PageOptions; finish(): void }> = [];
  const pool = {
    prepare(_file: Blob, name: string, options: PageOptions, signal: AbortSignal, started: () => void): Promise<PreparedFile> {
      return new Promise((resolve, reject) => {
        signal.addEventListener('abort', () => reject(signal.reason));
        asked.push({ name, options, finish: () => resolve({ ...failedFile([]), verdict: 'converted', bytes: new Uint8Array(1) }) });
        started();
      });
    },
  };
  return { pool, asked };
}

/** Names held back until the test lets the next pick's names through, as a slow naming worker would. */
function slowNames() {
  const pending: Array<() => void> = [];
  const names = (list: string[]) => new Promise<string[]>((resolve) => pending.push(() => resolve(list.map((name) => name.toLowerCase()))));
  const releaseNext = async () => {
    await flush();
    pending.shift()?.();
    await flush();
  };
  return { names, releaseNext };
}

const picked = (name: string): PickedFile => ({ file: new File([], name), path: name, folder: '' });
const flush = () => new Promise((resolve) => setTimeout(resolve, 0));

describe('Session', () => {
  it('is busy from the pick until every file has a verdict, and names files in pick order', async () => {
    const { pool, asked } = fakePool();
    const naming = slowNames();
    const session = new Session(pool, naming.names, OPTIONS, { entryChanged() {}, listChanged() {} });
    void session.add([picked('B.wav')]);
    void session.add([picked('b.wav')]);
    expect(session.busy).toBe(true); // nothing in the list yet, but files are on their way
    await naming.releaseNext();
    await naming.releaseNext();
    expect(session.entries.map((entry: Entry) => entry.output.name)).toEqual(['b.wav', 'b-2.wav']);
    asked.forEach((file) => file.finish());
    await flush();
    expect(session.busy).toBe(false);
    expect(session.done).toBe(2);
  });

  it('converts every file again when an option changes, and drops the results of the old run', async () => {
    const { pool, asked } = fakePool();
    const session = new Session(pool, async (names) => names, OPTIONS, { entryChanged() {}, listChanged() {} });
    await session.add([picked('a.wav')]);
    const first = asked[0];
    session.setOptions({ ...OPTIONS, trim: true });
    first.finish(); // the old run's result arrives late
    await flush();
    expect(session.entries[0].state).not.toBe('done');
    asked[1].finish();
    await flush();
    expect(asked.map((file) => file.options.trim)).toEqual([false, true]);
    expect(session.entries[0].state).toBe('done');
  });

  it("names every file again by another target's rules, then converts it for that target", async () => {
    const { pool, asked } = fakePool();
    const { compliantNames } = await import('../../src/web/naming/compliant-names.js');
    const session = new Session(pool, async (names, target) => compliantNames(names, target), OPTIONS, { entryChanged() {}, listChanged() {} });
    await session.add([picked('1 welcome.mp3'), picked('menu-a.wav')]);
    expect(session.entries.map((entry) => entry.output.name)).toEqual(['1_welcome.wav', 'menu-a.wav']);
    await session.setOptions({ ...OPTIONS, target: 'genesys' });
    expect(session.entries.map((entry) => entry.output.name)).toEqual(['prompt_1_welcome.wav', 'menu_a.wav']);
    expect(asked.slice(2).map((file) => [file.name, file.options.target])).toEqual([
      ['prompt_1_welcome.wav', 'genesys'],
      ['menu_a.wav', 'genesys'],
    ]);
  });

  it('keeps files picked while an option changes, and drops those picked before the list was cleared', async () => {
    const { pool, asked } = fakePool();
    const naming = slowNames();
    const session = new Session(pool, naming.names, OPTIONS, { entryChanged() {}, listChanged() {} });
    void session.add([picked('kept.wav')]);
    session.setOptions({ ...OPTIONS, normalize: true });
    await naming.releaseNext();
    expect(session.entries.map((entry) => entry.output.name)).toEqual(['kept.wav']);
    expect(asked.map((file) => file.options.normalize)).toEqual([true]);

    void session.add([picked('dropped.wav')]);
    session.clear();
    await naming.releaseNext();
    expect(session.entries).toEqual([]);
    expect(session.busy).toBe(false);
  });
});
