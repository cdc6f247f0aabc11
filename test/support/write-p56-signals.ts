/** Writes P56_SIGNALS as raw 16-bit little-endian files `<name>.<rate>.raw` into the folder given, for `actlev`. */
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { P56_SIGNALS } from './p56-signals.js';
import { raw16 } from './speech-like.js';

const folder = process.argv[2];
if (!folder) throw new Error('usage: vite-node test/support/write-p56-signals.ts <folder>');
mkdirSync(folder, { recursive: true });
for (const signal of P56_SIGNALS) writeFileSync(join(folder, `${signal.name}.${signal.rate}.raw`), raw16(signal.samples()));
