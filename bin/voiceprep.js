#!/usr/bin/env node
// The installed command: a thin shell around the compiled CLI in dist/ (built by `npm install` via `prepare`).
import { main } from '../dist/cli/main.js';

process.exitCode = await main(process.argv.slice(2));
