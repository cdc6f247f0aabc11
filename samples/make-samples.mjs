#!/usr/bin/env node
// Makes the bundled samples: small, realistic inputs that show what voiceprep handles. Run from the repository
// root with `npm run samples`. Needs espeak-ng (speech), sox and ffmpeg (formats) on the PATH; only the developer who
// refreshes the samples needs them, not users or CI, since the results are committed (under 1 MB together).
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const here = new URL('.', import.meta.url).pathname;
const work = mkdtempSync(join(tmpdir(), 'voiceprep-samples-'));
const run = (command, args) => execFileSync(command, args, { stdio: ['ignore', 'ignore', 'inherit'] });
const speak = (voice, text, file) => run('espeak-ng', ['-v', voice, '-s', '165', '-w', join(work, file), text]);

try {
  // A studio prompt as voice actors deliver it: 44.1 kHz stereo 16-bit, the voice a little left of centre.
  speak('en-us', 'Welcome. Please hold.', 'welcome.wav');
  run('sox', [join(work, 'welcome.wav'), '-r', '44100', '-b', '16', join(here, 'welcome-stereo-44k.wav'),
    'remix', '1v0.9', '1v0.7', 'rate', '-v', 'gain', '-3']);

  // A 48 kHz 24-bit mono recording, as a DAW exports it.
  speak('en-gb', 'Your call is important to us.', 'important.wav');
  run('sox', [join(work, 'important.wav'), '-r', '48000', '-b', '24', join(here, 'important-48k-24bit.wav'),
    'rate', '-v', 'gain', '-2']);

  // A Chinese prompt with a Chinese file name: the platform only accepts [0-9A-Za-z._@-], so it must be renamed.
  speak('cmn', '欢迎致电，请稍候。', 'chinese.wav');
  run('sox', [join(work, 'chinese.wav'), '-r', '16000', '-b', '16', join(here, '欢迎致电.wav'), 'rate', '-v']);

  // Already compliant (A-law, 8000 Hz, mono, canonical layout): voiceprep copies it unchanged.
  speak('en-us', 'Goodbye.', 'goodbye.wav');
  run('sox', [join(work, 'goodbye.wav'), '-r', '8000', '-c', '1', '-e', 'a-law', join(here, 'wait_voice1.wav'),
    'rate', '-v']);

  // An old IVR prompt: 8 kHz mu-law, with spaces and brackets in its name.
  speak('en-us', 'Press one for sales.', 'menu.wav');
  run('sox', [join(work, 'menu.wav'), '-r', '8000', '-c', '1', '-e', 'mu-law', join(here, 'IVR menu (old).wav'),
    'rate', '-v']);

  // What a TTS service or a voice talent sends: a 44.1 kHz mono MP3 at 64 kbps, with its LAME gapless header.
  speak('en-us', 'Thank you for calling.', 'thanks.wav');
  run('sox', [join(work, 'thanks.wav'), '-r', '44100', join(work, 'thanks-44k.wav'), 'rate', '-v', 'gain', '-3']);
  run('ffmpeg', ['-v', 'error', '-y', '-i', join(work, 'thanks-44k.wav'), '-c:a', 'libmp3lame', '-b:a', '64k', join(here, 'thanks.mp3')]);

  // A prompt from an old Dialogic IVR: headerless 4-bit OKI ADPCM at 8000 Hz, known by its .vox name alone.
  speak('en-us', 'Press two for support.', 'support.wav');
  run('sox', [join(work, 'support.wav'), '-r', '8000', '-c', '1', '-t', 'vox', join(here, 'press-two.vox'), 'rate', '-v']);
} finally {
  rmSync(work, { recursive: true, force: true });
}

const made = ['welcome-stereo-44k.wav', 'important-48k-24bit.wav', '欢迎致电.wav', 'wait_voice1.wav', 'IVR menu (old).wav', 'thanks.mp3', 'press-two.vox'];
for (const name of made) {
  console.log(`${statSync(join(here, name)).size.toString().padStart(8)}  samples/${name}`);
}
