import { describe, expect, it } from 'vitest';
import { compliantName } from '../../src/batch/compliant-name.js';
import { OutputNamer } from '../../src/web/page/output-names.js';

describe("the page's output names", () => {
  it('are the CLI\'s names: the same rules, with the transliterators bundled instead of loaded lazily', () => {
    const names = ['欢迎致电.wav', '等待音 1.wav', 'IVR menu (old).wav', 'Привет.wav', 'こんにちは.wav', 'wait_voice1.WAV', '😀.wav'];
    for (const original of names) {
      expect(new OutputNamer().name('', original).name).toBe(compliantName(original));
    }
  });

  it('are distinct within a folder, -2 on a collision, and mirror the folder in the zip path', () => {
    const namer = new OutputNamer();
    expect(namer.name('', '欢迎.wav')).toEqual({ name: 'huanying.wav', path: 'huanying.wav', renamed: true });
    expect(namer.name('', 'huanying.wav')).toEqual({ name: 'huanying-2.wav', path: 'huanying-2.wav', renamed: true });
    expect(namer.name('menu', 'huanying.wav')).toEqual({ name: 'huanying.wav', path: 'menu/huanying.wav', renamed: false });
  });
});
