// Loaded with `node --import` by bench/run.mjs: prints the process's peak resident memory (worker threads
// included) when it exits, so the bench can hold it against the memory bar.
import { writeSync } from 'node:fs';

process.on('exit', () => writeSync(2, `peak-rss-kb ${process.resourceUsage().maxRSS}\n`));
