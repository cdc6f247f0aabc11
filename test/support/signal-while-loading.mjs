// Imported first (node --import) by a test: sends this process a SIGTERM the moment the command asks for its bundle
// (dist/bundle/cli.js), so that the signal comes while the command is still loading, before any of its handlers.
import { register } from 'node:module';

const hooks = `
export async function resolve(specifier, context, nextResolve) {
  if (specifier.endsWith('bundle/cli.js')) process.kill(process.pid, 'SIGTERM');
  return nextResolve(specifier, context);
}`;
register(`data:text/javascript,${encodeURIComponent(hooks)}`);
