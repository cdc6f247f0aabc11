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
  /** Run this program with `args` instead of voiceprep (a shell that sets limits, say). */
  command?: string;
  /** Kill the run after this long (it then reports SIGKILL): a hang fails the test instead of stalling it. */
  timeoutMs?: number;
}

/** Runs the installed command the way a user does: a separate process, real streams, real exit code. */
export function runCli(args: string[], options: RunOptions): Promise<CliRun> {
  return new Promise((resolvePromise, reject) => {
    const [command, argv] = options.command ? [options.command, args] : [process.execPath, [BIN, ...args]];
    const child = spawn(command, argv, {
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
    const deadline = setTimeout(() => child.kill('SIGKILL'), options.timeoutMs ?? 60_000);
    child.on('error', reject);
    child.on('close', (code, signal) => {
      clearInterval(poll);
      clearTimeout(deadline);
      resolvePromise({ code, signal, stdout, stderr });
    });
  });
}
