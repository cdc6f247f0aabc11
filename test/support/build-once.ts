import { execFileSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

/**
 * vitest global setup: compile src/ into dist/ so that tests of the installed command test this very code, and
 * build the page (dist/web/voiceprep.html) that the browser tests open.
 */
export default function buildOnce(): void {
  const root = fileURLToPath(new URL('../..', import.meta.url));
  const run = (script: string, args: string[]) => execFileSync(process.execPath, [`${root}/${script}`, ...args], { cwd: root, stdio: 'inherit' });
  run('node_modules/typescript/bin/tsc', ['-p', `${root}/tsconfig.build.json`]);
  run('src/web/build-page.mjs', []);
}
