import { describe, expect, it } from 'vitest';
import { speechLikePrompt } from '../../test/support/speech-like.js';
import { waveFile } from '../../test/support/wav-builder.js';
import { convertBytes } from '../pipeline/convert-bytes.js';
import { HUAWEI_VOICECALL } from '../profile/profile.js';
import { type ReviewRecord, reviewPage } from './review-page.js';
import { WAVEFORM_COLUMNS, type Waveform, decodePlayback, waveformOf } from './waveform.js';
import { UNKNOWN_WARNING, WARNING_WORDS, warningWordings } from './words.js';

const speech = speechLikePrompt({ sampleRate: 16000, speechDbov: -20, leadingSilenceSeconds: 1, trailingSilenceSeconds: 1, seed: 3 });
const speechWave = waveFile({ format: 's16', channels: 1, sampleRate: 16000, samples: speech.samples });

function record(fields: Partial<ReviewRecord> = {}): ReviewRecord {
  return { path: 'in/a.mp3', ok: true, problems: [], warnings: [], format: null, bytes: 1000, seconds: 1, ...fields };
}

function waveform(fields: Partial<Waveform> = {}): Waveform {
  return { seconds: 2, cut: { leadingSeconds: 0, trailingSeconds: 0 }, peaks: [100, 500, 900], clipped: [], activeDbov: -26, ...fields };
}

describe('decodePlayback and waveformOf', () => {
  it("decodes a written file with its encoding's codec, and draws its envelope, clipping, level and what was cut", async () => {
    const { bytes, report } = await convertBytes(speechWave, { trimSilence: true, level: -26 });
    const playback = await decodePlayback(bytes, HUAWEI_VOICECALL);
    expect(playback?.sampleRate).toBe(HUAWEI_VOICECALL.sampleRate);
    expect(playback?.samples.length).toBe(report.output.samples);
    // silence trimming cut about 0.9 s at each end (0.1 s kept before the speech, 0.2 s after)
    expect(report.cut.leadingSeconds).toBeGreaterThan(0.7);
    expect(report.cut.trailingSeconds).toBeGreaterThan(0.6);
    const drawn = waveformOf(playback!, HUAWEI_VOICECALL, report.cut);
    expect(drawn.peaks).toHaveLength(WAVEFORM_COLUMNS);
    expect(Math.max(...drawn.peaks)).toBeGreaterThan(100);
    expect(drawn.clipped).toEqual([]);
    expect(drawn.activeDbov).toBeCloseTo(report.levels!.after.activeDbov!, 0);
    expect(drawn.cut).toEqual(report.cut);
  });

  it('marks the columns where the written file sits flat on the rail, and a file with nothing cut has no cut', async () => {
    const loud = Float32Array.from({ length: 8000 }, (_, i) => (i >= 4000 && i < 4400 ? 1 : 0.3 * Math.sin(i / 3)));
    const { bytes, report } = await convertBytes(waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples: loud }));
    expect(report.cut).toEqual({ leadingSeconds: 0, trailingSeconds: 0 });
    const drawn = waveformOf((await decodePlayback(bytes))!);
    expect(drawn.clipped.length).toBeGreaterThan(0);
    expect(drawn.clipped.every((column) => column >= 59 && column <= 66)).toBe(true);
  });

  it('says what --trim cut off the end', async () => {
    const { report } = await convertBytes(speechWave, { maxSamples: 8000 });
    expect(report.cut.leadingSeconds).toBe(0);
    expect(report.cut.trailingSeconds).toBeCloseTo(speech.samples.length / 16000 - 1, 2);
  });

  it('decodes nothing that is not a playback file of the profile', async () => {
    expect(await decodePlayback(speechWave)).toBeNull();
    expect(await decodePlayback(new TextEncoder().encode('not audio'))).toBeNull();
  });

  it('finds no speech in silence', async () => {
    const { bytes } = await convertBytes(waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: new Float32Array(40000) }));
    expect(waveformOf((await decodePlayback(bytes))!).activeDbov).toBeNull();
  });
});

describe('warning words', () => {
  it('has words in both languages for the sound warnings, a fallback for codes it does not know, and says silence once', () => {
    for (const code of ['silent', 'quiet', 'dc-offset', 'hum', 'uneven', 'clipped', 'clipped-source', 'level-limited', 'no-speech']) {
      expect(WARNING_WORDS[code]?.listen, code).toBe(true);
      expect(WARNING_WORDS[code].zh).toMatch(/[\u4e00-\u9fff]/);
    }
    expect(warningWordings(['a-code-from-the-future'])).toEqual([UNKNOWN_WARNING]);
    expect(warningWordings(['extra-chunk', 'no-fact', 'hum'])).toEqual([WARNING_WORDS.hum, WARNING_WORDS['extra-chunk']]);
    expect(warningWordings([], true)[0].en).toBe('No speech can be heard in it');
    expect(warningWordings(['silent'], true)).toEqual([WARNING_WORDS.silent]);
  });
});

