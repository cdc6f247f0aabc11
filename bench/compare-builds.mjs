#!/usr/bin/env node
// `node bench/compare-builds.mjs <before> <after> [rounds]`: what a change costs, measured on a busy machine. Two
// built checkouts (each after `npm run build`) convert the same speech-like files in turns, so that both see the same
// load: the 300 s 48 kHz stereo file and the 40 files x 10 s of `npm run bench`, whole process (wall and CPU, median
// of `rounds`, 9 by default), and 30 s of 48 kHz stereo in process, warm (CPU). Prints after/before ratios.
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { middle, pcm16Wave, timeProcess } from './tools.mjs';
const [base, next, roundsArg = '9'] = process.argv.slice(2);
const rounds = Number(roundsArg);
const work = mkdtempSync(join(tmpdir(), 'voiceprep-compare-'));
mkdirSync(`${work}/batch`);
writeFileSync(`${work}/long.wav`, pcm16Wave(48000, 2, 300));
for (let i = 0; i < 40; i++) writeFileSync(`${work}/batch/f${i}.wav`, pcm16Wave(i % 2 ? 44100 : 48000, 2, 10, i + 2));
const results = { base: { long: [], batch: [] }, next: { long: [], batch: [] } };
for (let i = 0; i < rounds; i++) {
  for (const [name, root] of i % 2 ? [['next', next], ['base', base]] : [['base', base], ['next', next]]) {
    rmSync(`${work}/out`, { recursive: true, force: true });
    results[name].long.push(timeProcess(process.execPath, [`${root}/bin/voiceprep.js`, 'convert', '-q', '--max-size', '100MB', '-o', `${work}/out`, `${work}/long.wav`]));
    rmSync(`${work}/out`, { recursive: true, force: true });
    results[name].batch.push(timeProcess(process.execPath, [`${root}/bin/voiceprep.js`, 'convert', '-q', '-o', `${work}/out`, `${work}/batch`]));
  }
}
for (const what of ['long', 'batch']) {
  const b = results.base[what], n = results.next[what];
  const bw = middle(b.map((x) => x.wall)), nw = middle(n.map((x) => x.wall)), bc = middle(b.map((x) => x.cpu)), nc = middle(n.map((x) => x.cpu));
  console.log(`${what === 'long' ? '300 s 48 kHz stereo' : '40 files x 10 s'}: wall ${bw.toFixed(0)} -> ${nw.toFixed(0)} ms (${(nw / bw).toFixed(2)}x), CPU ${bc.toFixed(0)} -> ${nc.toFixed(0)} ms (${(nc / bc).toFixed(2)}x)`);
}
// In process, the two builds take turns too.
const converters = [];
for (const root of [base, next]) converters.push((await import(`${root}/dist/index.js`)).convertBytes);
const bytes = pcm16Wave(48000, 2, 30);
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
const inproc = inprocessTimes.map(middle);
console.log(`30 s 48 kHz stereo in-process, warm, CPU: ${inproc[0].toFixed(1)} -> ${inproc[1].toFixed(1)} ms (${(inproc[1] / inproc[0]).toFixed(2)}x)`);
rmSync(work, { recursive: true, force: true });
