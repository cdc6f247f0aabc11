import { afterAll, describe, expect, it } from 'vitest';
import { resampleSignal } from './support/resample-signal.js';
import { linear16FromAlaw } from '../src/codecs/g711-expand.js';
import { alawFromLinear16 } from '../src/codecs/g711-alaw.js';
import { fitSine, levelDb, sinadDb, sine } from './support/tone-analysis.js';

/**
 * The quality bars, measured by the project's own analysis code on -6 dBFS tones of one second. The
 * first and last 1000 output samples are left out of the level measurements: they hold the tone's own start and
 * end, which no filter can make clean.
 */
const RATES = [8000, 11025, 16000, 22050, 32000, 44100, 48000, 96000, 192000];
const PASSBAND = [303, 997, 2999, 3401];
/** From just above 4 kHz, where a halfband final stage would fold tones back at -7 to -30 dB, up to 90 kHz. */
const STOPBAND = [4020, 4100, 4300, 4500, 5000, 7000, 10000, 11900, 12100, 15000, 20000, 30000, 45000, 90000];
const AMPLITUDE = 10 ** (-6 / 20);
const MEASURE_FROM = 1000;
const MEASURE_TO = 7000;

/** The worst figure of each kind per input rate, printed at the end for the record (the bars are asserted above). */
interface Figures {
  gainDb: number;
  delaySamples: number;
  /** 4020, 4100 and 4300 Hz: where a halfband's -6 dB point at 4 kHz would let tones fold back. */
  nearStopDb: number;
  stopbandDb: number;
  sinadDb: number;
  burstSamples: number;
}
const figures = new Map<number, Figures>();
function note(rate: number, kind: keyof Figures, value: number, worse: (a: number, b: number) => number = Math.max): void {
  const entry = figures.get(rate) ?? { gainDb: 0, delaySamples: 0, nearStopDb: -Infinity, stopbandDb: -Infinity, sinadDb: Infinity, burstSamples: 0 };
  entry[kind] = worse(entry[kind], value);
  figures.set(rate, entry);
}

afterAll(() => {
  const db = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');
  const rows = [...figures].sort(([a], [b]) => a - b).map(([rate, f]) =>
    [rate, f.gainDb.toFixed(4), f.delaySamples.toFixed(4), db(f.nearStopDb), db(f.stopbandDb), f.sinadDb.toFixed(2), f.burstSamples.toFixed(4)].join('\t'),
  );
  console.log(['rate\t|gain| dB\t|delay| smp\t4.0-4.3k dB\tstop dB\tSINAD A-law\t|burst| smp', ...rows].join('\n'));
});

const resample = (rate: number, input: Float32Array) => resampleSignal(rate, input);

/** What the platform will play: 16-bit rounding, A-law encoding, A-law decoding. */
function throughAlaw(signal: Float32Array): Float32Array {
  return signal.map((x) => linear16FromAlaw(alawFromLinear16(Math.max(-32768, Math.min(32767, Math.round(x * 32768))))) / 32768);
}

describe.each(RATES)('resampling %d Hz to 8000 Hz', (rate) => {
  it.each(PASSBAND)('passes %d Hz within 0.1 dB, with no delay', async (frequency) => {
    const out = await resample(rate, sine(frequency, rate, rate));
    const fit = fitSine(out, frequency, 8000, MEASURE_FROM, MEASURE_TO);
    const gainDb = Math.abs(20 * Math.log10(fit.amplitude / AMPLITUDE));
    expect(gainDb).toBeLessThan(0.1);
    // the input's phase is 0 at t = 0; any delay would show as a phase lag
    const delaySamples = (-fit.phase / (2 * Math.PI * frequency)) * 8000;
    expect(Math.abs(delaySamples)).toBeLessThan(0.25);
    note(rate, 'gainDb', gainDb);
    note(rate, 'delaySamples', Math.abs(delaySamples));
  });

  // 8000 Hz input has no tone above 4 kHz to remove.
  const stopband = STOPBAND.filter((frequency) => frequency < rate / 2);
  if (stopband.length > 0) {
    it.each(stopband)('removes a tone at %d Hz to -60 dB or below', async (frequency) => {
      const out = await resample(rate, sine(frequency, rate, rate));
      const level = levelDb(out, MEASURE_FROM, MEASURE_TO);
      expect(level).toBeLessThanOrEqual(-60);
      note(rate, frequency < 4500 ? 'nearStopDb' : 'stopbandDb', level);
    });
  }

  it('keeps SINAD of 997 Hz at 37.2 dB or more after A-law', async () => {
    const out = throughAlaw(await resample(rate, sine(997, rate, rate)));
    const sinad = sinadDb(fitSine(out, 997, 8000, MEASURE_FROM, MEASURE_TO));
    expect(sinad).toBeGreaterThanOrEqual(37.2);
    note(rate, 'sinadDb', sinad, Math.min);
  });

  it('lands a tone burst at the same instant', async () => {
    // a Hann-windowed 1 kHz burst centred at 0.5 s: its energy centroid must stay at 4000 samples
    const input = sine(1000, rate, rate).map((x, n) => {
      const t = n / rate - 0.5;
      return Math.abs(t) < 0.05 ? x * (0.5 + 0.5 * Math.cos((Math.PI * t) / 0.05)) : 0;
    });
    const out = await resample(rate, input);
    let energy = 0;
    let moment = 0;
    out.forEach((x, n) => {
      energy += x * x;
      moment += n * x * x;
    });
    expect(Math.abs(moment / energy - 4000)).toBeLessThan(0.25);
    note(rate, 'burstSamples', Math.abs(moment / energy - 4000));
  });
});
