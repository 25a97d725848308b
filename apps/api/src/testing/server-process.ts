import { spawn, type ChildProcess } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { connect } from 'node:net';

const KEPT_OUTPUT_CHARS = 40_000;

/** A command that ends in the Pulse server (`npm start`, `npm run start:prod`), run in a process group of its own. */
export interface ServerProcess {
  /** The command's process (npm): the leader of the group. */
  readonly child: ChildProcess;
  /** Resolves once the server logs that it listens: its URL and its own pid (from the JSON line); rejects on exit. */
  readonly listening: Promise<{ url: string; port: number; pid: number }>;
  /** Resolves with the command's exit code, or the signal that ended it. */
  readonly exited: Promise<number | NodeJS.Signals | null>;
  /** What the command printed (the tail), stdout and stderr together. */
  output(): string;
}

/**
 * Starts `command args` in `cwd` with exactly `env` (nothing inherited), detached: the group is what a supervisor or
 * a CI runner signals. Rejects `listening` after `listenTimeoutMs` (and kills the group) when no server comes up.
 */
export function startServerProcess(
  command: string,
  args: readonly string[],
  options: { cwd: string; env: Readonly<Record<string, string>>; listenTimeoutMs: number },
): ServerProcess {
  const child = spawn(command, args, {
    cwd: options.cwd,
    env: options.env,
    detached: true,
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  const exited = new Promise<number | NodeJS.Signals | null>((resolve) =>
    child.once('exit', (code, signal) => resolve(signal ?? code)),
  );
  const listening = new Promise<{ url: string; port: number; pid: number }>((resolve, reject) => {
    const timer = setTimeout(() => {
      killGroup(child);
      reject(new Error(`no server listened within ${options.listenTimeoutMs} ms:\n${output}`));
    }, options.listenTimeoutMs);
    const onData = (chunk: Buffer) => {
      output = (output + chunk.toString()).slice(-KEPT_OUTPUT_CHARS);
      const line = /^\{.*"msg":"Pulse listening on (http:\/\/[^"]+)".*\}$/m.exec(output);
      if (!line) return;
      clearTimeout(timer);
      const url = line[1];
      resolve({ url, port: Number(new URL(url).port), pid: (JSON.parse(line[0]) as { pid: number }).pid });
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('error', (error) => {
      clearTimeout(timer);
      reject(error);
    });
    void exited.then((how) => {
      clearTimeout(timer);
      reject(new Error(`the command exited (${how}) before a server listened:\n${output}`));
    });
  });
  listening.catch(() => undefined);
  return { child, listening, exited, output: () => output };
}

/** SIGKILL to the whole group of `child` (it was started detached); a no-op when the group is gone. */
export function killGroup(child: ChildProcess): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, 'SIGKILL');
  } catch {
    // the group is gone
  }
}

/**
 * Whether any thread of process `pid` is still alive. A killed process's main thread turns zombie first while its
 * other threads still hold its files (the listening socket among them), so the main thread alone says too little.
 */
export function isRunning(pid: number): boolean {
  let threads: string[];
  try {
    threads = readdirSync(`/proc/${pid}/task`);
  } catch {
    return false;
  }
  return threads.some((tid) => {
    try {
      // /proc/PID/task/TID/stat: "tid (comm) state ...": Z and X are dead, waiting to be reaped.
      const stat = readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
      return !['Z', 'X'].includes(stat.charAt(stat.lastIndexOf(')') + 2));
    } catch {
      return false;
    }
  });
}

/** The process group of a running process (field 5 of /proc/PID/stat). */
export function processGroupOf(pid: number): number {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  return Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[2]);
}

/** Resolves true when something accepts a TCP connection on 127.0.0.1:`port`, false when it is refused. */
export function acceptsConnections(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = connect({ host: '127.0.0.1', port });
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}
