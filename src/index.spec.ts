import { mkdtempSync, existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { waveFile } from '../test/support/wav-builder.js';
import * as voiceprep from './index.js';
import {
  HUAWEI_VOICECALL,
  alawFromLinear16,
  bytesSource,
  canonicalFileSize,
  checkBytes,
  checkFile,
  checkPaths,
  checkSource,
  checklist,
  checklistCsv,
  checklistMarkdown,
  convert,
  convertBytes,
  convertFile,
  decodePlayback,
  findReferences,
  isCompliantName,
  judgeHeader,
  linear16FromAlaw,
  linear16FromMulaw,
  maxSamplesForFileSize,
  nameFault,
  openAudio,
  openConversion,
  probeAudio,
  readWaveHeader,
  reviewPage,
  silenceBytes,
  summarizeRecords,
  waveformOf,
} from './index.js';

const folder = mkdtempSync(join(tmpdir(), 'voiceprep-api-'));
afterAll(() => rmSync(folder, { recursive: true, force: true }));

/** One second of a 16-bit tone at 8 kHz: something every function can read. */
const WAV = waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: new Float32Array(8000).map((_, i) => 0.3 * Math.sin(i / 2)) });
const wavPath = join(folder, 'tone.wav');
writeFileSync(wavPath, WAV);

const invalid = (message: RegExp) => ({ name: 'VoiceprepError', code: 'invalid-argument', message: expect.stringMatching(message) });

/** Whatever a call does wrong, synchronously or not, as a promise: scripts await these functions. */
async function outcome(call: () => unknown): Promise<unknown> {
  return call();
}

