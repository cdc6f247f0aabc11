// What the bench's sections share: timing a whole process, medians, and the speech-like test signal.
import { execFileSync, spawnSync } from 'node:child_process';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';

/** The median of `runs` measurements after `warmups` (disk cache, JIT: a long-running upload script is warm too). */
export async function median(runs, measure, warmups = 3) {
  for (let i = 0; i < warmups; i++) await measure();
  const results = [];
  for (let i = 0; i < runs; i++) results.push(await measure());
  if (typeof results[0] === 'number') return middle(results);
  return { wall: middle(results.map((r) => r.wall)), cpu: middle(results.map((r) => r.cpu)) };
}

export function middle(values) {
  return values.slice().sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

/**
 * Wall and CPU time (user + sys of the process and everything it started) of one command, in ms, through bash's
 * `time`. A voiceprep run that exits 1 (a file failed) still counts; anything else that fails stops the bench.
 */
export function timeProcess(command, args) {
  const quoted = [command, ...args].map((word) => `'${word.replace(/'/g, `'\\''`)}'`).join(' ');
  const result = spawnSync('bash', ['-c', `TIMEFORMAT='%R %U %S'; time ${quoted} > /dev/null 2>/tmp/voiceprep-bench-stderr`], {
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  const [real, user, sys] = result.stderr.toString().trim().split('\n').pop().split(' ').map(Number);
  const failed = result.status !== 0 && !(command === process.execPath && result.status === 1);
  if (failed || !Number.isFinite(real)) throw new Error(`${command} ${args.join(' ')} failed: ${readFileSync('/tmp/voiceprep-bench-stderr', 'utf8')}`);
  return { wall: real * 1000, cpu: (user + sys) * 1000 };
}

/**
 * A speech-like test signal as interleaved 16-bit samples: a few drifting harmonics under a syllable-rate envelope,
 * plus a little noise; the second channel is the first at 0.8.
 */
export function speechSamples(rate, channels, seconds, seed = 1) {
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
  return data;
}

/** A 16-bit PCM WAVE file around `data` (interleaved samples). */
export function waveFile(rate, channels, data) {
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

export function pcm16Wave(rate, channels, seconds, seed = 1) {
  return waveFile(rate, channels, speechSamples(rate, channels, seconds, seed));
}

export function ms(value) {
  return `${value.toFixed(1).padStart(7)} ms`;
}

/** `seconds` of the speech-like signal at 44.1 kHz stereo, encoded by ffmpeg with `codec` (its -c:a and options) into `path`. */
export function encodedSpeech(path, seconds, codec) {
  const wav = `${path}.wav`;
  writeFileSync(wav, pcm16Wave(44100, 2, seconds));
  execFileSync('ffmpeg', ['-v', 'error', '-y', '-i', wav, '-c:a', ...codec, path]);
  rmSync(wav);
  return path;
}
