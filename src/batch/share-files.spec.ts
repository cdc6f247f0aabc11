import { describe, expect, it } from 'vitest';
import { type Lane, shareFiles } from './share-files.js';

/** A lane that records what it takes; each file takes `ticks[index]` turns of the microtask queue. */
function lane(name: string, log: string[], ticks: number[], reserve = 0): Lane {
  return {
    reserve,
    take: async (index) => {
      log.push(`${name}:${index}`);
      for (let i = 0; i < ticks[index]; i++) await Promise.resolve();
    },
  };
}

describe('shareFiles', () => {
  it('gives the first file to the first lane, and every file to a lane as it comes free', async () => {
    const log: string[] = [];
    await shareFiles(4, [lane('main', log, [5, 1, 1, 1]), lane('worker', log, [5, 1, 1, 1])], () => false);
    expect(log).toEqual(['main:0', 'worker:1', 'worker:2', 'worker:3']);
  });

  it('queues files in a lane with a reserve only while more files remain than the reserve', async () => {
    const log: string[] = [];
    const ticks = [3, 3, 3, 3, 3];
    const lanes = [lane('main', log, ticks), lane('worker', log, ticks), lane('queue', log, ticks, 2)];
    await shareFiles(5, lanes, () => false);
    // the queue lane took index 2 (3 left, more than 2) and then stopped: the last two went to the free threads
    expect(log.slice(0, 3)).toEqual(['main:0', 'worker:1', 'queue:2']);
    expect(log.filter((entry) => entry.startsWith('queue'))).toEqual(['queue:2']);
    expect(log.length).toBe(5);
  });

  it('leaves two files to two threads, queueing none', async () => {
    const log: string[] = [];
    const ticks = [1, 1];
    await shareFiles(2, [lane('main', log, ticks), lane('worker', log, ticks), lane('queue', log, ticks, 2)], () => false);
    expect(log).toEqual(['main:0', 'worker:1']);
  });

  it('takes no file once stopped', async () => {
    const log: string[] = [];
    let stopped = false;
    const first = lane('main', log, [1, 1, 1]);
    await shareFiles(3, [{ reserve: 0, take: async (index) => ((stopped = true), first.take(index)) }], () => stopped);
    expect(log).toEqual(['main:0']);
  });
});
