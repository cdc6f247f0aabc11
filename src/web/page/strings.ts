import type { ProblemCode } from '../../core.js';
import type { PageOptions } from '../prepared-file.js';

export type Language = 'en' | 'zh-CN';

/** How an option is shown: its label, a line that says when to use it, and for numbers the unit. */
export interface OptionText {
  label: string;
  hint: string;
  unit?: string;
}

/**
 * Every word the page shows, in one language. The two languages are two values of this one type, so a string added
 * to one and forgotten in the other does not compile.
 */
export interface Strings {
  /** The other language's name, in that language: the label of the switch. */
  otherLanguage: string;
  switchLanguage: string;
  title: string;
  intro: string;
  privacy: string;
  chooseFiles: string;
  chooseFolder: string;
  dropHint: string;
  dropHere: string;
  optionsHeading: string;
  options: Record<keyof PageOptions, OptionText>;
  optionsApply: string;
  resultsHeading: string;
  noFiles: string;
  columns: { input: string; output: string; listen: string; duration: string; size: string; verdict: string; save: string };
  progress: (done: number, total: number) => string;
  finished: (ready: number, failed: number) => string;
  waiting: string;
  converting: string;
  kept: string;
  converted: string;
  /** The verdict of a file that works but that a person should hear first (silent, quiet, clipped, ...). */
  keptListen: string;
  convertedListen: string;
  renamed: string;
  playOriginal: string;
  playConverted: string;
  playAll: string;
  cannotPlayOriginal: string;
  waveform: (seconds: string, level: string, clipped: number) => string;
  noSpeech: string;
  peak: (dbfs: string) => string;
  problems: Record<ProblemCode, (facts: ProblemFacts) => string>;
  trimmed: (fromSeconds: string, toSeconds: string) => string;
  clipped: (samples: number) => string;
  gain: (db: string) => string;
  level: (before: string, after: string) => string;
  details: string;
  save: string;
  saveOne: (name: string) => string;
  downloadAll: string;
  zipName: string;
  clear: string;
  seconds: (value: string) => string;
}

/** The numbers a problem's plain words may quote, already formatted. */
export interface ProblemFacts {
  /** What the file is ('MP4', 'AMR', ...), or words for an unknown kind. */
  format: string;
  seconds: string;
  fitSeconds: string;
  limit: string;
}

