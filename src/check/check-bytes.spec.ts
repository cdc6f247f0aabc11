import { describe, expect, it } from 'vitest';
import { fixture } from '../../test/fixtures/compressed/reference.js';
import { asciiBytes, buildRiff, canonicalAlawFile, fmtBody, waveFile, type ChunkSpec } from '../../test/support/wav-builder.js';
import { checkBytes } from './check-bytes.js';

const alawFmt = (channels = 1, sampleRate = 8000) => fmtBody({ formatTag: 6, channels, sampleRate, bitsPerSample: 8, cbSize: 0 });
const fact = (samples: number) => {
  const body = new Uint8Array(4);
  new DataView(body.buffer).setUint32(0, samples, true);
  return { id: 'fact', body };
};
const alawFile = (chunks: ChunkSpec[], magic?: string) => buildRiff(chunks, { magic });
const silence = (count: number) => new Uint8Array(count).fill(0xd5);

const codesOf = async (bytes: Uint8Array, name = 'prompt.wav') => (await checkBytes(bytes, name)).problems.map((p) => p.code);

describe('checkBytes: each problem code fires on its fault and on no other file', () => {
  const cases: Array<[string, Uint8Array, string, string[]]> = [
    ['a canonical file', canonicalAlawFile(801), 'welcome.wav', []],
    ['a name with every allowed kind of character', canonicalAlawFile(10), 'a-b.c@d_E9.wav', []],
    ['an upper-case extension', canonicalAlawFile(10), 'UPPER.WAV', []],
    ['a file of exactly 2,097,152 bytes', canonicalAlawFile(2097152 - 58), 'full.wav', []],
    ['Chinese in the name', canonicalAlawFile(10), '欢迎致电.wav', ['name']],
    ['a space in the name', canonicalAlawFile(10), 'main menu.wav', ['name']],
    ['a name without .wav', canonicalAlawFile(10), 'prompt.alaw', ['name']],
    ['a 129-character name', canonicalAlawFile(10), `${'x'.repeat(125)}.wav`, ['name']],
    ['an empty file', new Uint8Array(0), 'empty.wav', ['not-wav']],
    ['a text file', asciiBytes('this is not audio\n'.repeat(4)), 'notes.wav', ['not-wav']],
    ['a renamed MP3', asciiBytes('ID3\x03\x00\x00\x00\x00\x00\x00\x00\x00\x00'), 'song.wav', ['not-wav']],
    ['no data chunk', alawFile([{ id: 'fmt ', body: alawFmt() }, fact(0)]), 'nodata.wav', ['malformed']],
    ['no fmt chunk', alawFile([fact(4), { id: 'data', body: silence(4) }]), 'nofmt.wav', ['malformed']],
    ['data cut short', canonicalAlawFile(1000).subarray(0, 700), 'cut.wav', ['malformed']],
    ['a RIFF size that disagrees', alawFile([{ id: 'fmt ', body: alawFmt() }, fact(4), { id: 'data', body: silence(4) }]).map((b, i) => (i === 4 ? b + 2 : b)), 'riff.wav', ['malformed']],
    ['16-bit PCM', waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: new Float32Array(8), fact: true }), 'pcm.wav', ['encoding']],
    ['mu-law', waveFile({ format: 'mulaw', channels: 1, sampleRate: 8000, samples: new Float32Array(8), fact: true }), 'mulaw.wav', ['encoding']],
    ['float', waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples: new Float32Array(8), fact: true }), 'float.wav', ['encoding']],
    ['A-law inside WAVE_FORMAT_EXTENSIBLE', waveFile({ format: 'alaw', channels: 1, sampleRate: 8000, samples: new Float32Array(8), extensible: true, fact: true }), 'ext.wav', ['encoding']],
    ['IMA ADPCM', alawFile([{ id: 'fmt ', body: fmtBody({ formatTag: 0x11, channels: 1, sampleRate: 8000, bitsPerSample: 4, blockAlign: 256 }) }, fact(505), { id: 'data', body: silence(256) }]), 'adpcm.wav', ['encoding']],
    ['16 kHz A-law', alawFile([{ id: 'fmt ', body: alawFmt(1, 16000) }, fact(4), { id: 'data', body: silence(4) }]), 'wide.wav', ['sample-rate']],
    ['stereo A-law', alawFile([{ id: 'fmt ', body: alawFmt(2) }, fact(2), { id: 'data', body: silence(4) }]), 'stereo.wav', ['channels']],
    ['one byte over 2 MiB', canonicalAlawFile(2097152 - 58 + 1), 'long.wav', ['size']],
    ['an RF64 container', rf64Alaw(), 'rf64.wav', ['container']],
    ['44.1 kHz stereo PCM with a Chinese name', waveFile({ format: 's16', channels: 2, sampleRate: 44100, samples: new Float32Array(8), fact: true }), '欢迎.wav', ['name', 'encoding', 'sample-rate', 'channels']],
  ];

  it.each(cases)('%s', async (_title, bytes, name, expected) => {
    expect(await codesOf(bytes, name)).toEqual(expected);
  });

  it('says in each message what is wrong and what to run', async () => {
    const record = await checkBytes(waveFile({ format: 's16', channels: 2, sampleRate: 44100, samples: new Float32Array(8), fact: true }), 'in/欢迎 1.wav');
    const byCode = Object.fromEntries(record.problems.map((p) => [p.code, p.message]));
    expect(byCode.name).toMatch(/'欢' '迎' ' ' \(space\)/);
    expect(byCode.encoding).toMatch(/^16-bit PCM, not A-law: fix with "voiceprep convert 'in\/欢迎 1.wav' -o <folder>"$/);
    expect(byCode['sample-rate']).toMatch(/^44100 Hz, not 8000 Hz/);
    expect(byCode.channels).toMatch(/^2 channels, not mono/);
  });

  it('gives the duration and the 262 s that fit when a file is too large, and the command that cuts it', async () => {
    const record = await checkBytes(canonicalAlawFile(8000 * 300), 'long.wav');
    expect(record.problems[0].message).toMatch(/over the 2097152-byte limit; 300\.0 s of audio, and 262\.1 s fit: cut it to fit with "voiceprep convert long\.wav -o <folder> --trim"/);
    expect(record.seconds).toBe(300);
  });

  it('says when a file too large only because it is not A-law yet fits once converted', async () => {
    const studio = waveFile({ format: 's16', channels: 2, sampleRate: 48000, samples: new Float32Array(48000 * 2 * 12) });
    const [size] = (await checkBytes(studio, 'studio.wav')).problems.filter((p) => p.code === 'size');
    expect(size.message).toMatch(/over the 2097152-byte limit; converted, it takes 96058 bytes: fix with "voiceprep convert studio\.wav -o <folder>"$/);
  });

  it('takes another size limit', async () => {
    const file = canonicalAlawFile(8000 * 10);
    expect((await checkBytes(file, 'ten.wav', { maxBytes: 80058 })).ok).toBe(true);
    expect((await checkBytes(file, 'ten.wav', { maxBytes: 80057 })).problems.map((p) => p.code)).toEqual(['size']);
  });

  it('lists oddities that do not stop a file from working as warnings, not problems', async () => {
    const withList = alawFile([
      { id: 'fmt ', body: alawFmt() },
      { id: 'LIST', body: asciiBytes('INFOISFT\x05\x00\x00\x00Lavf\x00') },
      { id: 'data', body: silence(5), pad: false },
    ]);
    const record = await checkBytes(withList, 'odd.wav');
    expect(record.ok).toBe(true);
    expect(record.problems).toEqual([]);
    expect(record.warnings.map((w) => w.code).sort()).toEqual(['extra-chunk', 'missing-pad', 'no-fact']);
  });

  it('gives the convert command for a FLAC voiceprep decodes, and for one it does not, the command that does', async () => {
    const flac = fixture('speech-16bit-8k.flac');
    const [decodable] = (await checkBytes(flac, 'hello.flac')).problems.filter((p) => p.code === 'not-wav');
    expect(decodable.message).toMatch(/^FLAC audio, not a WAV file: fix with "voiceprep convert hello\.flac -o <folder>"$/);
    const deep = flac.slice();
    // STREAMINFO's bits per sample, minus one, to 31
    deep[20] |= 0x01;
    deep[21] |= 0xf0;
    const [undecodable] = (await checkBytes(deep, 'deep.flac')).problems.filter((p) => p.code === 'not-wav');
    expect(undecodable.message).toMatch(/voiceprep cannot convert it: FLAC with 32-bit samples .*flac -d/);
  });

  it('reports the format it read', async () => {
    const record = await checkBytes(canonicalAlawFile(16000), 'two.wav');
    expect(record).toMatchObject({
      ok: true,
      bytes: 16058,
      seconds: 2,
      format: { container: 'RIFF', encoding: 'A-law', formatTag: 6, extensible: false, sampleRate: 8000, channels: 1, bitsPerSample: 8 },
    });
  });
});

function rf64Alaw(): Uint8Array {
  const ds64 = new Uint8Array(28);
  const view = new DataView(ds64.buffer);
  const file = buildRiff([{ id: 'ds64', body: ds64 }, { id: 'fmt ', body: alawFmt() }, fact(4), { id: 'data', body: silence(4), declaredSize: 0xffffffff }], {
    magic: 'RF64',
    riffSize: 0xffffffff,
  });
  view.setUint32(0, file.length - 8, true);
  view.setUint32(8, 4, true);
  file.set(ds64, 20);
  return file;
}
