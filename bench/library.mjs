// Issue 24's prompt library: 100 speech-like files, 3,200 s in all, as a team hands them over (55 % MP3 128 kbps
// stereo, 30 % WAV 48 kHz stereo, 10 % FLAC, 5 % 16 kHz mono WAV), converted by one `voiceprep convert` and by
// `xargs -P<cores>` loops of sox and of ffmpeg, in paired runs; then the MP3 part alone against sox.
import { execFileSync } from 'node:child_process';
import { linkSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import { availableParallelism } from 'node:os';
import { join } from 'node:path';
import { modelSchedule } from './schedule.mjs';
import { middle, speechSamples, timeProcess, waveFile } from './tools.mjs';

const FILES = 100;
const TOTAL_SECONDS = 3200;
/** Of every 20 files: 11 MP3, 6 WAV 48 kHz stereo, 2 FLAC (44.1 kHz stereo), 1 WAV 16 kHz mono. */
const KINDS = [...Array(11).fill('mp3'), ...Array(6).fill('wav48'), 'flac', 'flac', 'wav16'];
/** The longest file is about 55 s: each file is a stretch of a master this long, from its own offset. */
const MASTER_SECONDS = 60;
const PAIRED_RUNS = 3;

/** sox's and ffmpeg's words for the profile's encoding (the bench converts to the default profile). */
const SOX_ENCODING = { alaw: ['-e', 'a-law'] };
const FFMPEG_CODEC = { alaw: 'pcm_alaw' };

/**
 * Builds the library under `work` and measures it. `profile` is the one voiceprep converts to by default; `cli` its
 * bin. Returns rows for the bench's ratio table.
 */
export async function promptLibrary({ work, cli, profile }) {
  const cores = availableParallelism();
  const { all, mp3, seconds, mp3Seconds } = makeLibrary(join(work, 'library'));
  const rate = String(profile.sampleRate);
  const sox = (input, output) => ['sox', input, '-r', rate, '-c', '1', ...SOX_ENCODING[profile.encoding], output];
  const ffmpeg = (input, output) => ['ffmpeg', '-nostdin', '-v', 'error', '-y', '-i', input, '-ar', rate, '-ac', '1', '-c:a', FFMPEG_CODEC[profile.encoding], output];
  const rows = [];
  for (const [folder, name, total] of [
    [all, `${FILES} files, ${Math.round(seconds)} s (55 % MP3, 30 % WAV 48k stereo, 10 % FLAC, 5 % WAV 16k mono)`, seconds],
    [mp3, `  its MP3 part alone (${Math.round(mp3Seconds)} s)`, mp3Seconds],
  ]) {
    const out = join(work, 'library-out');
    const runs = { ours: [], sox: [], ffmpeg: [] };
    for (let run = 0; run < PAIRED_RUNS; run++) {
      rmSync(out, { recursive: true, force: true });
      runs.ours.push(timeProcess(process.execPath, [cli, 'convert', folder, '-o', out, '--quiet']));
      runs.sox.push(timeLoop(folder, out, cores, sox));
      // ffmpeg is 1.5-2x slower than either: timed on the whole library only, to keep the bench's run short
      if (folder === all) runs.ffmpeg.push(timeLoop(folder, out, cores, ffmpeg));
    }
    for (const who of folder === all ? ['sox', 'ffmpeg'] : ['sox']) {
      const bars = who === 'sox' ? { wall: 0.7, cpu: 0.8 } : { wall: null, cpu: null };
      for (const measure of ['wall', 'cpu']) {
        rows.push({
          what: `${measure === 'wall' ? name : '  the same'}: ${measure === 'wall' ? 'wall' : 'CPU'}, vs xargs -P${cores} ${who}`,
          // the median of the paired runs' ratios; the times shown are the medians of each side
          ratio: middle(runs.ours.map((ours, i) => ours[measure] / runs[who][i][measure])),
          ours: middle(runs.ours.map((r) => r[measure])),
          theirs: middle(runs[who].map((r) => r[measure])),
          bar: bars[measure],
          who,
        });
      }
    }
    const perCore = middle(runs.ours.map((r) => r.cpu / r.wall));
    rows.push({ what: `  voiceprep kept ${perCore.toFixed(2)} of ${cores} cores busy; ${(total / (middle(runs.ours.map((r) => r.wall)) / 1000)).toFixed(0)}x real time`, note: true });
  }
  const model = await modelSchedule(all, cores);
  rows.push({
    what: `modelled from each file's CPU cost: ${cores} threads end ${pct(model.now)} over an even split (listing order with hand-overs: ${pct(model.before)})`,
    note: true,
  });
  rmSync(join(work, 'library'), { recursive: true, force: true });
  rmSync(join(work, 'library-out'), { recursive: true, force: true });
  return rows;
}

function pct(ratio) {
  return `${((ratio - 1) * 100).toFixed(1)} %`;
}

/** Every file of `folder` converted by `command(input, output)`, `cores` at a time, as `find | xargs -P` would. */
function timeLoop(folder, out, cores, command) {
  rmSync(out, { recursive: true, force: true });
  mkdirSync(out);
  const [tool, ...args] = command('{}', `${out}/{}.wav`);
  const quoted = [tool, ...args].map((word) => `'${word}'`).join(' ');
  return timeProcess('bash', ['-c', `cd '${folder}' && ls | xargs -P${cores} -I{} ${quoted}`]);
}

/** The library's files (and hard links to its MP3s in a folder of their own), and their lengths in seconds. */
export function makeLibrary(root) {
  rmSync(root, { recursive: true, force: true });
  const all = join(root, 'all');
  const mp3 = join(root, 'mp3');
  const staging = join(root, 'staging');
  for (const folder of [all, mp3, staging]) mkdirSync(folder, { recursive: true });
  const masters = {
    44100: speechSamples(44100, 2, MASTER_SECONDS, 7),
    48000: speechSamples(48000, 2, MASTER_SECONDS, 8),
    16000: speechSamples(16000, 1, MASTER_SECONDS, 9),
  };
  // lengths spread evenly over 10-60 s in a scrambled order, scaled to the total
  const raw = Array.from({ length: FILES }, (_, i) => 10 + 50 * ((i * 0.6180339887) % 1));
  const scale = TOTAL_SECONDS / raw.reduce((a, b) => a + b, 0);
  const encode = [];
  let seconds = 0;
  let mp3Seconds = 0;
  for (let i = 0; i < FILES; i++) {
    const length = Math.round(raw[i] * scale * 10) / 10;
    const kind = KINDS[i % KINDS.length];
    const [rate, channels] = kind === 'wav48' ? [48000, 2] : kind === 'wav16' ? [16000, 1] : [44100, 2];
    const name = `prompt-${String(i).padStart(3, '0')}`;
    const wave = waveFile(rate, channels, stretch(masters[rate], channels, rate, length, (i * 7.3) % MASTER_SECONDS));
    seconds += length;
    if (kind === 'mp3') mp3Seconds += length;
    if (kind === 'wav48' || kind === 'wav16') {
      writeFileSync(join(all, `${name}.wav`), wave);
      continue;
    }
    writeFileSync(join(staging, `${name}.wav`), wave);
    const codec = kind === 'mp3' ? ['-c:a', 'libmp3lame', '-b:a', '128k'] : ['-c:a', 'flac', '-compression_level', '5'];
    encode.push(['-nostdin', '-v', 'error', '-y', '-i', join(staging, `${name}.wav`), ...codec, join(all, `${name}.${kind}`)]);
  }
  const list = join(root, 'encode.txt');
  writeFileSync(list, encode.map((args) => args.join('\t')).join('\n'));
  execFileSync('bash', ['-c', `tr '\\n\\t' '\\0\\0' < '${list}' | xargs -0 -n ${encode[0].length} -P${availableParallelism()} ffmpeg`]);
  for (let i = 0; i < FILES; i++) {
    const name = `prompt-${String(i).padStart(3, '0')}.mp3`;
    if (KINDS[i % KINDS.length] === 'mp3') linkSync(join(all, name), join(mp3, name));
  }
  rmSync(staging, { recursive: true, force: true });
  rmSync(list);
  return { all, mp3, seconds, mp3Seconds };
}

/** `seconds` of the master's interleaved samples from `offset` s on, wrapping round at its end. */
function stretch(master, channels, rate, seconds, offset) {
  const frameBytes = 2 * channels;
  const from = Math.round(offset * rate) * frameBytes;
  let bytes = Math.round(seconds * rate) * frameBytes;
  const parts = [];
  for (let at = from; bytes > 0; at = 0) {
    const part = master.subarray(at, Math.min(master.length, at + bytes));
    parts.push(part);
    bytes -= part.length;
  }
  return Buffer.concat(parts);
}