describe('options are checked as the CLI checks its flags, with a VoiceprepError', () => {
  // an unset environment variable: Number(undefined) is NaN; a typo in one: 'abc'
  it.each([NaN, 'abc', '-26', -61, 1, Infinity, null])('level %s is refused by every function that takes one', async (level) => {
    const words = /^level: expected a level in dBov from -60 to 0, such as -26, not /;
    await expect(convert(WAV, { level } as never)).rejects.toMatchObject(invalid(words));
    await expect(convert(wavPath, { level } as never)).rejects.toMatchObject(invalid(words));
    await expect(convertBytes(WAV, { level } as never)).rejects.toMatchObject(invalid(words));
    await expect(openConversion(WAV, { level } as never)).rejects.toMatchObject(invalid(words));
    await expect(checkFile(wavPath, { level } as never)).rejects.toMatchObject(invalid(words));
    await expect(checkPaths([folder], { level } as never)).rejects.toMatchObject(invalid(words));
    await expect(checkBytes(WAV, 'a.wav', { level } as never)).rejects.toMatchObject(invalid(words));
  });

  it('writes nothing when convertFile is given a level it cannot use', async () => {
    const out = join(folder, 'silent.wav');
    await expect(convertFile(wavPath, out, { level: NaN })).rejects.toMatchObject(invalid(/^level: .* not NaN$/));
    expect(existsSync(out)).toBe(false);
  });

  it('refuses the other options out of the CLI’s ranges, in its words', async () => {
    await expect(convertBytes(WAV, { voxRate: 44.1 })).rejects.toMatchObject(invalid(/^voxRate: expected a sample rate in Hz from 1000 to 768000, such as 6000, not 44.1$/));
    await expect(checkBytes(WAV, 'a.wav', { levelTolerance: 0 })).rejects.toMatchObject(invalid(/^levelTolerance: expected a tolerance in dB above 0 and at most 20/));
    await expect(checkFile(wavPath, { maxBytes: 40 })).rejects.toMatchObject(invalid(/^maxBytes: expected at least 60 bytes: a playback file's header alone takes 58, not 40$/));
    await expect(checkFile(wavPath, { maxBytes: '2MB' } as never)).rejects.toMatchObject(invalid(/not "2MB" \(a string\)$/));
    await expect(convertBytes(WAV, { maxSamples: 0 })).rejects.toMatchObject(invalid(/^maxSamples: expected a number of samples/));
    await expect(convertBytes(WAV, { limitSamples: NaN })).rejects.toMatchObject(invalid(/^limitSamples: /));
    await expect(convertBytes(WAV, { blockSamples: -1 })).rejects.toMatchObject(invalid(/^blockSamples: /));
    await expect(convertBytes(WAV, { trimSilence: 'false' } as never)).rejects.toMatchObject(invalid(/^trimSilence: expected true or false, not "false"/));
    await expect(convertBytes(WAV, { name: 5 } as never)).rejects.toMatchObject(invalid(/^name: expected a string, not 5$/));
    await expect(openAudio(WAV, { voxRate: 0 })).rejects.toMatchObject(invalid(/^voxRate: /));
    await expect(probeAudio(WAV, { voxRate: NaN })).rejects.toMatchObject(invalid(/^voxRate: /));
  });

  it('refuses level with normalize, and unknown keys, with a VoiceprepError', async () => {
    await expect(convertBytes(WAV, { level: -26, normalize: true })).rejects.toMatchObject(invalid(/^level and normalize both set the gain/));
    await expect(convertBytes(WAV, { levle: -26 } as never)).rejects.toMatchObject(invalid(/^unknown option "levle": the options are maxSamples, /));
    await expect(checkFile(wavPath, { maxSize: 100 } as never)).rejects.toMatchObject(invalid(/^unknown option "maxSize"/));
    await expect(convertBytes(WAV, -26 as never)).rejects.toMatchObject(invalid(/^options: expected an object such as \{ level: -26 \}, not -26$/));
    await expect(convertBytes(WAV, { profile: 'huawei' } as never)).rejects.toMatchObject(invalid(/^profile: expected an output profile such as HUAWEI_VOICECALL/));
    await expect(checkFile(wavPath, { profile: { ...HUAWEI_VOICECALL, sampleRate: 44100 } as never })).rejects.toMatchObject(invalid(/^profile: /));
    await expect(convertFile(wavPath, join(folder, 'o.wav'), { overwrite: 'yes' } as never)).rejects.toMatchObject(invalid(/^overwrite: expected true or false/));
    await expect(convertFile(wavPath, join(folder, 'o.wav'), { levle: 1 } as never)).rejects.toMatchObject(invalid(/^unknown option "levle"/));
  });

  it('takes an output profile, and judges and writes by it', async () => {
    const strict = { ...HUAWEI_VOICECALL, id: 'small', maxBytes: 4000 };
    await expect(convertBytes(WAV, { profile: strict })).rejects.toMatchObject({ code: 'too-long', message: expect.stringContaining("in the platform's 4000 bytes") });
    expect((await checkBytes(WAV, 'tone.wav', { profile: strict })).problems.map((p) => p.code)).toEqual(['encoding', 'size']);
    expect((await convertBytes(WAV, { profile: HUAWEI_VOICECALL })).bytes).toEqual((await convertBytes(WAV)).bytes);
  });

  it("takes a target by name, writes and judges by its profile, and refuses a name it does not know", async () => {
    const connect = await convertBytes(WAV, { target: 'amazon-connect' });
    expect(new DataView(connect.bytes.buffer, connect.bytes.byteOffset).getUint16(20, true)).toBe(7); // WAVE_FORMAT_MULAW
    expect((await checkBytes(connect.bytes, 'tone.wav', { target: 'connect' })).problems).toEqual([]);
    expect((await checkBytes(connect.bytes, 'tone.wav')).problems.map((p) => p.code)).toEqual(['encoding']);
    expect((await checkBytes(connect.bytes, 'tone.wav', { target: 'huawei' })).target).toBe('huawei-voicecall');
    await expect(convertBytes(WAV, { target: 'skype' })).rejects.toMatchObject(invalid(/^target: expected a target's name: huawei-voicecall, /));
    await expect(checkBytes(WAV, 'a.wav', { target: 'teams', profile: HUAWEI_VOICECALL })).rejects.toMatchObject(invalid(/^target "teams" and profile "huawei-voicecall" disagree/));
    expect(voiceprep.TARGETS.map((target) => target.id)).toContain('genesys');
  });

  it('takes what is within range, and undefined or null as not given', async () => {
    const { report } = await convertBytes(WAV, { level: -26, normalize: false, voxRate: undefined, maxSamples: 4000.5 });
    expect(report.output.samples).toBe(4000);
    expect((await convert(WAV, null as never)).report.output.samples).toBe(8000);
    expect((await checkFile(wavPath, { level: -60, levelTolerance: 20, maxBytes: 60 })).problems.map((p) => p.code)).toContain('size');
  });
});

describe('every exported function refuses arguments of the wrong kind with a VoiceprepError', () => {
  const FILE = /expected (a path or )?the file's bytes \(a Uint8Array, a Buffer or an ArrayBuffer\)/;
  const SOURCE = /^source: expected a ByteSource .* or the file's bytes/;

  it.each([
    ['convert(12345)', () => convert(12345 as never), /^input: expected a path or the file's bytes .*, not 12345$/],
    ['convert(null)', () => convert(null as never), /^input: .* not null$/],
    ['convert()', () => (convert as (input?: unknown) => unknown)(), /^input: .* not undefined$/],
    ['convert({})', () => convert({} as never), /^input: .* not an object$/],
    ['convert(Float32Array)', () => convert(new Float32Array(4) as never), /^input: .* not a Float32Array$/],
    ["convert('')", () => convert(''), /^input: expected a path \(a non-empty string\), not "" \(a string\)$/],
    ['convert(text of a file)', () => convert(new TextDecoder('latin1').decode(WAV)), /^input: a path cannot contain a NUL character/],
    ['convert(URL)', () => convert(new URL(`file://${wavPath}`) as never), /fileURLToPath/],
    ['convert(Blob)', () => convert(new Blob([WAV as Uint8Array<ArrayBuffer>]) as never), /arrayBuffer/],
    ['convertFile(12345, path)', () => convertFile(12345 as never, join(folder, 'x.wav')), /^inputPath: expected a path .* not 12345$/],
    ['convertFile(path, null)', () => convertFile(wavPath, null as never), /^outputPath: expected a path .* not null$/],
    ['convertBytes(12345)', () => convertBytes(12345 as never), FILE],
    ["convertBytes('abc')", () => convertBytes('abc' as never), FILE],
    ['convertBytes(null)', () => convertBytes(null as never), FILE],
    ['checkFile(12345)', () => checkFile(12345 as never), /^path: expected a path .* not 12345$/],
    ['checkFile(null)', () => checkFile(null as never), /^path: /],
    ['checkPaths(12345)', () => checkPaths(12345 as never), /^paths: expected a path or an array of paths/],
    ['checkPaths([null])', () => checkPaths([null] as never), /^paths\[0\]: /],
    ['checkBytes(12345, name)', () => checkBytes(12345 as never, 'a.wav'), FILE],
    ['checkBytes(bytes, 5)', () => checkBytes(WAV, 5 as never), /^name: expected a string, not 5$/],
    ['checkSource(12, name)', () => checkSource(12 as never, 'a.wav'), SOURCE],
    ['bytesSource(12)', () => bytesSource(12 as never), FILE],
    ['openAudio(12)', () => openAudio(12 as never), SOURCE],
    ['probeAudio(null)', () => probeAudio(null as never), SOURCE],
    ['readWaveHeader({ size: 1 })', () => readWaveHeader({ size: 1 } as never), SOURCE],
    ['openConversion("a.wav")', () => openConversion('a.wav' as never), SOURCE],
    ['isCompliantName(12)', () => isCompliantName(12 as never), /^name: expected a string, not 12$/],
    ['nameFault(null)', () => nameFault(null as never), /^name: /],
    ['targetNamed(12)', () => voiceprep.targetNamed(12 as never), /^name: expected a string, not 12$/],
    ["alawFromLinear16('a')", () => alawFromLinear16('a' as never), /^sample: expected a 16-bit sample/],
    ['alawFromLinear16(NaN)', () => alawFromLinear16(NaN), /^sample: /],
    ['alawFromLinear16(32768)', () => alawFromLinear16(32768), /^sample: /],
    ['linear16FromAlaw(null)', () => linear16FromAlaw(null as never), /^code: expected an A-law byte/],
    ['linear16FromMulaw(256)', () => linear16FromMulaw(256), /^code: expected a mu-law byte/],
    ["canonicalFileSize('a')", () => canonicalFileSize('a' as never), /^samples: /],
    ['maxSamplesForFileSize(null)', () => maxSamplesForFileSize(null as never), /^maxBytes: /],
    ["silenceBytes('1')", () => silenceBytes('1' as never), /^seconds: expected seconds above 0, such as 1, not "1"$/],
    ['silenceBytes(1, { profile: 5 })', () => silenceBytes(1, { profile: 5 } as never), /^profile: expected an output profile/],
    ['summarizeRecords(null)', () => summarizeRecords(null as never), /^records: /],
    ['decodePlayback(12)', () => decodePlayback(12 as never), /^bytes: expected the file's bytes/],
    ["decodePlayback(bytes, 'huawei')", () => decodePlayback(WAV, 'huawei' as never), /^profile: expected an output profile/],
    ['waveformOf(bytes)', () => waveformOf(WAV as never), /^playback: expected decoded samples/],
    ['waveformOf(playback, profile, { leadingSeconds: -1 })', () => waveformOf({ samples: new Float32Array(8), sampleRate: 8000 }, HUAWEI_VOICECALL, { leadingSeconds: -1, trailingSeconds: 0 }), /^cut: /],
    ['reviewPage(null)', () => reviewPage(null as never), /^records: expected an array/],
    ["reviewPage(['a.wav'])", () => reviewPage(['a.wav'] as never), /^records\[0\]: expected a record of check or convert/],
    ["reviewPage([], { language: 'fr' })", () => reviewPage([], { language: 'fr' } as never), /^language: expected 'en' or 'zh-CN'/],
    ['reviewPage([], { herf })', () => reviewPage([], { herf: String } as never), /^unknown option "herf"/],
    ['findReferences(12345, ...)', () => findReferences(12345 as never, { prompts: folder }), /^paths: expected a path or an array of paths/],
    ['findReferences(path, {})', () => findReferences(folder, {} as never), /^prompts: expected a path \(a non-empty string\), not undefined$/],
    ['findReferences(path, { prompt })', () => findReferences(folder, { prompt: folder } as never), /^unknown option "prompt"/],
    ['checklist(12)', () => checklist(12 as never), /^folder: expected a path/],
    ["checklist(path, { level: 'loud' })", () => checklist(folder, { level: 'loud' as never }), /^level: /],
    ['checklistMarkdown(null)', () => checklistMarkdown(null as never), /^rows: expected the rows of a checklist/],
    ["checklistCsv([], 'fr')", () => checklistCsv([], 'fr' as never), /^language: expected 'zh' or 'en', not "fr"/],
    ['judgeHeader(null, ...)', () => judgeHeader(null as never, 100, 2097152, () => ''), /^header: expected a WaveHeader/],
    ['judgeHeader(header, size, NaN, fix)', async () => judgeHeader(await readWaveHeader(WAV), WAV.length, NaN, () => ''), /^maxBytes: expected at least 60 bytes/],
  ])('%s', async (_, call, message) => {
    await expect(outcome(call)).rejects.toMatchObject(invalid(message));
  });

  it('accepts what a script reasonably holds: a Uint8Array, a Buffer, an ArrayBuffer, a path, one path alone', async () => {
    const expected = (await convertBytes(WAV)).bytes;
    const buffer = readFileSync(wavPath);
    const arrayBuffer = WAV.buffer.slice(WAV.byteOffset, WAV.byteOffset + WAV.byteLength);
    expect((await convert(buffer)).bytes).toEqual(expected);
    expect((await convert(arrayBuffer as ArrayBuffer)).bytes).toEqual(expected);
    expect((await convertBytes(arrayBuffer as ArrayBuffer)).bytes).toEqual(expected);
    expect((await convert(wavPath)).bytes).toEqual(expected);
    expect((await openAudio(WAV)).sampleRate).toBe(8000);
    expect((await readWaveHeader(arrayBuffer as ArrayBuffer)).format.sampleRate).toBe(8000);
    expect((await checkBytes(arrayBuffer as ArrayBuffer, 'tone.wav')).problems.map((p) => p.code)).toEqual(['encoding']);
    const alone = await checkPaths(wavPath);
    expect(alone.files.map((file) => file.path)).toEqual([wavPath]);
  });

  // openFileSource and writeFileAtomically (src/node) are listed but not in the table above: a path of the wrong kind
  // still gets Node's own TypeError from them.
  it('exports only functions this spec knows about, so a new one is checked here too', () => {
    const functions = Object.entries(voiceprep).filter(([, value]) => typeof value === 'function').map(([name]) => name);
    expect(functions.sort()).toEqual(
      [
        'VoiceprepError',
        'alawFromLinear16',
        'bytesSource',
        'canonicalFileSize',
        'checkBytes',
        'checkFile',
        'checkPaths',
        'checkSource',
        'checklist',
        'checklistCsv',
        'checklistMarkdown',
        'convert',
        'convertBytes',
        'convertFile',
        'decodePlayback',
        'findReferences',
        'isCompliantName',
        'isOutputProfile',
        'isVoiceprepError',
        'judgeHeader',
        'linear16FromAlaw',
        'linear16FromMulaw',
        'maxSamplesForFileSize',
        'nameFault',
        'openAudio',
        'openConversion',
        'openFileSource',
        'probeAudio',
        'readWaveHeader',
        'reviewPage',
        'silenceBytes',
        'summarizeRecords',
        'targetNamed',
        'waveformOf',
        'writeFileAtomically',
      ].sort(),
    );
  });
});
