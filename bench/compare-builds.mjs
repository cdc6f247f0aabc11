#!/usr/bin/env node
// `node bench/compare-builds.mjs <before> <after> [rounds]`: what a change costs, measured on a busy machine. Two
// built checkouts (each after `npm run build`) convert the same speech-like files in turns, so that both see the same
// load: the 300 s 48 kHz stereo file and the 40 files x 10 s of `npm run bench`, whole process (wall and CPU, median
// of `rounds`, 9 by default), and 30 s of 48 kHz stereo in process, warm (CPU). Prints after/before ratios.
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
const [base, next, roundsArg = '9'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const work = mkdtempSync(join(tmpdir(), 'voiceprep-compare-'));
mkdirSync(`${work}/batch`);
/** The bench's speech-like signal: drifting harmonics under a syllable-rate envelope, plus a little noise. */
function wave(rate, channels, seconds, seed = 1) {
  const frames = Math.round(rate * seconds);
  const data = Buffer.alloc(frames * channels * 2);
  let state = seed * 2654435761;
  const noise = () => {
    state = (state * 1664525 + 1013904223) >>> 0;
    return state / 2 ** 32 - 0.5;
  };
  for (let i = 0; i < frames; i++) {
    const t = i / rate;
    const pitch = 140 + 30 * Math.sin(2 * Math.PI * 0.7 * t);
    const envelope = 0.5 + 0.5 * Math.sin(2 * Math.PI * 4 * t);
    let value = 0;
    for (let h = 1; h <= 12; h++) value += Math.sin(2 * Math.PI * pitch * h * t) / h;
    value = 0.25 * envelope * value + 0.01 * noise();
    for (let c = 0; c < channels; c++) data.writeInt16LE(Math.max(-32768, Math.min(32767, Math.round(value * (c ? 0.8 : 1) * 32767))), (i * channels + c) * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(channels, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * channels * 2, 28);
  header.writeUInt16LE(channels * 2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  return Buffer.concat([header, data]);
}

writeFileSync(`${work}/long.wav`, wave(48000, 2, 300));
for (let i = 0; i < 40; i++) writeFileSync(`${work}/batch/f${i}.wav`, wave(i % 2 ? 44100 : 48000, 2, 10, i + 2));
function time(cmd) {
  const r = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time ${cmd} > /dev/null 2>/dev/null`], { stdio: ['ignore', 'ignore', 'pipe'] });
  const [real, user, sys] = r.stderr.toString().trim().split('\n').pop().split(' ').map(Number);
  return { wall: real * 1000, cpu: (user + sys) * 1000 };
}
const results = { base: { long: [], batch: [] }, next: { long: [], batch: [] } };
for (let i = 0; i < rounds; i++) {
  for (const [name, root] of i % 2 ? [['next', next], ['base', base]] : [['base', base], ['next', next]]) {
    rmSync(`${work}/out`, { recursive: true, force: true });
    results[name].long.push(time(`node ${root}/bin/voiceprep.js convert -q --max-size 100MB -o ${work}/out ${work}/long.wav`));
    rmSync(`${work}/out`, { recursive: true, force: true });
    results[name].batch.push(time(`node ${root}/bin/voiceprep.js convert -q -o ${work}/out ${work}/batch`));
  }
}
const median = (xs) => xs.slice().sort((a, b) => a - b)[Math.floor(xs.length / 2)];
for (const what of ['long', 'batch']) {
  const b = results.base[what], n = results.next[what];
  const bw = median(b.map((x) => x.wall)), nw = median(n.map((x) => x.wall)), bc = median(b.map((x) => x.cpu)), nc = median(n.map((x) => x.cpu));
  console.log(`${what === 'long' ? '300 s 48 kHz stereo' : '40 files x 10 s'}: wall ${bw.toFixed(0)} -> ${nw.toFixed(0)} ms (${(nw / bw).toFixed(2)}x), CPU ${bc.toFixed(0)} -> ${nc.toFixed(0)} ms (${(nc / bc).toFixed(2)}x)`);
}
// In process, the two builds take turns too.
const converters = [];
for (const root of [base, next]) converters.push((await import(`${root}/dist/index.js`)).convertBytes);
const bytes = wave(48000, 2, 30);
const inprocessTimes = [[], []];
for (const convert of converters) await convert(bytes);
for (let i = 0; i < 3 * rounds; i++) {
  for (const [k, convert] of converters.entries()) {
    const start = process.cpuUsage();
    await convert(bytes);
    const used = process.cpuUsage(start);
    inprocessTimes[k].push((used.user + used.system) / 1000);
  }
}
const inproc = inprocessTimes.map(median);
console.log(`30 s 48 kHz stereo in-process, warm, CPU: ${inproc[0].toFixed(1)} -> ${inproc[1].toFixed(1)} ms (${(inproc[1] / inproc[0]).toFixed(2)}x)`);
rmSync(work, { recursive: true, force: true });
