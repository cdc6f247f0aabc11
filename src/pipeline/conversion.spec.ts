import { describe, expect, it } from 'vitest';
import wavefile from 'wavefile';
import { g191AlawCompress } from '../../test/support/g191.js';
import { virtualToneWave } from '../../test/support/virtual-wave.js';
import { buildRiff, canonicalAlawFile, encodeSamples, fmtBody, SAMPLE_FORMATS, waveFile, asciiBytes } from '../../test/support/wav-builder.js';
import { linear16FromAlaw, linear16FromMulaw } from '../codecs/g711-expand.js';
import { alawFromLinear16 } from '../codecs/g711-alaw.js';
import { VoiceprepError } from '../errors.js';
import { checkBytes } from '../check/check-bytes.js';
import { openConversion } from './conversion.js';
import { convertBytes } from './convert-bytes.js';
import { bytesSource } from '../source/byte-source.js';

const HEADER = 58;

/** A 997 Hz tone at -6 dBFS whose samples are exact 16-bit values, so every encoding can carry it without loss. */
function tone16(frames: number, rate = 8000): Float32Array {
  return Float32Array.from({ length: frames }, (_, i) => Math.round(16384 * Math.sin((2 * Math.PI * 997 * i) / rate)) / 32768);
}

const samplesOf = (file: Uint8Array) => file.subarray(HEADER, HEADER + new DataView(file.buffer, file.byteOffset).getUint32(54, true));

describe('the pipeline at 8000 Hz mono: decode and encode only', () => {
  it('encodes all 65536 16-bit values exactly as G.191 alaw_compress', async () => {
    const every = Float32Array.from({ length: 65536 }, (_, i) => (i - 32768) / 32768);
    const { bytes } = await convertBytes(waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: every }));
    const out = samplesOf(bytes);
    expect(out.length).toBe(65536);
    let mismatches = 0;
    for (let i = 0; i < 65536; i++) if (out[i] !== g191AlawCompress(i - 32768)) mismatches++;
    expect(mismatches).toBe(0);
  });

  it.each(SAMPLE_FORMATS.flatMap((format) => [[format, false] as const, [format, true] as const]))(
    'decodes %s (extensible: %s) to the samples it holds',
    async (format, extensible) => {
      const source = format === 'u8' ? Float32Array.from(tone16(400), (x) => Math.round(x * 128) / 128) : tone16(400);
      const file = waveFile({ format, channels: 1, sampleRate: 8000, samples: source, extensible });
      const { bytes, report } = await convertBytes(file);
      const stored = encodeSamples(source, format);
      const expected = source.map((x, i) => {
        if (format === 'alaw') return stored[i];
        if (format === 'mulaw') return alawFromLinear16(linear16FromMulaw(stored[i]));
        return alawFromLinear16(Math.round(x * 32768));
      });
      expect([...samplesOf(bytes)]).toEqual([...expected]);
      expect(report.passThrough).toBe(format === 'alaw');
    },
  );

  it('mixes channels to their mean', async () => {
    const mono = tone16(200);
    const interleave = (left: Float32Array, right: Float32Array) => Float32Array.from({ length: left.length * 2 }, (_, i) => (i % 2 ? right : left)[i >> 1]);
    const same = await convertBytes(waveFile({ format: 's16', channels: 2, sampleRate: 8000, samples: interleave(mono, mono) }));
    const plain = await convertBytes(waveFile({ format: 's16', channels: 1, sampleRate: 8000, samples: mono }));
    expect([...samplesOf(same.bytes)]).toEqual([...samplesOf(plain.bytes)]);
    const opposite = await convertBytes(waveFile({ format: 's16', channels: 2, sampleRate: 8000, samples: interleave(mono, mono.map((x) => -x)) }));
    expect(new Set(samplesOf(opposite.bytes))).toEqual(new Set([alawFromLinear16(0)]));
  });
});

describe('the output file', () => {
  it('has the canonical layout: 18-byte fmt, fact, data and a pad byte after an odd count', async () => {
    for (const frames of [0, 1, 2, 441, 4410]) {
      const { bytes } = await convertBytes(waveFile({ format: 's16', channels: 2, sampleRate: 44100, samples: new Float32Array(frames * 2) }));
      const samples = Math.round((frames * 8000) / 44100);
      expect(bytes.length).toBe(HEADER + samples + (samples % 2));
      const wav = new wavefile.WaveFile(bytes);
      const fmt = wav.fmt as { audioFormat: number; numChannels: number; sampleRate: number; chunkSize: number; bitsPerSample: number };
      expect(fmt).toMatchObject({ audioFormat: 6, numChannels: 1, sampleRate: 8000, chunkSize: 18, bitsPerSample: 8 });
      expect((wav.fact as { dwSampleLength: number }).dwSampleLength).toBe(samples);
      expect((wav.data as { chunkSize: number }).chunkSize).toBe(samples);
      const ids = [12, 38, 50].map((at) => String.fromCharCode(...bytes.subarray(at, at + 4)));
      expect(ids).toEqual(['fmt ', 'fact', 'data']);
    }
  });
});

