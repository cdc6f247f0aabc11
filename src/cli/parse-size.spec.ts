import { describe, expect, it } from 'vitest';
import { parseSize } from './parse-size.js';

describe('parseSize', () => {
  it('reads plain byte counts and binary units in any case', () => {
    expect(parseSize('2097152')).toBe(2097152);
    expect(parseSize('2MB')).toBe(2097152);
    expect(parseSize('2m')).toBe(2097152);
    expect(parseSize('2MiB')).toBe(2097152);
    expect(parseSize('500KB')).toBe(512000);
    expect(parseSize('1.5M')).toBe(1572864);
    expect(parseSize('1GB')).toBe(1073741824);
    expect(parseSize('1g')).toBe(1073741824);
    expect(parseSize('2GiB')).toBe(2147483648);
  });

  it('rejects what is not a positive size', () => {
    for (const text of ['', 'MB', '-1', '0', '2TB', '2 M B', 'abc', '1e6']) expect(parseSize(text)).toBeNull();
  });
});
