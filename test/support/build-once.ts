import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * vitest global setup: compile the WebAssembly kernels (the specs import their embedded bytes) and src/ into dist/,
 * bundle the command line, and build the page (dist/web/voiceprep.html) that the browser tests open, so that tests
 * of the installed command and of the page test this very code.
 */
export default function buildOnce(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const run = (script: string, ...args: string[]) => execFileSync(process.execPath, [`${root}/${script}`, ...args], { cwd: root, stdio: 'inherit' });
  run('src/wasm/build-kernels.mjs');
  run('node_modules/typescript/bin/tsc', '-p', `${root}/tsconfig.build.json`);
  run('src/cli/bundle.mjs');
  run('src/web/build-page.mjs');
}