describe('A-law, 8000 Hz, mono input', () => {
  it('is copied in large blocks, not sample by sample', async () => {
    const file = canonicalAlawFile(300_000);
    let reads = 0;
    const source = {
      size: file.length,
      read(offset: number, length: number) {
        reads++;
        return bytesSource(file).read(offset, length);
      },
    };
    const conversion = await openConversion(source, {});
    expect(conversion.passThrough).toBe(true);
    await conversion.run({ write() {} });
    expect(reads).toBeLessThan(40);
  });

  it('passes through byte for byte', async () => {
    const file = canonicalAlawFile(1001, 0x2a);
    file.fill(0x91, HEADER + 500, HEADER + 1001);
    const { bytes, report } = await convertBytes(file);
    expect(bytes).toEqual(file);
    expect(report.passThrough).toBe(true);
  });

  it('keeps the samples and rewrites a non-canonical container', async () => {
    const codes = Uint8Array.from({ length: 301 }, (_, i) => (i * 37) & 0xff);
    const file = buildRiff([
      { id: 'LIST', body: asciiBytes('INFOISFT\x04\x00\x00\x00abc\x00') },
      { id: 'fmt ', body: fmtBody({ formatTag: 6, channels: 1, sampleRate: 8000, bitsPerSample: 8, cbSize: 0 }).slice(0, 16) },
      { id: 'data', body: codes, pad: false },
    ]);
    const { bytes, report } = await convertBytes(file);
    expect(report.passThrough).toBe(true);
    expect([...samplesOf(bytes)]).toEqual([...codes]);
    expect(bytes.length).toBe(HEADER + 302);
  });
});

describe('trim and normalize', () => {
  it('cuts to the sample count asked for, fading out the last 50 ms', async () => {
    const { bytes, report } = await convertBytes(waveFile({ format: 's16', channels: 1, sampleRate: 16000, samples: tone16(32000, 16000) }), {
      maxSamples: 8001,
    });
    expect(report.trimmed).toBe(true);
    expect(report.output.samples).toBe(8001);
    const out = [...samplesOf(bytes)].map(linear16FromAlaw);
    expect(out).toHaveLength(8001);
    const rms = (from: number, to: number) => Math.sqrt(out.slice(from, to).reduce((s, x) => s + x * x, 0) / (to - from));
    expect(rms(7000, 7600)).toBeGreaterThan(10000); // untouched before the fade (a -6 dBFS tone has RMS 11585)
    expect(Math.abs(out[8000])).toBeLessThan(200); // faded to silence at the cut
    expect(rms(7641, 7681)).toBeGreaterThan(rms(7960, 8000) * 4);
  });

  it.each([{ normalize: true }, { level: -26 }, { trimSilence: true }])('still cuts and fades, and says so, with a first pass (%o)', async (adjust) => {
    const file = waveFile({ format: 's16', channels: 1, sampleRate: 16000, samples: tone16(32000, 16000) });
    const { bytes, report } = await convertBytes(file, { maxSamples: 8001, ...adjust });
    expect(report.trimmed).toBe(true);
    expect(report.output.samples).toBe(8001);
    const out = [...samplesOf(bytes)].map(linear16FromAlaw);
    expect(Math.abs(out[8000])).toBeLessThan(200);
  });

  it('warns of a recording that clipped before it reached voiceprep, which no gain undoes', async () => {
    const clipped = tone16(8000).map((x) => Math.max(-0.5, Math.min(0.5, x * 4)) * 2);
    const { report } = await convertBytes(waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples: clipped }), { normalize: true });
    expect(report.clippedSamples).toBe(0);
    expect(report.warnings.map((w) => w.code)).toContain('clipped-source');
    const clean = await convertBytes(waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples: tone16(8000) }));
    expect(clean.report.warnings.map((w) => w.code)).not.toContain('clipped-source');
  });

  describe("clipping is judged on the recording's own samples, not on the 8 kHz signal", () => {
    const rate = 44100;
    /**
     * A 44.1 kHz recording whose only full-scale samples are 15 isolated ones (every other sample, 0.95 between
     * them): no flat top. Band-limiting them to 8 kHz runs them into a run of samples at the A-law rail.
     */
    function isolatedPeaks(): Float32Array {
      const samples = Float32Array.from({ length: rate / 2 }, (_, i) => 0.5 * Math.sin((2 * Math.PI * 440 * i) / rate));
      for (let k = 0; k < 29; k++) samples[10_000 + k] = k % 2 ? 0.95 : 1;
      return samples;
    }

    it('isolated full-scale samples: not a recording that clipped, in convert or in check', async () => {
      const samples = isolatedPeaks();
      const atFullScale = samples.map((x) => (Math.abs(x) >= 1 ? 1 : 0));
      expect(atFullScale.reduce((sum, x) => sum + x, 0)).toBe(15);
      expect(atFullScale.some((x, i) => x && atFullScale[i + 1])).toBe(false);
      const file = waveFile({ format: 's16', channels: 1, sampleRate: rate, samples });
      const { report } = await convertBytes(file, { level: -20 });
      expect(report.warnings.map((w) => w.code)).not.toContain('clipped-source');
      expect(report.levels?.before.clippedSamples).toBe(0);
      const checked = await checkBytes(file, 'peaks.wav', { level: -20, levelTolerance: 20 });
      expect(checked.problems.map((p) => p.code)).not.toContain('clipping');
      expect(checked.levels?.clippedSamples).toBe(0);
    });

    it('flat tops at full scale at 44.1 kHz: a recording that clipped, in convert and in check', async () => {
      const samples = Float32Array.from({ length: rate / 2 }, (_, i) => Math.max(-1, Math.min(1, 1.5 * Math.sin((2 * Math.PI * 250 * i) / rate))));
      const file = waveFile({ format: 's16', channels: 1, sampleRate: rate, samples });
      const { report } = await convertBytes(file, { normalize: true });
      const warning = report.warnings.find((w) => w.code === 'clipped-source');
      expect(warning?.message).toMatch(/^the recording clipped before it reached voiceprep \(\d+ samples held flat at full scale\)/);
      const checked = await checkBytes(file, 'clipped.wav', { level: -20, levelTolerance: 20 });
      expect(checked.problems.map((p) => p.code)).toContain('clipping');
      // every sample held at either rail, counted at the recording's own rate
      expect(checked.levels?.clippedSamples).toBe(samples.filter((x) => Math.abs(x) === 1).length);
    });
  });

  it('puts the peak at -1 dBFS with --normalize', async () => {
    const quiet = tone16(8000).map((x) => x / 8);
    const { report } = await convertBytes(waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples: quiet }), { normalize: true });
    expect(report.peakDbfs).toBeCloseTo(-1, 1);
    expect(report.gainDb).toBeCloseTo(-1 - 20 * Math.log10(0.5 / 8), 0);
    expect(report.clippedSamples).toBe(0);
  });

  it('counts clipped samples', async () => {
    const loud = tone16(800).map((x) => x * 4);
    const { report } = await convertBytes(waveFile({ format: 'f32', channels: 1, sampleRate: 8000, samples: loud }));
    expect(report.clippedSamples).toBeGreaterThan(100);
    expect(report.peakDbfs).toBeGreaterThan(5);
  });
});

