/**
 * Plain words for every warning a record can carry, in the page's two languages: what happened and whether a person
 * should listen, before any figure. One table serves the page and the review page; a code it does not know yet
 * (a newer voiceprep's) still gets words that send the person to listen, never silence.
 */

export type WordsLanguage = 'en' | 'zh-CN';

export interface WarningWording {
  en: string;
  zh: string;
  /** Whether a person should listen before uploading (a sound matter), or it is a harmless oddity of the file. */
  listen: boolean;
}

const HARMLESS: WarningWording = {
  en: 'A harmless oddity in how the file is stored: the platform plays it',
  zh: '文件存储格式有无害的小问题：平台可以正常播放',
  listen: false,
};

const DAMAGED: WarningWording = {
  en: 'Parts of the file were damaged and were skipped: listen to it',
  zh: '文件有损坏的部分，已跳过：请试听',
  listen: true,
};

export const WARNING_WORDS: Readonly<Record<string, WarningWording>> = {
  silent: { en: 'Silent: there is no speech in it', zh: '没有声音：听不到任何语音', listen: true },
  quiet: {
    en: 'Very quiet: callers may not hear it. Bring it to the speech level (-26 dBov), or record it again',
    zh: '音量很小：来电者可能听不清。请统一语音电平（-26 dBov），或重新录制',
    listen: true,
  },
  'no-speech': { en: 'No speech found to set its level by: it was left as it was', zh: '没有找到可测量电平的语音：音量未调整', listen: true },
  empty: { en: 'It holds no audio: the phone would play nothing', zh: '文件中没有音频：电话里什么也听不到', listen: true },
  clipped: { en: 'It clipped (distorted) in the conversion: normalize it', zh: '转换时削波失真：请使用音量标准化', listen: true },
  'clipped-source': {
    en: 'The recording had clipped (distorted) before it came here, which no conversion undoes: record it again if you can',
    zh: '原录音在转换前已削波失真，转换无法修复：如有可能请重新录制',
    listen: true,
  },
  clipping: { en: 'The recording clipped (distorted)', zh: '录音有削波失真', listen: true },
  'level-limited': {
    en: 'Its speech level could not be raised all the way: a click or a loud burst left no room without clipping',
    zh: '语音电平未能完全提高：有咔嗒声或突发的大音量，无法在不削波的情况下继续提高',
    listen: true,
  },
  'dc-offset': { en: 'The recording is off-centre (a DC offset): it may click when it starts and stops', zh: '录音有直流偏移：开始和结束时可能有咔嗒声', listen: true },
  hum: { en: 'A mains hum runs under the speech', zh: '语音下有交流电嗡嗡声', listen: true },
  uneven: { en: 'The loudness changes a lot within the prompt: some words are much louder than others', zh: '提示音内音量起伏很大：有些词比其他词响得多', listen: true },
  'leading-silence': { en: 'A long silence before the speech: callers wait for it', zh: '语音前有较长的静音：来电者需要等待', listen: true },
  'trailing-silence': { en: 'A long silence after the speech', zh: '语音后有较长的静音', listen: true },
  misnamed: { en: 'Its name says another format than its content (it was read by its content)', zh: '文件扩展名与实际格式不符（已按实际内容读取）', listen: false },
  'extra-chunk': HARMLESS,
  'no-fact': HARMLESS,
  'fmt-size': HARMLESS,
  'missing-pad': HARMLESS,
  'block-align': HARMLESS,
  'byte-rate': HARMLESS,
  'duplicate-chunk': HARMLESS,
  'trailing-bytes': HARMLESS,
  'riff-size': HARMLESS,
  'data-size-unset': HARMLESS,
  'too-many-chunks': HARMLESS,
  'partial-frame': DAMAGED,
  'data-truncated': DAMAGED,
  'chunk-truncated': DAMAGED,
  truncated: DAMAGED,
  junk: DAMAGED,
  'bad-block-header': DAMAGED,
  'frame-count': DAMAGED,
  'length-mismatch': DAMAGED,
};

/** For a code not in the table: a person is asked to listen, and the message is one click away. */
export const UNKNOWN_WARNING: WarningWording = {
  en: 'Something in it may need a listen (see the details)',
  zh: '有需要注意的地方，请试听（见详细信息）',
  listen: true,
};

export function warningWording(code: string): WarningWording {
  return Object.hasOwn(WARNING_WORDS, code) ? WARNING_WORDS[code] : UNKNOWN_WARNING;
}

export function wordsOf(wording: WarningWording, language: WordsLanguage): string {
  return language === 'zh-CN' ? wording.zh : wording.en;
}

/** Words for no speech at all, when the file's own level says so and no warning has yet. */
export const NO_SPEECH_HEARD: WarningWording = { en: 'No speech can be heard in it', zh: '听不到任何语音', listen: true };

/** The codes that already say a file has no speech (so the waveform's own finding is not said twice). */
const SAYS_NO_SPEECH = new Set(['silent', 'no-speech', 'empty']);

/**
 * What a person should know of a file's warnings, in words, without repeats and the harmless ones last: each once
 * (several header oddities are one sentence). `noSpeech`: the file's decoded level found no active speech.
 */
export function warningWordings(codes: readonly string[], noSpeech = false): WarningWording[] {
  const wordings = [...new Set(codes.map(warningWording))];
  if (noSpeech && !codes.some((code) => SAYS_NO_SPEECH.has(code))) wordings.unshift(NO_SPEECH_HEARD);
  return [...wordings.filter((wording) => wording.listen), ...wordings.filter((wording) => !wording.listen)];
}
