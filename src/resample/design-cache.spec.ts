import { describe, expect, it } from 'vitest';
import { cachedDesign } from './design-cache.js';

describe('cachedDesign', () => {
  it('designs a filter once per key and hands the same coefficients to every later stage', () => {
    let designed = 0;
    const design = () => {
      designed++;
      return Float32Array.from([0.25, 0.5, 0.25]);
    };
    const first = cachedDesign('spec same key', design);
    expect(cachedDesign('spec same key', design)).toBe(first);
    expect(designed).toBe(1);
    expect(cachedDesign('spec other key', design)).not.toBe(first);
    expect(designed).toBe(2);
  });

  it('stays bounded: the oldest designs go first, and one too large to keep is designed every time', () => {
    const designed: string[] = [];
    const megabank = (key: string) => () => {
      designed.push(key);
      return new Float32Array(1024 * 1024);
    };
    const lookUp = (key: string) => cachedDesign(`spec bank ${key}`, megabank(key));
    for (const key of ['a', 'b', 'a', 'c', 'a', 'b']) lookUp(key);
    // a and b fill the cache; c pushes a out, and a coming back pushes b out
    expect(designed).toEqual(['a', 'b', 'c', 'a', 'b']);

    let hugeDesigns = 0;
    const huge = () => {
      hugeDesigns++;
      return new Float32Array(3 * 1024 * 1024);
    };
    cachedDesign('spec huge', huge);
    cachedDesign('spec huge', huge);
    expect(hugeDesigns).toBe(2);
  });
});
