import { describe, expect, it } from 'vitest';
import { FAAD_MISSING, loadFaad } from './aac-decode.js';

describe('the AAC decoder, an optional peer (FAAD2 is GPL-2.0)', () => {
  it('is loaded when installed', async () => {
    expect(typeof (await loadFaad()).decoder).toBe('function');
  });

  it('refuses the file in words that say what to install, when it is not', async () => {
    const missing = () => Promise.reject(Object.assign(new Error("Cannot find package '@audio/decode-aac'"), { code: 'ERR_MODULE_NOT_FOUND' }));
    await expect(loadFaad(missing)).rejects.toMatchObject({ name: 'VoiceprepError', code: 'unsupported-encoding', message: FAAD_MISSING });
    expect(FAAD_MISSING).toContain('npm install @audio/decode-aac');
  });
});
