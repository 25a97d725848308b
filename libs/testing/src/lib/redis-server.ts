import { spawn, type ChildProcess } from 'node:child_process';
import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createConnection } from 'node:net';
import { freePort } from './free-port';

export interface TestRedisServer {
  readonly port: number;
  readonly url: string;
  /** The running server's process id (changes after `restart`). */
  readonly pid: number;
  /** Stops it; a `persistent` server's data is removed unless `keepData` (for a `restart` with its data later). */
  stop(options?: { keepData?: boolean }): Promise<void>;
  /**
   * Starts it again on the same port: empty, or with `keepData` (a server started `persistent`) with everything it
   * held when it stopped.
   */
  restart(options?: { keepData?: boolean }): Promise<void>;
}

export interface TestRedisServerOptions {
  /** Keep the data in an append-only file (fsync on every write) in a temp dir of its own. @default false */
  readonly persistent?: boolean;
}

const START_TIMEOUT_MS = 10_000;

/**
 * A private `redis-server` on 127.0.0.1 and a free port, for tests that stop, restart or fill Redis.
 * Stopped by its PID; persists nothing unless started `persistent`.
 */
export async function startRedisServer(options: TestRedisServerOptions = {}): Promise<TestRedisServer> {
  const port = await freePort();
  const dir = options.persistent ? mkdtempSync(join(tmpdir(), 'pulse-redis-')) : undefined;
  let child = await launch(port, dir);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child.pid ?? -1;
    },
    async stop({ keepData = false } = {}) {
      await terminate(child);
      if (dir && !keepData) rmSync(dir, { recursive: true, force: true });
    },
    async restart({ keepData = false } = {}) {
      if (keepData && !dir)
        throw new Error('restart({ keepData }) needs a server started with { persistent: true }');
      await terminate(child);
      if (dir && !keepData) rmSync(dir, { recursive: true, force: true });
      if (dir) mkdirSync(dir, { recursive: true });
      child = await launch(port, dir);
    },
  };
}

async function launch(port: number, dir?: string): Promise<ChildProcess> {
  const persistence = dir
    ? ['--dir', dir, '--appendonly', 'yes', '--appendfsync', 'always']
    : ['--appendonly', 'no'];
  return launchRedisProcess(port, persistence);
}

/** Starts `redis-server` on 127.0.0.1:`port` with `args` added, and resolves once it answers PING. */
export async function launchRedisProcess(
  port: number,
  args: readonly string[],
  program: readonly string[] = ['redis-server'],
): Promise<ChildProcess> {
  const [command = 'redis-server', ...before] = program;
  const child = spawn(
    command,
    [
      ...before,
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      ...args,
      '--protected-mode',
      'yes',
      '--loglevel',
      'warning',
    ],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${stderr.trim()}`))),
  );
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) =>
      reject(new Error(`cannot start redis-server (is it installed?): ${error.message}`)),
    ),
  );
  await Promise.race([waitForPong(port), exited, spawnFailed]);
  return child;
}

function waitForPong(port: number): Promise<void> {
  const deadline = Date.now() + START_TIMEOUT_MS;
  return new Promise((resolve, reject) => {
    const attempt = () => {
      const socket = createConnection({ host: '127.0.0.1', port });
      socket.once('connect', () => socket.write('PING\r\n'));
      socket.once('data', (data) => {
        socket.destroy();
        if (data.toString().startsWith('+PONG')) resolve();
        else retry();
      });
      socket.once('error', () => {
        socket.destroy();
        retry();
      });
    };
    const retry = () => {
      if (Date.now() > deadline)
        return reject(new Error(`redis-server on ${port} did not answer within ${START_TIMEOUT_MS} ms`));
      setTimeout(attempt, 25);
    };
    attempt();
  });
}

/** Stops a process started by `launchRedisProcess` (SIGTERM, or `signal`), resolving once it exited. */
export function terminate(child: ChildProcess, signal: NodeJS.Signals = 'SIGTERM'): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill(signal);
  });
}
