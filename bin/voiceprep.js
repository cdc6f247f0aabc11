#!/usr/bin/env node
// The installed command: a thin shell around the bundled CLI in dist/bundle/ (built by `npm install` via `prepare`).
// Loading the bundle and the command takes a tenth of a second or more; a Ctrl-C or SIGTERM in that time is held, not
// obeyed at once, until the command takes it over (src/cli/exit-codes.ts, HeldSignals): convert then starts stopped
// and still prints its whole report, every input marked interrupted, as it does for a signal that comes later.
const held = [];
const hold = (signal) => held.push(signal);
const release = () => {
  process.off('SIGINT', hold);
  process.off('SIGTERM', hold);
};
process.on('SIGINT', hold);
process.on('SIGTERM', hold);
const { main } = await import('../dist/bundle/cli.js');
process.exitCode = await main(process.argv.slice(2), undefined, { held, release });
release();
