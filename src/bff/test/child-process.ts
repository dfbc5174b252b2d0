/**
 * Runs one of the repo's entry points (`src/…/main.ts`) as a real child process, the way `npm run`
 * would, and waits for the line that says it is ready.
 */
import { spawn } from 'node:child_process';

export type ChildProcess = {
  /** The ready line's match. */
  ready: RegExpMatchArray;
  /** Everything it printed so far (stdout and stderr). */
  output(): string;
  /** SIGTERM (or `signal`: SIGKILL for a crash), then waits for it to exit. */
  stop(signal?: NodeJS.Signals): Promise<void>;
};

export async function startEntryPoint(
  script: string,
  { args = [], env = {}, ready }: { args?: string[]; env?: Record<string, string>; ready: RegExp },
): Promise<ChildProcess> {
  const child = spawn(process.execPath, ['--import', 'tsx', script, ...args], {
    env: { ...process.env, ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  // Not left running if this process ends without stopping it (a failed run, an uncaught error).
  const orphaned = () => child.kill();
  process.once('exit', orphaned);
  const exited = new Promise<void>((resolve) =>
    child.once('exit', () => {
      process.off('exit', orphaned);
      resolve();
    }),
  );
  const match = await new Promise<RegExpMatchArray>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      output += String(chunk);
      const found = output.match(ready);
      if (found) resolve(found);
    };
    child.stdout.on('data', onData);
    child.stderr.on('data', onData);
    child.once('exit', (code) =>
      reject(new Error(`${script} exited (${code}) before it was ready:\n${output}`)),
    );
  });
  return {
    ready: match,
    output: () => output,
    stop: async (signal = 'SIGTERM') => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
      await exited;
    },
  };
}

/**
 * A Sync Desk server (`src/bff/main.ts`) on a loopback port of its own, with `env` on top of quiet
 * logs; `ready[1]` is its URL, `ready[2]` what it serves (Monite's address, or demo mode).
 */
export const startServer = (env: Record<string, string>): Promise<ChildProcess> =>
  startEntryPoint('src/bff/main.ts', {
    env: { PORT: '0', HOST: '127.0.0.1', LOG_LEVEL: 'warn', ...env },
    ready: /Sync Desk is running at (\S+)\n(.*)\n/,
  });
