#!/usr/bin/env node
// `npm run bench`: voiceprep measured side by side with sox on the same files in one run, printed as ratios.
// Speed targets live here, not in timed tests. sox is installed with apt-get if it is missing (as root).
import { execFileSync, spawnSync } from 'node:child_process';
import { closeSync, mkdirSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from 'node:fs';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { convertBytes } from '../dist/index.js';

const root = new URL('..', import.meta.url).pathname;
const work = join(root, 'bench', '.work');
const cli = join(root, 'bin', 'voiceprep.js');
const quick = process.argv.includes('--quick');
const RUNS = quick ? 3 : 9;

ensureSox();
rmSync(work, { recursive: true, force: true });
mkdirSync(work, { recursive: true });

const results = [];
const limits = [];
await inProcessVersusSox();
await wholeProcessVersusSox();
await batchVersusSoxLoop();
await checkThousandFiles();
await peakMemoryOnLongFile();
printTable();
rmSync(work, { recursive: true, force: true });

async function inProcessVersusSox() {
  const file = join(work, 'speechlike-30s-48k-stereo.wav');
  writeFileSync(file, pcm16Wave(48000, 2, 30));
  const bytes = readFileSync(file);
  const ours = await median(RUNS, () => timeAsync(() => convertBytes(bytes)));
  const sox = await median(RUNS, () => timeProcess('sox', [file, '-r', '8000', '-c', '1', '-e', 'a-law', join(work, 'sox-30.wav')]));
  results.push({ what: '30 s 48 kHz stereo 16-bit: voiceprep in-process vs sox whole process', ours, sox, bar: 1.0 });
}

async function wholeProcessVersusSox() {
  const file = join(work, 'long-300s-48k-stereo.wav');
  writeFileSync(file, pcm16Wave(48000, 2, 300));
  const out = join(work, 'out-300');
  const ours = await median(RUNS, () => {
    rmSync(out, { recursive: true, force: true });
    return timeProcess(process.execPath, [cli, 'convert', file, '-o', out, '--max-size', '100MB', '--quiet']);
  });
  const sox = await median(RUNS, () => timeProcess('sox', [file, '-r', '8000', '-c', '1', '-e', 'a-law', join(work, 'sox-300.wav')]));
  results.push({ what: '300 s 48 kHz stereo 16-bit: whole process, voiceprep vs sox', ours, sox, bar: 1.5 });
}

async function batchVersusSoxLoop() {
  const folder = join(work, 'batch');
  mkdirSync(folder);
  for (let i = 0; i < 40; i++) {
    const rate = i % 2 === 0 ? 44100 : 48000;
    writeFileSync(join(folder, `prompt-${String(i).padStart(2, '0')}-${rate}.wav`), pcm16Wave(rate, 2, 10, i));
  }
  const out = join(work, 'out-batch');
  const soxOut = join(work, 'sox-batch');
  const ours = await median(RUNS, () => {
    rmSync(out, { recursive: true, force: true });
    return timeProcess(process.execPath, [cli, 'convert', folder, '-o', out, '--quiet']);
  });
  const loop = `mkdir -p '${soxOut}'; for f in '${folder}'/*.wav; do sox "$f" -r 8000 -c 1 -e a-law "${soxOut}/$(basename "$f")"; done`;
  const sox = await median(RUNS, () => timeProcess('bash', ['-c', loop]));
  results.push({ what: '40 files x 10 s (44.1/48 kHz stereo): one voiceprep call vs a shell loop of sox', ours, sox, bar: 1.0 });
}

async function checkThousandFiles() {
  const folder = join(work, 'check-1000');
  mkdirSync(folder);
  const { bytes } = await convertBytes(pcm16Wave(8000, 1, 5));
  for (let i = 0; i < 1000; i++) writeFileSync(join(folder, `prompt_${String(i).padStart(4, '0')}.wav`), bytes);
  const ours = await median(RUNS, () => timeProcess(process.execPath, [cli, 'check', folder, '--quiet']));
  limits.push({ what: 'check 1000 files of 5 s, whole process', value: ours, unit: 'ms', bar: 1000 });
}

/** Converts a 600 MB file in a separate process and reads its peak resident memory, workers included. */
async function peakMemoryOnLongFile() {
  const file = join(work, 'long-600MB-48k-stereo.wav');
  const tenSeconds = pcm16Wave(48000, 2, 10);
  const block = tenSeconds.subarray(44);
  const repeats = Math.ceil((600 * 1024 * 1024) / block.length);
  const header = Buffer.from(tenSeconds.subarray(0, 44));
  header.writeUInt32LE(36 + block.length * repeats, 4);
  header.writeUInt32LE(block.length * repeats, 40);
  const fd = openSync(file, 'w');
  writeSync(fd, header);
  for (let i = 0; i < repeats; i++) writeSync(fd, block);
  closeSync(fd);
  const out = join(work, 'out-600');
  const start = performance.now();
  const run = spawnSync(process.execPath, ['--import', join(root, 'bench', 'report-peak-memory.mjs'), cli, 'convert', file, '-o', out, '--max-size', '200MB', '--quiet'], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const seconds = (performance.now() - start) / 1000;
  const match = /peak-rss-kb (\d+)/.exec(run.stderr.toString());
  if (run.status !== 0 || !match) throw new Error(`the 600 MB conversion failed: ${run.stderr}`);
  limits.push({ what: `convert one 600 MB WAV (55 min, 48 kHz stereo) in ${seconds.toFixed(1)} s: peak RSS`, value: Number(match[1]) / 1024, unit: 'MB', bar: 150 });
  rmSync(file);
}

function printTable() {
  const soxVersion = execFileSync('sox', ['--version']).toString().trim();
  console.log(`\nvoiceprep vs ${soxVersion}; median of ${RUNS} runs each; node ${process.version}\n`);
  console.log('ratio  bar    voiceprep      sox  what');
  for (const { what, ours, sox, bar } of results) {
    const ratio = ours / sox;
    const mark = ratio <= bar ? 'ok  ' : 'MISS';
    console.log(`${ratio.toFixed(2).padStart(5)}  <=${bar.toFixed(1)} ${mark} ${ms(ours)} ${ms(sox)}  ${what}`);
  }
  console.log('\nvalue        bar         what');
  for (const { what, value, unit, bar } of limits) {
    const mark = value <= bar ? 'ok  ' : 'MISS';
    console.log(`${value.toFixed(1).padStart(7)} ${unit.padEnd(3)} <=${String(bar).padEnd(5)} ${mark} ${what}`);
  }
}

function ms(value) {
  return `${value.toFixed(1).padStart(7)} ms`;
}

async function median(runs, measure) {
  for (let i = 0; i < 3; i++) await measure(); // warm-up: disk cache, JIT (a long-running upload script is warm too)
  const times = [];
  for (let i = 0; i < runs; i++) times.push(await measure());
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

function timeProcess(command, args) {
  const start = performance.now();
  const result = spawnSync(command, args, { stdio: ['ignore', 'ignore', 'pipe'] });
  const elapsed = performance.now() - start;
  if (result.status !== 0 && !(command === process.execPath && result.status === 1)) {
    throw new Error(`${command} ${args.join(' ')} failed: ${result.stderr}`);
  }
  return elapsed;
}

async function timeAsync(run) {
  const start = performance.now();
  await run();
  return performance.now() - start;
}

/** A speech-like test signal: a few drifting harmonics under a syllable-rate envelope, plus a little noise. */
function pcm16Wave(rate, channels, seconds, seed = 1) {
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

function ensureSox() {
  if (spawnSync('sox', ['--version']).status === 0) return;
  console.log('sox not found: installing it with apt-get (Debian package sox)');
  execFileSync('bash', ['-c', 'apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq sox'], { stdio: 'inherit' });
}
