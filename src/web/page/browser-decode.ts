/**
 * M4A/MP4/3GP and ADTS AAC files, decoded by the browser's own decoder (Chrome, Edge and Safari have one; Chromium's
 * is FFmpeg's) into a 32-bit float WAV file at the file's own rate, before the converter sees them: the page carries
 * no AAC decoder of its own (it would weigh as much as all the others), and the converter then reads WAV. Anything
 * else, or what the browser cannot decode, goes to the converter as it is, which refuses AAC in words.
 */

/** The AAC sampling frequencies, by an ADTS header's index. */
const ADTS_RATES = [96000, 88200, 64000, 48000, 44100, 32000, 24000, 22050, 16000, 12000, 11025, 8000, 7350];

/** The WAV to convert in place of `bytes`, or null when they are not AAC or the browser cannot decode them. */
export async function decodedByBrowser(bytes: ArrayBuffer): Promise<ArrayBuffer | null> {
  const rate = aacRateOf(new Uint8Array(bytes));
  if (rate === null || typeof OfflineAudioContext === 'undefined') return null;
  try {
    // decodeAudioData hands back the context's rate: at the file's own, the browser does not resample.
    const audio = await new OfflineAudioContext(1, 1, rate).decodeAudioData(bytes.slice(0));
    return floatWave(audio);
  } catch {
    return null;
  }
}

/**
 * The rate of an MP4's AAC sample entry ('mp4a': its 16.16 rate 28 bytes after the type), or of an ADTS stream's
 * first header; null for anything else. The whole file is in memory: its index may be at its end.
 */
function aacRateOf(bytes: Uint8Array): number | null {
  if (bytes.length >= 8 && String.fromCharCode(...bytes.subarray(4, 8)) === 'ftyp') {
    for (let at = 8; at + 32 <= bytes.length; at++) {
      if (bytes[at] !== 0x6d || bytes[at + 1] !== 0x70 || bytes[at + 2] !== 0x34 || bytes[at + 3] !== 0x61) continue;
      const rate = (bytes[at + 28] << 8) | bytes[at + 29];
      if (rate >= 8000 && rate <= 96000) return rate;
    }
    return null;
  }
  if (bytes.length >= 7 && bytes[0] === 0xff && (bytes[1] & 0xf6) === 0xf0) return ADTS_RATES[(bytes[2] >> 2) & 0x0f] ?? null;
  return null;
}

/** A WAVE file of IEEE float samples (format tag 3), interleaved: what the converter reads as it is. */
function floatWave(audio: AudioBuffer): ArrayBuffer {
  const { numberOfChannels: channels, length: frames, sampleRate } = audio;
  const dataBytes = frames * channels * 4;
  const wave = new ArrayBuffer(44 + dataBytes);
  const view = new DataView(wave);
  const text = (at: number, value: string) => [...value].forEach((char, i) => view.setUint8(at + i, char.charCodeAt(0)));
  text(0, 'RIFF');
  view.setUint32(4, 36 + dataBytes, true);
  text(8, 'WAVEfmt ');
  view.setUint32(16, 16, true);
  view.setUint16(20, 3, true);
  view.setUint16(22, channels, true);
  view.setUint32(24, sampleRate, true);
  view.setUint32(28, sampleRate * channels * 4, true);
  view.setUint16(32, channels * 4, true);
  view.setUint16(34, 32, true);
  text(36, 'data');
  view.setUint32(40, dataBytes, true);
  const samples = new Float32Array(wave, 44);
  for (let channel = 0; channel < channels; channel++) {
    const data = audio.getChannelData(channel);
    for (let frame = 0; frame < frames; frame++) samples[frame * channels + channel] = data[frame];
  }
  return wave;
}