describe('errors', () => {
  it('names an encoding it cannot decode', async () => {
    const file = buildRiff([
      { id: 'fmt ', body: fmtBody({ formatTag: 0x42, channels: 1, sampleRate: 8000, bitsPerSample: 0, blockAlign: 24 }) },
      { id: 'data', body: new Uint8Array(240) },
    ]);
    await expect(convertBytes(file)).rejects.toThrow(new VoiceprepError('unsupported-encoding', 'unsupported encoding: G.723.1 (format tag 0x0042)'));
  });

  it.each([999, 768001])('refuses a sample rate of %d Hz', async (rate) => {
    const file = waveFile({ format: 's16', channels: 1, sampleRate: rate, samples: new Float32Array(10) });
    await expect(convertBytes(file)).rejects.toMatchObject({ code: 'unsupported-encoding', message: expect.stringMatching(/sample rate/) });
  });

  it.each([1000, 768000])('converts the extreme rate of %d Hz', async (rate) => {
    const { report } = await convertBytes(waveFile({ format: 's16', channels: 1, sampleRate: rate, samples: tone16(rate, rate) }));
    expect(report.output.samples).toBe(8000);
  });
});

describe('streaming', () => {
  it('converts 200 MB without holding it: memory does not grow with the input', async () => {
    const source = virtualToneWave(48000, 2, 1100); // 211 MB of 16-bit stereo
    // 18 minutes: past the platform's 2 MiB, so the limit is lifted, as a script converting long files must
    const conversion = await openConversion(source, { limitSamples: Infinity });
    const before = process.memoryUsage();
    let written = 0;
    let peakGrowth = 0;
    const report = await conversion.run({
      write(chunk) {
        written += chunk.length;
        const now = process.memoryUsage();
        peakGrowth = Math.max(peakGrowth, now.heapUsed + now.arrayBuffers - before.heapUsed - before.arrayBuffers);
      },
    });
    expect(written).toBe(report.output.bytes);
    expect(report.output.samples).toBe(1100 * 8000);
    expect(peakGrowth).toBeLessThan(40 * 1024 * 1024);
  });
});

describe('signal', () => {
  it('stops a conversion under way at its next block, with the signal\'s AbortError', async () => {
    const controller = new AbortController();
    const conversion = await openConversion(virtualToneWave(48000, 2, 120), { signal: controller.signal });
    let written = 0;
    const run = conversion.run({
      write(chunk) {
        written += chunk.length;
        controller.abort();
      },
    });
    await expect(run).rejects.toMatchObject({ name: 'AbortError' });
    expect(written).toBeLessThan(conversion.outputBytes / 10);
  });
});
