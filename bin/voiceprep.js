#!/usr/bin/env node
// The installed command: a thin shell around the bundled CLI in dist/bundle/ (built by `npm install` via `prepare`).
import { main } from '../dist/bundle/cli.js';

process.exitCode = await main(process.argv.slice(2));
