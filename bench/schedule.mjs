// How evenly `convert` shares a library between threads, modelled from each file's measured CPU cost (converted
// alone in this process, warm), so that the figure does not move with the load of a shared machine.
import { readFileSync, readdirSync, statSync } from 'node:fs';
import { join } from 'node:path';
import { convertBytes } from '../dist/index.js';
import { estimatedWork } from '../dist/batch/work-order.js';

/** Before the worker threads take their first file (Node's worker start-up, measured at about 100-150 ms). */
const WORKER_START_MS = 120;
/** What a file handed to a worker waits, on average, for the main thread's next turn (one every 20 ms). */
const HANDOVER_MS = 10;

/**
 * The time `threads` threads take over the files of `folder`, relative to an even split of the work: in the
 * listing order with every worker's file handed over at the main thread's turns (before issue 24), and as convert
 * does now (most work first, a file queued in each worker while more files remain than threads).
 */
export async function modelSchedule(folder, threads) {
  const names = readdirSync(folder).sort();
  const cost = {};
  const cpu = () => process.cpuUsage().user / 1000 + process.cpuUsage().system / 1000;
  for (const pass of [0, 1]) {
    for (const name of names) {
      const bytes = readFileSync(join(folder, name));
      const start = cpu();
      await convertBytes(bytes);
      // the second pass, warm, counts
      if (pass === 1) cost[name] = cpu() - start;
    }
  }
  const total = names.reduce((sum, name) => sum + cost[name], 0);
  const even = (total + WORKER_START_MS * (threads - 1)) / threads;
  const work = (name) => estimatedWork(name, statSync(join(folder, name)).size);
  const mostWorkFirst = names.slice().sort((a, b) => work(b) - work(a));
  return {
    before: makespan(names, cost, threads, false) / even,
    now: makespan(mostWorkFirst, cost, threads, true) / even,
  };
}

/** Thread 0 is the main thread; a worker's file waits for a hand-over unless it was queued in that worker. */
function makespan(order, cost, threads, queue) {
  const free = Array.from({ length: threads }, (_, thread) => (thread === 0 ? 0 : WORKER_START_MS));
  order.forEach((name, index) => {
    const thread = free.indexOf(Math.min(...free));
    const queued = queue && order.length - index > threads;
    free[thread] += cost[name] + (thread > 0 && !queued ? HANDOVER_MS : 0);
  });
  return Math.max(...free);
}
