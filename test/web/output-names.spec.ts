import { describe, expect, it } from 'vitest';
import { compliantName } from '../../src/batch/compliant-name.js';
import { compliantNames } from '../../src/web/naming/compliant-names.js';
import { OutputNamer } from '../../src/web/page/output-names.js';

const namer = () => new OutputNamer(async (names) => compliantNames(names));

describe("the page's output names", () => {
  it("are the CLI's names: the same rules, with the transliterators bundled instead of required", () => {
    const names = ['欢迎致电.wav', '等待音 1.wav', 'IVR menu (old).wav', 'Привет.wav', 'こんにちは.wav', 'wait_voice1.WAV', '😀.wav', '-rf.wav'];
    expect(compliantNames(names)).toEqual(names.map((name) => compliantName(name)));
  });

  it('are distinct within a folder, -2 on a collision (a name that complies keeps it), and mirror the folder in the zip path', async () => {
    const list = namer();
    const named = await list.names([
      { folder: '', name: '欢迎.wav' },
      { folder: '', name: 'huanying.wav' },
      { folder: 'menu', name: 'huanying.wav' },
    ]);
    expect(named).toEqual([
      { name: 'huanying-2.wav', path: 'huanying-2.wav', renamed: true },
      { name: 'huanying.wav', path: 'huanying.wav', renamed: false },
      { name: 'huanying.wav', path: 'menu/huanying.wav', renamed: false },
    ]);
    // Later picks join the same list: the names already in the zip stay taken.
    expect(await list.names([{ folder: '', name: 'HUANYING.wav' }])).toEqual([{ name: 'HUANYING-3.wav', path: 'HUANYING-3.wav', renamed: true }]);
  });

  it('still comply when the naming worker fails: what is not Latin then becomes a plain name', async () => {
    const failing = new OutputNamer(() => Promise.reject(new Error('the naming worker stopped')));
    const named = await failing.names([
      { folder: '', name: '欢迎.wav' },
      { folder: '', name: 'menu 1.mp3' },
    ]);
    expect(named.map((output) => output.name)).toEqual(['prompt.wav', 'menu_1.wav']);
  });
});
