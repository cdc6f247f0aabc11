import { describe, expect, it } from 'vitest';
import { DEFAULT_TRIM_MARGINS, trimRange } from './trim-range.js';

const stream = { samples: 80000, sampleRate: 8000 };

describe('trimRange', () => {
  it('keeps 100 ms before the speech and 200 ms after it by default', () => {
    expect(DEFAULT_TRIM_MARGINS).toEqual({ beforeSeconds: 0.1, afterSeconds: 0.2 });
    expect(trimRange({ ...stream, speechStart: 12000, speechEnd: 40000 })).toEqual({ start: 11200, end: 41600 });
  });

  it('takes other margins', () => {
    const margins = { beforeSeconds: 0.05, afterSeconds: 0.15 };
    expect(trimRange({ ...stream, speechStart: 12000, speechEnd: 40000 }, margins)).toEqual({ start: 11600, end: 41200 });
  });

  it('stays within the stream', () => {
    expect(trimRange({ ...stream, speechStart: 300, speechEnd: 79900 })).toEqual({ start: 0, end: 80000 });
  });

  it('keeps a stream without speech whole', () => {
    expect(trimRange({ ...stream, speechStart: 0, speechEnd: 0 })).toEqual({ start: 0, end: 80000 });
    expect(trimRange({ samples: 0, sampleRate: 8000, speechStart: 0, speechEnd: 0 })).toEqual({ start: 0, end: 0 });
  });
});
