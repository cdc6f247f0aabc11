import { afterEach, describe, expect, it, vi } from 'vitest';
import { fixture } from '../../test/fixtures/compressed/reference.js';
import { mp3Reader } from '../formats/mp3/mp3-reader.js';
import { DEFAULT_PROFILE } from '../profile/profile.js';
import { TEAMS } from '../profile/targets/teams.js';
import { convertBytes } from './convert-bytes.js';

afterEach(() => {
  vi.restoreAllMocks();
});

describe('what a conversion tells the reader it will keep', () => {
  it.each([DEFAULT_PROFILE, TEAMS])('up to the Nyquist frequency of the output ($sampleRate Hz), mixed to mono', async (profile) => {
    const open = vi.spyOn(mp3Reader, 'open');
    await convertBytes(fixture('l3-speech-joint.mp3'), { profile });
    expect(open).toHaveBeenCalledTimes(1);
    expect(open.mock.calls[0][1]).toMatchObject({ bandwidthHz: profile.sampleRate / 2, mono: profile.channels === 1 });
  });
});
