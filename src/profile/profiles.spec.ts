import { describe, expect, it } from 'vitest';
import { nameFault } from '../check/file-name.js';
import { compliantNameWith, NameAllocator } from './naming.js';
import { isOutputProfile } from './output-profile.js';
import { PROFILES, TARGETS } from './profiles.js';
import { targetNamed } from './target-named.js';

const latin = { pinyin: (han: string) => `py${han.length}`, latin: (text: string) => text.replace(/é/g, 'e') };
const rules = (id: string) => targetNamed(id).names;

describe('the targets', () => {
  it('are valid output profiles, with distinct ids and aliases, and a source and a reason each', () => {
    const names = TARGETS.flatMap((target) => [target.id, ...(target.aliases ?? [])]);
    expect(new Set(names).size).toBe(names.length);
    for (const target of TARGETS) {
      expect(isOutputProfile(target)).toBe(true);
      expect(PROFILES.get(target.id)).toBe(target);
      expect(target.source).toEqual(expect.any(String));
      expect(target.why).toEqual(expect.any(String));
    }
  });

  it('are found by id or alias, in any case, and an unknown name is refused with the list', () => {
    expect(targetNamed('huawei').id).toBe('huawei-voicecall');
    expect(targetNamed(' Amazon-Connect ').id).toBe('amazon-connect');
    expect(() => targetNamed('skype')).toThrow(expect.objectContaining({ code: 'invalid-argument', message: expect.stringContaining('huawei-voicecall, huawei-cec') }));
  });
});

describe("names by each target's rules", () => {
  it('huawei-cec keeps Chinese, and drops what it refuses (no _ - or .), counting 50 before the extension', () => {
    expect(compliantNameWith('欢迎 致电-1.mp3', latin, rules('huawei-cec'))).toBe('欢迎致电1.wav');
    expect(compliantNameWith(`${'欢'.repeat(60)}.wav`, latin, rules('huawei-cec'))).toBe(`${'欢'.repeat(50)}.wav`);
    expect(nameFault('欢迎致电.wav', rules('huawei-cec'))).toBeNull();
    expect(nameFault('wait_voice.wav', rules('huawei-cec'), 'CEC')).toContain("the name contains '_'");
  });

  it('genesys: letters, digits and _, starting with a letter', () => {
    expect(compliantNameWith('1-welcome msg.flac', latin, rules('genesys'))).toBe('prompt_1_welcome_msg.wav');
    expect(compliantNameWith('café.wav', latin, rules('genesys'))).toBe('cafe.wav');
    expect(nameFault('1welcome.wav', rules('genesys'), 'Genesys Cloud')).toBe("the name starts with '1'; Genesys Cloud wants it to start with a letter");
    const allocator = new NameAllocator(rules('genesys'));
    expect([allocator.claim('menu.wav'), allocator.claim('menu.wav')]).toEqual(['menu.wav', 'menu_2.wav']);
  });

  it('avaya: 27 characters before .wav, and distinct names still fit', () => {
    const long = 'welcome-to-the-customer-service-line';
    const named = compliantNameWith(`${long}.mp3`, latin, rules('avaya'));
    expect(named).toBe('welcome-to-the-customer-ser.wav');
    const allocator = new NameAllocator(rules('avaya'));
    const claimed = [allocator.claim(named), allocator.claim(named), allocator.claim(named)];
    expect(claimed).toEqual(['welcome-to-the-customer-ser.wav', 'welcome-to-the-customer-s-2.wav', 'welcome-to-the-customer-s-3.wav']);
    for (const name of claimed) expect(nameFault(name, rules('avaya'))).toBeNull();
    expect(nameFault(`${'a'.repeat(28)}.wav`, rules('avaya'), 'Avaya')).toBe('the name before .wav has 28 characters; Avaya takes at most 27');
  });

  it("asterisk: '.wav' in lower case only ('.WAV' is GSM to it), and no '&'", () => {
    expect(nameFault('menu.WAV', rules('asterisk'), 'Asterisk')).toBe('the name ends in .WAV, not .wav in lower case, which Asterisk needs');
    expect(nameFault('menu.WAV', rules('huawei-voicecall'))).toBeNull();
    expect(compliantNameWith('a&b.WAV', latin, rules('asterisk'))).toBe('a_b.wav');
  });

  it("keeps Huawei's names as they were", () => {
    expect(compliantNameWith('欢迎 致电.mp3', latin)).toBe('py2_py2.wav');
    expect(compliantNameWith('wait@1.WAV', latin)).toBe('wait@1.wav');
    expect(nameFault('.wav')).toBe('the name is empty before .wav');
  });
});