const en: Strings = {
  otherLanguage: '中文',
  switchLanguage: '切换到中文',
  title: 'Playback files for Huawei Cloud Voice Call',
  intro:
    'Turns your recordings into files the platform accepts: A-law, 8000 Hz, mono WAV, a name of letters, digits, ' +
    '"-", "_", "." and "@", and no larger than 2 MB. Files that already comply keep their sound exactly; at most their WAV layout is tidied.',
  privacy: 'Everything happens in this browser: no file leaves your computer, and this page makes no network request.',
  chooseFiles: 'Choose files',
  chooseFolder: 'Choose a folder',
  dropHint: 'or drop files and folders anywhere on this page. Folders are searched for audio files (WAV, AIFF, AU, CAF, MP3, FLAC, Ogg, Opus, M4A, AAC, VOX).',
  dropHere: 'Drop to add these files',
  optionsHeading: 'Options',
  options: {
    target: { label: 'Platform', hint: 'Where the prompts will be played: it decides the encoding, the sample rate, the names and the size limit.' },
    maxBytes: { label: 'Size limit', unit: 'MB', hint: "The largest file, set to the platform's limit when you choose one (Huawei: 2 MB; 1 MB = 1,048,576 bytes)." },
    trim: { label: 'Trim to fit', hint: 'Cut a recording too long for the size limit, with a short fade-out.' },
    normalize: { label: 'Normalize', hint: 'Make each converted file as loud as it can be without clipping (peak at -1 dBFS).' },
    level: {
      label: 'Match speech levels (-26 dBov)',
      hint: 'Bring every prompt to the same speech level (ITU-T P.56), so that prompts played one after another sound equally loud. Never clips.',
    },
    trimSilence: { label: 'Trim silence', hint: 'Cut silence at the start and end, keeping 0.1 s before the speech and 0.2 s after it.' },
    even: {
      label: 'Even out loud and quiet parts',
      hint: 'Bring quiet words up and loud ones down inside each prompt, gently, so that callers hear every part. Pauses stay quiet; never clips.',
    },
    highpass: { label: 'Remove rumble and hum', hint: 'Take out the low rumble, mains hum and offset below 100 Hz that home and office recordings pick up. The voice is not touched.' },
    padStartMs: { label: 'Silence before', unit: 's', hint: 'Add this much silence at the start (after trimming), so the first word is not lost while the call connects: 0.5 s is the usual advice.' },
    padEndMs: { label: 'Silence after', unit: 's', hint: 'Add this much silence at the end. Silence counts in the size limit too.' },
    voxRate: {
      label: 'Sample rate of .vox files',
      unit: 'Hz',
      hint: 'Dialogic .vox files have no header to say their rate: 8000 Hz unless you know otherwise (6000 Hz is the other common one).',
    },
  },
  optionsApply: 'Changing an option converts every file again.',
  resultsHeading: 'Files',
  noFiles: 'No files yet.',
  columns: { input: 'File', output: 'Playback file name', listen: 'Listen', duration: 'Duration', size: 'Size', verdict: 'Result', save: 'Save' },
  progress: (done, total) => `${done} of ${total} files done`,
  finished: (ready, failed) =>
    `${ready} ${ready === 1 ? 'file' : 'files'} ready` + (failed ? `, ${failed} with a problem (see the table)` : ''),
  waiting: 'Waiting',
  converting: 'Converting…',
  kept: 'Already compliant: kept as it is',
  converted: 'Converted',
  keptListen: 'Already compliant, but listen to it first:',
  convertedListen: 'Converted, but listen to it first:',
  renamed: 'renamed for the platform',
  playOriginal: 'Play original',
  playConverted: 'Play converted',
  playAll: 'Play all',
  cannotPlayOriginal: 'This browser cannot play the original file (the converted one plays).',
  waveform: (seconds, level, clipped) => `Waveform of the playback file: ${seconds}, speech level ${level}${clipped ? `, clipped in ${clipped} places` : ''}. Click to play from a point.`,
  noSpeech: 'no speech',
  peak: (dbfs) => `Peak ${dbfs}`,
  problems: {
    name: () => 'Its name is not allowed',
    'not-wav': () => 'Not an audio file this page can read',
    malformed: () => 'The file is damaged',
    container: () => 'An RF64/BW64 file, not a plain WAV file',
    encoding: () => 'Not in the encoding the platform plays (see Details)',
    'sample-rate': () => "Not at the platform's sample rate (see Details)",
    channels: () => 'Not mono',
    size: ({ seconds, fitSeconds, limit }) =>
      `Too long: ${seconds} of audio, and ${limit} holds ${fitSeconds}. Tick "Trim to fit", or split the recording.`,
    length: () => "Longer than the platform's longest prompt",
    'not-found': () => 'The file was not found',
    unreadable: () => 'The file could not be read',
    unsupported: ({ format }) =>
      `This kind of file (${format}) cannot be read here. Open it in the program that made it, save or export it as WAV or MP3, and add that file. (Details has a command that converts it.)`,
    level: () => 'Its speech level is off the target',
    clipping: () => 'The recording clipped',
    exists: () => 'Another file has this name',
    'write-failed': () => 'The playback file could not be written',
    // the command line's alone (the page has no folders); the type asks every code for its words
    'inside-output': () => 'It is inside the output folder: not converted',
    interrupted: () => 'Stopped before it was finished',
    leftover: () => 'A temp file of an interrupted conversion: delete it',
  },
  trimmed: (from, to) => `Cut from ${from} to ${to} to fit the size limit`,
  clipped: (samples) => `It clipped (distorted) in the conversion (${samples} samples): tick "Normalize"`,
  gain: (db) => `Level changed by ${db} dB`,
  level: (before, after) => `Speech level ${before} -> ${after} dBov`,
  details: 'Details',
  save: 'Save',
  saveOne: (name) => `Save ${name}`,
  downloadAll: 'Download all (.zip)',
  zipName: 'playback-files.zip',
  clear: 'Clear the list',
  seconds: (value) => `${value} s`,
};

