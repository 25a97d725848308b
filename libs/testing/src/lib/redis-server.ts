import { spawn, type ChildProcess } from 'node:child_process';
import { createConnection } from 'node:net';
import { freePort } from './free-port';

export interface TestRedisServer {
  readonly port: number;
  readonly url: string;
  /** The running server's process id (changes after `restart`). */
  readonly pid: number;
  stop(): Promise<void>;
  /** Starts it again on the same port, empty (nothing is saved). */
  restart(): Promise<void>;
}

const START_TIMEOUT_MS = 10_000;

/**
 * A private `redis-server` on 127.0.0.1 and a free port, for tests that stop, restart or fill Redis.
 * Stopped by its PID; persists nothing.
 */
export async function startRedisServer(): Promise<TestRedisServer> {
  const port = await freePort();
  let child = await launch(port);
  return {
    port,
    url: `redis://127.0.0.1:${port}`,
    get pid() {
      return child.pid ?? -1;
    },
    stop: () => terminate(child),
    async restart() {
      await terminate(child);
      child = await launch(port);
    },
  };
}

async function launch(port: number): Promise<ChildProcess> {
  const child = spawn(
    'redis-server',
    ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes', '--loglevel', 'warning'],
    { stdio: ['ignore', 'ignore', 'pipe'] },
  );
  let stderr = '';
  child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
  const exited = new Promise<never>((_, reject) =>
    child.once('exit', (code) => reject(new Error(`redis-server exited with ${code}: ${stderr.trim()}`))),
  );
  const spawnFailed = new Promise<never>((_, reject) =>
    child.once('error', (error) => reject(new Error(`cannot start redis-server (is it installed?): ${error.message}`))),
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
      if (Date.now() > deadline) return reject(new Error(`redis-server on ${port} did not answer within ${START_TIMEOUT_MS} ms`));
      setTimeout(attempt, 25);
    };
    attempt();
  });
}

function terminate(child: ChildProcess): Promise<void> {
  return new Promise((resolve) => {
    if (child.exitCode !== null || child.signalCode !== null) return resolve();
    child.once('exit', () => resolve());
    child.kill('SIGTERM');
  });
}
