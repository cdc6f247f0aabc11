#!/usr/bin/env node
// `npm test` runs this first: the page's tests (test/web) drive Debian's Chromium at /usr/bin/chromium
// (Playwright's own browser download cannot be reached from these machines). Where it is missing and we may
// install packages (root, apt-get), it is installed; elsewhere one line says what to install.
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';

const BROWSER = '/usr/bin/chromium';

if (!existsSync(BROWSER)) {
  const canInstall = process.getuid?.() === 0 && existsSync('/usr/bin/apt-get');
  if (!canInstall) {
    process.stderr.write(`voiceprep: the page's tests need Chromium at ${BROWSER}: install Debian's chromium package (apt-get install chromium)\n`);
    process.exit(1);
  }
  process.stderr.write(`voiceprep: installing Debian's chromium for the page's tests (${BROWSER} is missing)\n`);
  const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
  execFileSync('apt-get', ['update', '-q'], { stdio: 'inherit', env });
  execFileSync('apt-get', ['install', '-y', '-q', 'chromium'], { stdio: 'inherit', env });
}
