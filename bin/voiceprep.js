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
const code = await main(process.argv.slice(2), undefined, { held, release });
release();
// a signal held while no command took it over (help, a usage error) still ends the run as that signal does
process.exitCode = held.length > 0 && code === 0 ? { SIGINT: 130, SIGTERM: 143 }[held[0]] : code;
