import { spawn } from 'node:child_process';
import { createInterface } from 'node:readline';
import { reapOnExit } from './child-reaper';

export interface ServerSpec {
  label: string;
  command: string;
  args: string[];
  env: NodeJS.ProcessEnv;
  cwd: string;
  /** @default 30000 */
  readyTimeoutMs?: number;
}

/** A started server: its PID (for /proc), its base URL, and a stop that resolves once it has exited. */
export interface ServerProcess {
  readonly label: string;
  readonly pid: number;
  /** `http://127.0.0.1:PORT` */
  readonly baseUrl: string;
  /** SIGTERM lets a server exit on its own (profiles get written); SIGKILL is immediate. */
  stop(signal?: 'SIGTERM' | 'SIGKILL', graceMs?: number): Promise<void>;
}

const LISTENING = /listening on http:\/\/(127\.0\.0\.1|localhost):(\d+)/;

/** Starts a server and waits for its "listening on http://127.0.0.1:PORT" line. */
export function startServer(spec: ServerSpec): Promise<ServerProcess> {
  const child = spawn(spec.command, spec.args, {
    env: spec.env,
    cwd: spec.cwd,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  reapOnExit(child);
  const stderrTail: string[] = [];
  createInterface({ input: child.stderr }).on('line', (line) => {
    stderrTail.push(line);
    if (stderrTail.length > 20) stderrTail.shift();
  });
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));

  const stop = async (signal: 'SIGTERM' | 'SIGKILL' = 'SIGKILL', graceMs = 5000): Promise<void> => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill(signal);
    const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
    await exited;
    clearTimeout(timer);
  };

  let ready = false;
  return new Promise((resolve, reject) => {
    const timeoutMs = spec.readyTimeoutMs ?? 30_000;
    const timer = setTimeout(() => fail(`not listening after ${timeoutMs} ms`), timeoutMs);
    const fail = (why: string): void => {
      clearTimeout(timer);
      void stop();
      reject(new Error(`${spec.label}: ${why}\n${stderrTail.join('\n')}`));
    };
    child.once('error', (error) => fail(error.message));
    child.once('exit', (code, signal) => {
      if (!ready) fail(`exited early (${signal ?? code})`);
    });
    createInterface({ input: child.stdout }).on('line', (line) => {
      const match = LISTENING.exec(line);
      if (ready || !match || child.pid === undefined) return;
      ready = true;
      clearTimeout(timer);
      resolve({ label: spec.label, pid: child.pid, baseUrl: `http://127.0.0.1:${match[2]}`, stop });
    });
  });
}
