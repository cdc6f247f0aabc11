import { mkdir, mkdtemp, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { canonicalAlawFile } from '../../test/support/wav-builder.js';
import { findReferences } from './find-references.js';

let root: string;

beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'voiceprep-find-references-'));
  await mkdir(join(root, 'src/node_modules/dep'), { recursive: true });
  await mkdir(join(root, 'node_modules/sdk'), { recursive: true });
  await mkdir(join(root, 'prompts'));
  await writeFile(join(root, 'prompts/a.wav'), canonicalAlawFile(80));
  await writeFile(join(root, 'prompts/._a.wav'), new Uint8Array(10));
  await writeFile(join(root, 'src/a.json'), '{"waitVoice": "a.wav"}');
  await writeFile(join(root, 'src/notes.md'), 'waitVoice: "md.wav"');
  await writeFile(join(root, 'src/node_modules/dep/x.js'), "module.exports = { waitVoice: 'dep.wav' };");
  await writeFile(join(root, 'node_modules/sdk/y.json'), '{"preVoice": "sdk.wav"}');
});

afterAll(() => rm(root, { recursive: true, force: true }));

describe('findReferences', () => {
  it('searches folders for source files, never below node_modules, even a file or glob naming one there', async () => {
    const result = await findReferences(['.', 'node_modules/sdk/y.json', '**/node_modules/**/*.js'], { prompts: 'prompts' }, root);
    expect(result.names.map((name) => name.name)).toEqual(['a.wav']);
    expect(result.summary).toEqual({ scanned: 1, names: 1, ok: 1, failed: 0, warnings: 0 });
    expect(result.sources).toEqual([]);
  });

  it('reads a file named directly whatever its extension, and finds nothing in a language it does not read', async () => {
    const result = await findReferences('src/notes.md', { prompts: 'prompts' }, root);
    expect(result.summary).toMatchObject({ scanned: 1, names: 0 });
    expect(result.warnings).toEqual([{ code: 'unused', message: expect.any(String), path: 'prompts/a.wav' }]);
  });

  it('reports a source that names nothing or a link to nothing, and throws for a prompts folder that is not there', async () => {
    await mkdir(join(root, 'linked'));
    await symlink('nowhere.ts', join(root, 'linked/gone.ts'));
    const result = await findReferences(['missing.ts', 'linked'], { prompts: 'prompts' }, root);
    expect(result.sources).toEqual([
      { path: 'missing.ts', code: 'not-found', message: 'no such file or folder, and no file matches it as a glob' },
      { path: 'linked/gone.ts', code: 'not-found', message: expect.stringContaining('a symbolic link to nothing') },
    ]);
    await expect(findReferences('.', { prompts: 'none' }, root)).rejects.toMatchObject({ code: 'not-found' });
    await expect(findReferences('.', { prompts: 'src/a.json' }, root)).rejects.toMatchObject({ message: expect.stringContaining('(not a folder)') });
  });
});
