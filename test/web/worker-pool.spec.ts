import { describe, expect, it } from 'vitest';
import { roomFor } from '../../src/web/page/worker-pool.js';

const MiB = 1024 * 1024;

describe("the page's worker pool", () => {
  it('lets a worker read ahead up to four small files, so that reading overlaps converting', () => {
    expect(roomFor([], 2 * MiB)).toBe(true);
    expect(roomFor([2 * MiB, 2 * MiB, 2 * MiB], 2 * MiB)).toBe(true);
    expect(roomFor([2 * MiB, 2 * MiB, 2 * MiB, 2 * MiB], 1)).toBe(false);
  });

  it('but holds no more than 32 MiB of files at once, unless one file alone is larger', () => {
    expect(roomFor([20 * MiB], 12 * MiB)).toBe(true);
    expect(roomFor([20 * MiB], 12 * MiB + 1)).toBe(false);
    expect(roomFor([], 600 * MiB)).toBe(true);
    expect(roomFor([600 * MiB], 1)).toBe(false);
  });
});
