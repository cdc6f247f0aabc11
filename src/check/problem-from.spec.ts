import { describe, expect, it } from 'vitest';
import { VoiceprepError } from '../errors.js';
import { blankRecord, failedRecord } from './file-record.js';
import { CHECK_WORDS, problemFrom } from './problem-from.js';

const errno = (code: string, message = code) => Object.assign(new Error(message), { code });

describe('problemFrom', () => {
  it('tells an expected failure by its code, in its own words', () => {
    expect(problemFrom(new VoiceprepError('malformed', 'no data chunk'))).toEqual({ code: 'malformed', message: 'no data chunk' });
    expect(problemFrom(new VoiceprepError('io', 'the file could not be read: EIO'))).toEqual({ code: 'unreadable', message: 'the file could not be read: EIO' });
    expect(problemFrom(new VoiceprepError('too-long', '300.0 s of audio'))).toEqual({ code: 'size', message: '300.0 s of audio' });
  });

  it("tells Node's errors about a file by theirs, in the caller's words where they differ", () => {
    expect(problemFrom(errno('ENOENT'))).toEqual({ code: 'not-found', message: CHECK_WORDS.missing });
    expect(problemFrom(errno('EACCES'))).toEqual({ code: 'unreadable', message: 'permission denied' });
    const words = { ...CHECK_WORDS, notAFile: 'not a file', tooLong: (message: string) => `${message}: trim it` };
    expect(problemFrom(errno('EISDIR'), words)).toEqual({ code: 'unreadable', message: 'not a file' });
    expect(problemFrom(new VoiceprepError('too-long', '300.0 s'), words)).toEqual({ code: 'size', message: '300.0 s: trim it' });
  });

  it('tells anything else as unreadable, by its first line; a stop as interrupted', () => {
    expect(problemFrom(new RangeError('out of memory\n  at somewhere'))).toEqual({ code: 'unreadable', message: 'out of memory' });
    expect(problemFrom(new DOMException('stopped', 'AbortError'))).toEqual({ code: 'interrupted', message: CHECK_WORDS.interrupted });
  });
});

describe('failedRecord', () => {
  it('is a blank record with one problem, its fields in the order the JSON prints them', () => {
    const record = failedRecord('a.wav', 'not-found', 'no such file');
    expect(Object.keys(record)).toEqual(Object.keys(blankRecord('a.wav')));
    expect(record).toEqual({ ...blankRecord('a.wav'), problems: [{ code: 'not-found', message: 'no such file' }] });
  });
});