describe('reviewPage', () => {
  const converted = (name: string, fields: Partial<ReviewRecord> = {}) =>
    record({ path: `in/${name}.mp3`, output: { path: `out/${name}.wav`, bytes: 16058, seconds: 2 }, waveform: waveform(), ...fields });

  it('lists one row per file by its output path, with both players, a waveform, and plain words before figures', () => {
    const html = reviewPage([
      converted('welcome'),
      converted('silent', { warnings: [{ code: 'silent', message: 'no active speech' }], waveform: waveform({ activeDbov: null }) }),
      converted('clipped', { warnings: [{ code: 'clipped', message: '12 samples clipped' }], waveform: waveform({ clipped: [1] }) }),
      record({ path: 'in/song.m4a', ok: false, problems: [{ code: 'unsupported', message: 'MP4 audio (AAC): convert it with ffmpeg -i ...' }], output: null, conversion: null }),
    ]);
    const rows = html.match(/<tr data-file="[^"]*"/g);
    expect(rows).toEqual(['<tr data-file="out/welcome.wav"', '<tr data-file="out/silent.wav"', '<tr data-file="out/clipped.wav"', '<tr data-file="in/song.m4a"']);
    const row = (file: string) => html.slice(html.indexOf(`data-file="${file}"`)).split('</tr>')[0];
    expect(row('out/welcome.wav')).toContain('data-src="in/welcome.mp3"');
    expect(row('out/welcome.wav')).toContain('>Play original</button>');
    expect(row('out/welcome.wav')).toContain('data-src="out/welcome.wav" aria-pressed="false" aria-describedby="f0" data-main>Play converted</button>');
    expect(row('out/welcome.wav')).toContain('<th scope="row" class="name" id="f0">out/welcome.wav');
    expect(row('out/welcome.wav')).toContain('data-role="waveform"');
    expect(row('out/welcome.wav')).toContain('Ready to upload');
    expect(row('out/silent.wav')).toContain('Ready, but listen to it first:');
    expect(row('out/silent.wav')).toContain('Silent: there is no speech in it');
    expect(row('out/silent.wav')).not.toContain('Ready to upload');
    expect(row('out/clipped.wav')).toContain('It clipped (distorted)');
    expect(row('out/clipped.wav')).toContain('fill="#d22"');
    expect(row('in/song.m4a')).toContain('Not ready');
    expect(row('in/song.m4a')).not.toContain('<button');
    // figures one click away, below the words
    expect(row('out/welcome.wav').indexOf('<details>')).toBeGreaterThan(row('out/welcome.wav').indexOf('Ready to upload'));
    expect(row('out/welcome.wav')).toContain('speech level -26.0 dBov (ITU-T P.56)');
    expect(html.match(/<script>/g)).toHaveLength(1);
    expect(html).not.toMatch(/\b(src|href)="https?:/);
  });

  it('speaks Chinese, escapes what it quotes, and refers to each file by an escaped relative address', () => {
    const html = reviewPage([converted('欢迎 #1', { path: 'in/<b>.wav' })], { language: 'zh-CN' });
    expect(html).toContain('<html lang="zh-CN">');
    expect(html).toContain('>全部播放</button>');
    expect(html).toContain('>播放原文件</button>');
    expect(html).toContain('>播放转换后</button>');
    expect(html).toContain(`data-src="out/${encodeURIComponent('欢迎 #1.wav')}"`);
    expect(html).not.toContain('<b>');
    expect(reviewPage([converted('a')], { href: (path) => `../${path}` })).toContain('data-src="../out/a.wav"');
  });

  it('stays under 5 MB for 1000 files', () => {
    const full = waveform({ peaks: Array.from({ length: WAVEFORM_COLUMNS }, (_, i) => (i * 137) % 1000), clipped: [3, 50, 90] });
    const records = Array.from({ length: 1000 }, (_, i) =>
      converted(`prompts/menu-${i}-long-name-for-a-prompt`, { waveform: full, warnings: [{ code: 'extra-chunk', message: 'a LIST chunk (metadata), which the platform ignores' }] }),
    );
    const bytes = new TextEncoder().encode(reviewPage(records)).length;
    expect(bytes).toBeLessThan(5 * 1024 * 1024);
  });
});
