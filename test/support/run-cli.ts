import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

export const BIN = fileURLToPath(new URL('../../bin/voiceprep.js', import.meta.url));

export interface CliRun {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: string;
  stderr: string;
}

export interface RunOptions {
  cwd: string;
  env?: NodeJS.ProcessEnv;
  /** Send this signal as soon as `when` (polled every few milliseconds) says so. */
  signal?: { name: NodeJS.Signals; when: () => boolean };
}

/** Runs the installed command the way a user does: a separate process, real streams, real exit code. */
export function runCli(args: string[], options: RunOptions): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const child = spawn(process.execPath, [BIN, ...args], {
      cwd: options.cwd,
      env: { ...process.env, NO_COLOR: '1', FORCE_COLOR: undefined, ...options.env },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let stdout = '';
    let stderr = '';
    let signalled = false;
    const send = () => {
      if (signalled || !options.signal) return;
      signalled = true;
      child.kill(options.signal.name);
    };
    child.stdout.on('data', (data: Buffer) => (stdout += data.toString()));
    child.stderr.on('data', (data: Buffer) => (stderr += data.toString()));
    const poll = setInterval(() => {
      if (options.signal?.when()) send();
    }, 3);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}
