#!/usr/bin/env node
// `node bench/sox-agreement.mjs` (after `npm run build`): whole conversions by voiceprep against sox's 16-bit
// conversion (`sox in.wav -b 16 -r 8000 out.wav`), on speech (espeak-ng), a linear chirp to the input's Nyquist
// frequency and white noise, at every input rate of issue 24. voiceprep's output is decoded as the platform plays it
// (sox reads the A-law file); the figure is the signal-to-difference ratio in dB, with sox's output as the signal.
// Issue 24's bar is 35 dB; A-law's own quantisation limits it to about 37-38 dB. Needs sox and espeak-ng.
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const root = new URL('..', import.meta.url).pathname;
const RATES = [8000, 11025, 16000, 22050, 24000, 32000, 37800, 44100, 48000, 88200, 96000];
const SECONDS = 4;
const SPEECH =
  'Thank you for calling. Please listen carefully, as our menu options have changed. For sales, press one. ' +
  'For customer service, press two. Sixty-six sisters sell seashells; please stay on the line.';
const work = mkdtempSync(join(tmpdir(), 'voiceprep-sox-agreement-'));
const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });

try {
  const speech22 = join(work, 'speech.wav');
  run('espeak-ng', ['-w', speech22, '-s', '150', SPEECH]);
  const makers = {
    speech: (rate, file) => run('sox', [speech22, '-r', String(rate), '-b', '16', file, 'rate', '-v', 'gain', '-1']),
    chirp: (rate, file) => writeFileSync(file, pcm16Wave(rate, chirp(rate))),
    noise: (rate, file) => writeFileSync(file, pcm16Wave(rate, noise(rate))),
  };
  console.log(`voiceprep (A-law, decoded) against sox's 16-bit conversion to 8000 Hz, in dB; bar 35\n`);
  console.log(['rate', ...Object.keys(makers)].map((x) => x.padStart(8)).join(''));
  for (const rate of RATES) {
    const row = [String(rate)];
    for (const make of Object.values(makers)) {
      const input = join(work, `in-${rate}.wav`);
      make(rate, input);
      const soxOut = join(work, 'sox.wav');
      run('sox', [input, '-b', '16', '-r', '8000', soxOut]);
      const outDir = join(work, 'out');
      rmSync(outDir, { recursive: true, force: true });
      run('node', [join(root, 'bin', 'voiceprep.js'), 'convert', '-q', '-o', outDir, input]);
      const decoded = join(work, 'ours.wav');
      run('sox', [join(outDir, readdirSync(outDir)[0]), '-b', '16', '-e', 'signed-integer', decoded]);
      row.push(agreementDb(samples(soxOut), samples(decoded)).toFixed(1));
    }
    console.log(row.map((x) => x.padStart(8)).join(''));
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}

function agreementDb(reference, ours) {
  if (Math.abs(reference.length - ours.length) > 1) throw new Error(`lengths differ: sox ${reference.length}, voiceprep ${ours.length}`);
  let signal = 0;
  let error = 0;
  for (let n = 0; n < Math.min(reference.length, ours.length); n++) {
    signal += reference[n] ** 2;
    error += (ours[n] - reference[n]) ** 2;
  }
  return 10 * Math.log10(signal / error);
}

/** A -6 dBFS linear chirp from 0 Hz to the input's Nyquist frequency. */
function chirp(rate) {
  const top = rate / 2;
  return Float64Array.from({ length: rate * SECONDS }, (_, n) => 0.5 * Math.sin((2 * Math.PI * top * (n / rate) ** 2) / (2 * SECONDS)));
}

/** White noise, uniform in +/-0.5, from a fixed seed. */
function noise(rate) {
  let state = rate;
  return Float64Array.from({ length: rate * SECONDS }, () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  });
}

function pcm16Wave(rate, signal) {
  const bytes = Buffer.alloc(44 + 2 * signal.length);
  bytes.write('RIFF', 0, 'ascii');
  bytes.writeUInt32LE(36 + 2 * signal.length, 4);
  bytes.write('WAVEfmt ', 8, 'ascii');
  bytes.writeUInt32LE(16, 16);
  bytes.writeUInt16LE(1, 20);
  bytes.writeUInt16LE(1, 22);
  bytes.writeUInt32LE(rate, 24);
  bytes.writeUInt32LE(rate * 2, 28);
  bytes.writeUInt16LE(2, 32);
  bytes.writeUInt16LE(16, 34);
  bytes.write('data', 36, 'ascii');
  bytes.writeUInt32LE(2 * signal.length, 40);
  signal.forEach((x, n) => bytes.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(x * 32767))), 44 + 2 * n));
  return bytes;
}

/** The samples of a 16-bit mono WAV (as sox writes it), scaled to +/-1. */
function samples(file) {
  const bytes = readFileSync(file);
  let at = 12;
  while (bytes.toString('ascii', at, at + 4) !== 'data') at += 8 + bytes.readUInt32LE(at + 4) + (bytes.readUInt32LE(at + 4) & 1);
  const count = Math.floor(Math.min(bytes.readUInt32LE(at + 4), bytes.length - at - 8) / 2);
  return Float64Array.from({ length: count }, (_, n) => bytes.readInt16LE(at + 8 + 2 * n) / 32768);
}
