import { afterAll, describe, expect, it } from 'vitest';
import { resampleSignal } from './support/resample-signal.js';
import { linear16FromAlaw } from '../src/codecs/g711-expand.js';
import { alawFromLinear16 } from '../src/codecs/g711-alaw.js';
import { fitSine, levelDb, rms, sinadDb, sine } from './support/tone-analysis.js';
import { FLAT_TO, STOP_EDGE } from '../src/resample/create-resampler.js';

/**
 * The issues' quality bars, measured by the project's own analysis code on -6 dBFS tones of one second, for both
 * output rates. The first and last eighth of the output are left out of the level measurements: they hold the
 * tone's own start and end, which no filter can make clean.
 */
interface Output {
  rate: number;
  /** Flat within 0.1 dB up to here (the promise is to 0.9375 of the band's edge: 3750 Hz at 8 kHz out). */
  passband: number[];
  /**
   * From the output's Nyquist frequency up: where nothing may fold back. The first four are the near ones; a tone at
   * exactly the Nyquist frequency is not among them, since sampled at the output's instants it is zero whatever the
   * filter does.
   */
  stopband: number[];
  /** What the platform plays, for SINAD: the output encoding, coded and decoded. */
  encode: (signal: Float32Array) => Float32Array;
  /** SINAD of a -6 dBFS 997 Hz tone through `encode`. */
  sinadDb: number;
}

const clip16 = (x: number) => Math.max(-32768, Math.min(32767, Math.round(x * 32768)));
const OUTPUTS: Output[] = [
  {
    rate: 8000,
    passband: [303, 997, 2999, 3401, 3600, 3700, 3750],
    stopband: [4005, 4020, 4100, 4300, 4500, 5000, 7000, 10000, 11900, 12100, 15000, 20000, 30000, 45000, 90000],
    // A-law's own quantisation sets the limit: the ideal is 37.3 dB
    encode: (signal) => signal.map((x) => linear16FromAlaw(alawFromLinear16(clip16(x))) / 32768),
    sinadDb: 37.2,
  },
  {
    rate: 16000,
    passband: [303, 997, 2999, 5001, 7001, 7401, 7500],
    stopband: [8010, 8020, 8100, 8300, 9000, 12000, 15900, 20000, 24100, 30000, 45000, 90000],
    // 16-bit PCM: a -6 dBFS sine's ideal is 92 dB
    encode: (signal) => signal.map((x) => clip16(x) / 32768),
    sinadDb: 90,
  },
];
const RATES = [8000, 11025, 16000, 22050, 24000, 32000, 37800, 44100, 48000, 88200, 96000, 192000];
const AMPLITUDE = 10 ** (-6 / 20);

/** The worst figure of each kind per output and input rate, printed at the end (the bars are asserted below). */
interface Figures {
  gainDb: number;
  delaySamples: number;
  nearStopDb: number;
  stopbandDb: number;
  imagesDb: number;
  sinadDb: number;
  burstSamples: number;
}
const figures = new Map<string, Figures>();
function note(key: string, kind: keyof Figures, value: number, worse: (a: number, b: number) => number = Math.max): void {
  const entry = figures.get(key) ?? { gainDb: 0, delaySamples: 0, nearStopDb: -Infinity, stopbandDb: -Infinity, imagesDb: -Infinity, sinadDb: Infinity, burstSamples: 0 };
  entry[kind] = worse(entry[kind], value);
  figures.set(key, entry);
}

/** Tones across the transition, 48 kHz in, level out relative to in (dB): issue 24's table, printed for the README. */
const bandRows: string[] = [];

afterAll(() => {
  console.log(bandRows.join('\n'));
  const db = (value: number) => (Number.isFinite(value) ? value.toFixed(1) : '-');
  const rows = [...figures].map(([key, f]) =>
    [key, f.gainDb.toFixed(4), f.delaySamples.toFixed(4), db(f.nearStopDb), db(f.stopbandDb), db(f.imagesDb), f.sinadDb.toFixed(2), f.burstSamples.toFixed(4)].join('\t'),
  );
  console.log(['in > out\t|gain| dB\t|delay| smp\tnear stop dB\tstop dB\timages dB\tSINAD\t|burst| smp', ...rows].join('\n'));
});

