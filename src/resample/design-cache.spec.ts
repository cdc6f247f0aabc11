import { describe, expect, it } from 'vitest';
import { cachedDesign } from './design-cache.js';

describe('cachedDesign', () => {
  it('designs a filter once per key and hands the same coefficients to every later stage', () => {
    let designed = 0;
    const design = () => {
      designed++;
      return Float64Array.from([0.25, 0.5, 0.25]);
    };
    const first = cachedDesign('spec same key', design);
    expect(cachedDesign('spec same key', design)).toBe(first);
    expect(designed).toBe(1);
    expect(cachedDesign('spec other key', design)).not.toBe(first);
    expect(designed).toBe(2);
  });

  it('stays bounded: the oldest designs go first, and one too large to keep is designed every time', () => {
    const megabank = () => new Float64Array(1024 * 1024);
    const a = cachedDesign('spec bank a', megabank);
    const b = cachedDesign('spec bank b', megabank);
    expect(cachedDesign('spec bank a', megabank)).toBe(a);
    cachedDesign('spec bank c', megabank);
    expect(cachedDesign('spec bank a', megabank)).not.toBe(a);
    expect(cachedDesign('spec bank b', megabank)).not.toBe(b);

    const huge = () => new Float64Array(3 * 1024 * 1024);
    expect(cachedDesign('spec huge', huge)).not.toBe(cachedDesign('spec huge', huge));
  });
});
