#!/usr/bin/env node
// The installed command: a thin shell around the bundled CLI in dist/bundle/ (built by `npm install` via `prepare`).
// Loading the bundle takes about a tenth of a second; a Ctrl-C or SIGTERM in that time is held, not obeyed at once,
// and the command then starts already interrupted: convert still prints its whole report (every input marked
// interrupted), as it does for a signal that comes later.
const held = [];
const hold = (signal) => held.push(signal);
process.on('SIGINT', hold);
process.on('SIGTERM', hold);
const { main } = await import('../dist/bundle/cli.js');
process.off('SIGINT', hold);
process.off('SIGTERM', hold);

process.exitCode = await main(process.argv.slice(2), undefined, held[0]);