describe.each(OUTPUTS)('resampling to $rate Hz', (output) => {
  const outRate = output.rate;
  const from = outRate / 8;
  const to = outRate - from;
  describe.each(RATES)('from %d Hz', (rate) => {
    const key = `${rate} > ${outRate}`;
    const resample = (input: Float32Array) => resampleSignal(rate, input, [8192], outRate);
    // An input narrower than the output is flat to the same fraction of its own band's edge.
    const edge = Math.min(outRate, rate) / 2;
    const passband = output.passband.filter((frequency) => frequency <= FLAT_TO * edge);

    it.each(passband)('passes %d Hz within 0.1 dB, with no delay', async (frequency) => {
      const out = await resample(sine(frequency, rate, rate));
      const fit = fitSine(out, frequency, outRate, from, to);
      const gainDb = Math.abs(20 * Math.log10(fit.amplitude / AMPLITUDE));
      expect(gainDb).toBeLessThan(0.1);
      // the input's phase is 0 at t = 0; any delay would show as a phase lag
      const delaySamples = (-fit.phase / (2 * Math.PI * frequency)) * outRate;
      expect(Math.abs(delaySamples)).toBeLessThan(0.25);
      note(key, 'gainDb', gainDb);
      note(key, 'delaySamples', Math.abs(delaySamples));
    });

    // An input at or below the output rate has no tone at or above the output's Nyquist frequency to remove.
    const stopband = output.stopband.filter((frequency) => frequency < rate / 2);
    if (stopband.length > 0) {
      it.each(stopband)('removes a tone at %d Hz to -80 dB or below', async (frequency) => {
        const out = await resample(sine(frequency, rate, rate));
        const level = levelDb(out, from, to);
        expect(level).toBeLessThanOrEqual(-80);
        note(key, output.stopband.indexOf(frequency) < 4 ? 'nearStopDb' : 'stopbandDb', level);
      });
    }

    if (rate < outRate) {
      // Upsampling: a tone just below the input's Nyquist frequency has its image just above it, which must go.
      it('removes the image of a tone at the top of the input band to -80 dB or below', async () => {
        const frequency = Math.floor(FLAT_TO * edge);
        const out = await resample(sine(frequency, rate, rate));
        const fit = fitSine(out, frequency, outRate, from, to);
        const imagesDb = 20 * Math.log10(fit.residualRms * Math.SQRT2);
        expect(imagesDb).toBeLessThanOrEqual(-80);
        expect(rms(out, from, to)).toBeGreaterThan(0.3);
        note(key, 'imagesDb', imagesDb);
      });
    }

    it(`keeps SINAD of 997 Hz at ${output.sinadDb} dB or more after coding`, async () => {
      const out = output.encode(await resample(sine(997, rate, rate)));
      const sinad = sinadDb(fitSine(out, 997, outRate, from, to));
      expect(sinad).toBeGreaterThanOrEqual(output.sinadDb);
      note(key, 'sinadDb', sinad, Math.min);
    });

    it('lands a tone burst at the same instant', async () => {
      // a Hann-windowed 1 kHz burst centred at 0.5 s: its energy centroid must stay at half a second of output
      const input = sine(1000, rate, rate).map((x, n) => {
        const t = n / rate - 0.5;
        return Math.abs(t) < 0.05 ? x * (0.5 + 0.5 * Math.cos((Math.PI * t) / 0.05)) : 0;
      });
      const out = await resample(input);
      let energy = 0;
      let moment = 0;
      out.forEach((x, n) => {
        energy += x * x;
        moment += n * x * x;
      });
      expect(Math.abs(moment / energy - outRate / 2)).toBeLessThan(0.25);
      note(key, 'burstSamples', Math.abs(moment / energy - outRate / 2));
    });
  });
});

describe.each(OUTPUTS)('the transition band at $rate Hz out, from 48 kHz', (output) => {
  it('is flat to 0.9375 of the Nyquist frequency, falls steadily to the end of the transition, then stays 80 dB down', async () => {
    const nyquist = output.rate / 2;
    const fractions = [0.85, 0.875, 0.9, 0.9125, 0.925, 0.9375, 0.95, 0.9625, 0.975, 0.9875, 0.9975];
    const levels: number[] = [];
    for (const fraction of fractions) {
      const frequency = fraction * nyquist;
      const out = await resampleSignal(48000, sine(frequency, 48000, 48000), [8192], output.rate);
      const fit = fitSine(out, frequency, output.rate, output.rate / 8, (output.rate * 7) / 8);
      levels.push(20 * Math.log10(fit.amplitude / AMPLITUDE));
    }
    bandRows.push(`| ${output.rate} Hz out | ${fractions.map((f) => f * nyquist).join(' | ')} |`, `| level dB | ${levels.map((l) => l.toFixed(2)).join(' | ')} |`);
    levels.forEach((level, i) => {
      if (fractions[i] <= FLAT_TO) expect(Math.abs(level)).toBeLessThan(0.1);
      else if (fractions[i] <= STOP_EDGE) expect(level).toBeLessThan(levels[i - 1]);
      else expect(level).toBeLessThanOrEqual(-80);
    });
  });
});