const zh: Strings = {
  otherLanguage: 'English',
  switchLanguage: 'Switch to English',
  title: '华为云语音通话放音文件转换',
  intro:
    '把录音转换为平台接受的放音文件：A-Law 编码、8000 Hz 采样、单声道的 Wave 文件，文件名只含数字、字母和' +
    '特殊字符“-”、“_”、“.”、“@”，大小不超过 2M。已符合要求的文件声音原样保留，最多只整理其 WAV 文件结构。',
  privacy: '所有处理都在本浏览器中完成：文件不会离开您的电脑，本页面不发出任何网络请求。',
  chooseFiles: '选择文件',
  chooseFolder: '选择文件夹',
  dropHint: '也可以把文件或文件夹拖放到本页面任意位置。文件夹中查找音频文件（WAV、AIFF、AU、CAF、MP3、FLAC、Ogg、Opus、M4A、AAC、VOX）。',
  dropHere: '松开鼠标即可添加这些文件',
  optionsHeading: '选项',
  options: {
    target: { label: '平台', hint: '放音文件要在哪个平台播放：决定编码、采样率、文件名规则和大小上限。' },
    maxBytes: { label: '大小上限', unit: 'MB', hint: '文件的最大大小，选择平台时设为该平台的上限（华为语音通话：2M；1 MB = 1,048,576 字节）。' },
    trim: { label: '截短以符合大小上限', hint: '录音过长、超过大小上限时截去超出部分，结尾淡出。' },
    normalize: { label: '音量标准化', hint: '把每个转换的文件调到不削波的最大音量（峰值 -1 dBFS）。' },
    level: {
      label: '统一语音电平（-26 dBov）',
      hint: '按 ITU-T P.56 把每段提示音调到相同的语音电平，连续播放时音量一致。不会削波。',
    },
    trimSilence: { label: '去除首尾静音', hint: '剪去开头和结尾的静音，保留语音前 0.1 秒、语音后 0.2 秒。' },
    even: { label: '均衡音量起伏', hint: '在每段提示音内部平缓地提升轻声、压低大声，让来电者听清每一部分。停顿保持安静，不会削波。' },
    highpass: { label: '去除低频噪声和交流声', hint: '去掉家庭和办公室录音中 100 Hz 以下的低频隆隆声、电源交流声和直流偏移，不影响人声。' },
    padStartMs: { label: '开头静音', unit: '秒', hint: '在开头（去除静音之后）加入这么长的静音，避免通话接通时丢掉第一个字：通常建议 0.5 秒。' },
    padEndMs: { label: '结尾静音', unit: '秒', hint: '在结尾加入这么长的静音。静音也计入大小上限。' },
    voxRate: {
      label: '.vox 文件的采样率',
      unit: 'Hz',
      hint: 'Dialogic .vox 文件没有文件头，无法得知采样率：默认 8000 Hz，另一常见值为 6000 Hz。',
    },
  },
  optionsApply: '更改选项后，所有文件会重新转换。',
  resultsHeading: '文件',
  noFiles: '尚未添加文件。',
  columns: { input: '文件', output: '放音文件名', listen: '试听', duration: '时长', size: '大小', verdict: '结果', save: '保存' },
  progress: (done, total) => `已完成 ${done} / ${total} 个文件`,
  finished: (ready, failed) => `${ready} 个文件已就绪` + (failed ? `，${failed} 个文件有问题（见下表）` : ''),
  waiting: '等待中',
  converting: '正在转换…',
  kept: '已符合要求，原样保留',
  converted: '已转换',
  keptListen: '已符合要求，但请先试听：',
  convertedListen: '已转换，但请先试听：',
  renamed: '已按平台要求重命名',
  playOriginal: '播放原文件',
  playConverted: '播放转换后',
  playAll: '全部播放',
  cannotPlayOriginal: '本浏览器无法播放原文件（转换后的文件可以播放）。',
  waveform: (seconds, level, clipped) => `放音文件的波形：${seconds}，语音电平 ${level}${clipped ? `，${clipped} 处削波` : ''}。点击可从该处开始播放。`,
  noSpeech: '无语音',
  peak: (dbfs) => `峰值 ${dbfs}`,
  problems: {
    name: () => '文件名不符合要求',
    'not-wav': () => '不是本页面能读取的音频文件',
    malformed: () => '文件已损坏',
    container: () => '是 RF64/BW64 文件，不是普通的 Wave 文件',
    encoding: () => '编码不是平台要求的格式（见详细信息）',
    'sample-rate': () => '采样率不是平台要求的（见详细信息）',
    channels: () => '不是单声道',
    size: ({ seconds, fitSeconds, limit }) =>
      `时长过长：音频共 ${seconds}，${limit} 只能容纳 ${fitSeconds}。请勾选“截短以符合大小上限”，或把录音拆分。`,
    length: () => '时长超过平台允许的最长提示音',
    'not-found': () => '找不到该文件',
    unreadable: () => '无法读取该文件',
    unsupported: ({ format }) => `本页面无法读取这类文件（${format}）。请用制作它的软件另存为或导出为 WAV 或 MP3，再添加该文件。（详细信息中有转换命令。）`,
    level: () => '语音电平偏离目标值',
    clipping: () => '录音有削波失真',
    exists: () => '已有同名文件',
    'write-failed': () => '无法写入放音文件',
    'inside-output': () => '位于输出文件夹内，未转换',
    interrupted: () => '转换未完成即被中止',
    leftover: () => '中断的转换留下的临时文件：请删除',
  },
  trimmed: (from, to) => `已从 ${from} 截短为 ${to}，以符合大小上限`,
  clipped: (samples) => `转换时削波失真（${samples} 个采样点）：请勾选“音量标准化”`,
  gain: (db) => `音量调整 ${db} dB`,
  level: (before, after) => `语音电平 ${before} -> ${after} dBov`,
  details: '详细信息',
  save: '保存',
  saveOne: (name) => `保存 ${name}`,
  downloadAll: '全部下载（.zip）',
  zipName: '放音文件.zip',
  clear: '清空列表',
  seconds: (value) => `${value} 秒`,
};

export const STRINGS: Record<Language, Strings> = { en, 'zh-CN': zh };

/** The browser's first choice among the page's languages: Chinese for any zh-* locale; English otherwise. */
export function preferredLanguage(languages: readonly string[]): Language {
  const known = languages.map((tag) => tag.toLowerCase()).find((tag) => tag.startsWith('zh') || tag.startsWith('en'));
  return known?.startsWith('zh') ? 'zh-CN' : 'en';
}
